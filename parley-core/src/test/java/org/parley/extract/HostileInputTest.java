package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inputs built to trip backtracking or quadratic scans; each must finish with a result. */
class HostileInputTest {
  private final Extractor extractor = Extractor.builtIn();

  @Test
  void extract_megabyteLineOfDots_finishes() throws Exception {
    assertThat(extractor.extract(Documents.ofText("x", "a.".repeat(1_000_000))).indicators()).isEmpty();
  }

  @Test
  void extract_megabyteTokenOfHex_isSkippedWhole() throws Exception {
    assertThat(extractor.indicators("ab".repeat(600_000))).isEmpty();
  }

  @Test
  void extract_manyShortPathsAndSchemes_finishes() throws Exception {
    String s = "C:\\a b\\".repeat(100_000) + " http://".repeat(50_000) + "%x%\\".repeat(50_000);
    assertThat(extractor.extract(Documents.ofText("x", s))).isNotNull();
  }

  @Test
  void extract_manyDefangBrackets_finishes() throws Exception {
    String s = "[.](.){.}[dot][:][@]".repeat(100_000) + "x[.]y[.]com";
    assertThat(extractor.indicators(s)).isNotNull();
  }

  @Test
  void extract_randomBytesAsText_spansAlwaysMatchText() throws Exception {
    Random r = new Random(11);
    String alphabet = "0123456789abcdef.:/\\@[]()hxtp%CVE-TASGM 。．：／［］鱼叉\n";
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(2000);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      for (Indicator i : extractor.indicators(text)) {
        for (Span s : i.spans()) {
          assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        }
      }
    }
  }
}
