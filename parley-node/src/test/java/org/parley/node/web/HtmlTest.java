package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTest {
  @Test
  void escape_markupCharacters_becomeEntities() {
    assertThat(Html.escape("<script>alert('x')</script> & \"q\" `b`"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; &#96;b&#96;");
  }

  @Test
  void escape_chineseAndNewlines_areKept() {
    assertThat(Html.escape("共享資料\n集合\t")).isEqualTo("共享資料\n集合\t");
  }

  @Test
  void escape_bidirectionalOverridesAndIsolates_areReplaced() {
    assertThat(Html.escape("invoice\u202Efdp.exe \u2066x\u2069")).isEqualTo("invoice\uFFFDfdp.exe \uFFFDx\uFFFD");
  }

  @Test
  void escape_nulAndControlCharacters_areReplaced() {
    assertThat(Html.escape("a\0b\u0001c")).isEqualTo("a\uFFFDb\uFFFDc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"><img src=x onerror=alert(1)>", "' autofocus onfocus='alert(1)", "</title><script>",
      "<!--", "]]>", "<svg/onload=alert(1)>"})
  void text_attackStrings_neverLeaveTheTextOrAttributeContext(String attack) {
    String page = new Html().raw("<p title=\"").text(attack).raw("\">").text(attack).raw("</p>").toString();

    assertThat(page.chars().filter(c -> c == '<').count()).isEqualTo(2);
    assertThat(page.chars().filter(c -> c == '>').count()).isEqualTo(2);
    assertThat(page.chars().filter(c -> c == '"').count()).isEqualTo(2);
    assertThat(page).doesNotContain("'").startsWith("<p title=\"").endsWith("</p>");
  }

  @Test
  void escape_randomStrings_containNoRawMarkupCharacters() {
    Random random = new Random(20261127);
    for (int n = 0; n < 2000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        s.append((char) random.nextInt(0x80));
      }
      String e = Html.escape(s.toString());
      assertThat(e).doesNotContain("<", ">", "\"", "'", "`", "\0");
      assertThat(e.replaceAll("&(amp|lt|gt|quot|#39|#96);", "")).doesNotContain("&");
    }
  }
}
