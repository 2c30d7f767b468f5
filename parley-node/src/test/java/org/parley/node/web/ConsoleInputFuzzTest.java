package org.parley.node.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.parley.stix.Bytes;

/**
 * Fuzzes the console's handling of untrusted request and stored text: Accept-Language, the switcher's return
 * path, HTML escaping and the labels and pretty-printing of stored objects. None may throw, none may let markup
 * or an off-console redirect through. Plain {@code mvn test} replays the kept inputs under
 * src/test/resources/.../ConsoleInputFuzzTestInputs/.
 */
class ConsoleInputFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void acceptLanguage(FuzzedDataProvider data) {
    Language l = Language.fromAcceptLanguage(Optional.of(data.consumeRemainingAsString()));
    if (l == null) {
      throw new AssertionError("no language chosen");
    }
  }

  @FuzzTest(maxDuration = "60s")
  void switcherReturnPath(FuzzedDataProvider data) {
    String next = Console.safeNext(data.consumeRemainingAsString());
    if (!next.startsWith("/console/") || next.contains("//") || next.contains("\\")
        || !next.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new AssertionError("unsafe return path accepted: " + next);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void escaping(FuzzedDataProvider data) {
    String e = Html.escape(data.consumeRemainingAsString());
    if (e.indexOf('<') >= 0 || e.indexOf('>') >= 0 || e.indexOf('"') >= 0 || e.indexOf('\'') >= 0
        || e.indexOf('\0') >= 0) {
      throw new AssertionError("markup character survived escaping");
    }
  }

  @FuzzTest(maxDuration = "60s")
  void storedObjectText(FuzzedDataProvider data) {
    Bytes json = Bytes.copyOf(data.consumeRemainingAsBytes());
    Optional<String> label = StixText.label(json);
    if (label.isPresent() && label.get().length() > StixText.MAX_LABEL + 1) {
      throw new AssertionError("label longer than the limit");
    }
    StixText.pretty(json);
  }
}
