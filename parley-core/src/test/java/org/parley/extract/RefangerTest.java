package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.extract.internal.RefangedText;
import org.parley.extract.internal.Refanger;

class RefangerTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "hxxps://a[.]b(.)c{.}d[dot]e|https://a.b.c.d.e",
      "hXXp[:]//x[.]com|http://x.com",
      "bob[@]x[.]com|bob@x.com",
      "bob[at]x[.]com|bob@x.com",
      "evil。com／path|evil.com/path",
      "evil．com：443|evil.com:443",
      "a［.］b|a.b",
      "the (dot) in prose stays|the (dot) in prose stays",
      "shxxp stays|shxxp stays",
      "pay\u00adload\u200b[.]evil[.]com|payload.evil.com",
      "\u200b\u2060\ufeffx|x",
  })
  void refang_rewritesDefangedForms(String in, String expected) {
    assertThat(Refanger.refang(in).text()).isEqualTo(expected);
  }

  @Test
  void refang_offsetsMapBackToOriginal() {
    String in = "x hxxps://evil[.]com[/]a y";
    RefangedText rt = Refanger.refang(in);
    int s = rt.text().indexOf("https");
    int e = rt.text().indexOf(" y");
    assertThat(in.substring(rt.originalStart(s), rt.originalEnd(e))).isEqualTo("hxxps://evil[.]com[/]a");
    assertThat(rt.rewritten(s, e)).isTrue();
    assertThat(rt.rewritten(0, 1)).isFalse();
  }

  @Test
  void refang_deletedInvisibles_mapAroundThem_andAreNoDefang() {
    String in = "a \u200bbad\u00addomain\u200b[.]com\u200b z";
    RefangedText rt = Refanger.refang(in);
    assertThat(rt.text()).isEqualTo("a baddomain.com z");
    int s = rt.text().indexOf("bad");
    int e = rt.text().indexOf(" z");
    assertThat(in.substring(rt.originalStart(s), rt.originalEnd(e))).isEqualTo("bad\u00addomain\u200b[.]com");
    assertThat(rt.rewritten(s, e)).isTrue(); // the [.]
    int d = rt.text().indexOf("domain");
    assertThat(rt.rewritten(s, d + 6)).isFalse(); // only the soft hyphen inside
    assertThat(in.substring(rt.originalStart(d), rt.originalEnd(d + 6))).isEqualTo("domain");
  }

  /** Property: for random text, mapped offsets are monotone and within the original. */
  @Test
  void refang_randomText_offsetsMonotoneAndInRange() {
    String alphabet = "ab.[]()dot:@/xhp。．：／ \u00ad\u200b";
    Random r = new Random(7);
    for (int round = 0; round < 500; round++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(60);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String in = sb.toString();
      RefangedText rt = Refanger.refang(in);
      int prev = 0;
      for (int i = 0; i <= rt.text().length(); i++) {
        int o = rt.originalStart(Math.min(i, rt.text().length()));
        assertThat(o).isBetween(prev, in.length());
        prev = o;
        if (i > 0) {
          assertThat(rt.originalEnd(i)).isBetween(rt.originalStart(i - 1) + 1, in.length());
        }
      }
    }
  }
}
