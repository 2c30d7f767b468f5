package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = Messages.load();

  @Test
  void everyKey_existsInAllThreeLanguages() {
    Set<String> english = messages.keys(Language.EN);
    for (Language l : Language.values()) {
      assertThat(messages.keys(l)).as(l.tag()).containsExactlyInAnyOrderElementsOf(english);
    }
  }

  @Test
  void everyText_isNonBlank_andKeepsTheEnglishPlaceholders() {
    for (String key : messages.keys(Language.EN)) {
      Set<String> placeholders = placeholders(messages.get(Language.EN, key));
      for (Language l : Language.values()) {
        String text = messages.get(l, key);
        assertThat(text).as(l.tag() + " " + key).isNotBlank();
        assertThat(placeholders(text)).as(l.tag() + " " + key).isEqualTo(placeholders);
      }
    }
  }

  @Test
  void chineseTexts_areWrittenInTheirOwnScript() {
    assertThat(messages.get(Language.ZH_HANS, "collections.title")).isEqualTo("共享数据集合");
    assertThat(messages.get(Language.ZH_HANT, "collections.title")).isEqualTo("共享資料集合");
    assertThat(messages.get(Language.ZH_HANS, "login.title")).isNotEqualTo(messages.get(Language.ZH_HANT,
        "login.title"));
  }

  @Test
  void everyKeyUsedInTheSources_exists() throws IOException {
    Pattern used = Pattern.compile("\\.t\\(\"([a-z_.]*[a-z_])\"|\"(error\\.[a-z_]+)\"");
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/org/parley/node/web"))) {
      for (Path p : files.toList()) {
        Matcher m = used.matcher(Files.readString(p));
        while (m.find()) {
          keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
      }
    }
    for (org.parley.marking.Role r : org.parley.marking.Role.values()) {
      keys.add("role." + r.name().toLowerCase(java.util.Locale.ROOT)); // built from the enum in Pages.roles
    }
    assertThat(keys).hasSizeGreaterThan(30);
    assertThat(messages.keys(Language.EN)).containsAll(keys);
  }

  @Test
  void get_substitutesArgumentsOnce() {
    assertThat(messages.get(Language.EN, "header.party", "{0}<b>")).isEqualTo("Signed in as {0}<b>");
  }

  @Test
  void get_unknownKey_throws() {
    assertThatThrownBy(() -> messages.get(Language.EN, "no.such.key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.key");
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile("\\{\\d}").matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
