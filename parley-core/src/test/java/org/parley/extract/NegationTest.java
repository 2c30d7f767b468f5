package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parley.extract.internal.Negation;

/** Negated clause parts are blanked, nothing else is, and offsets never move. */
class NegationTest {
  @Test
  void mask_blanksFromTheCueToTheEndOfItsClauseOnly() {
    String t = "They did not use PowerShell, but they used WMI.";

    String m = Negation.mask(t);

    assertThat(m).hasSameSizeAs(t);
    assertThat(m).doesNotContain("PowerShell").contains("they used WMI.").startsWith("They did ");
  }

  @Test
  void mask_cueAfterWhatItDenies_blanksBackToTheClauseStart() {
    String t = "Initial access was clear. Lateral movement was not observed; exfiltration followed.";

    String m = Negation.mask(t);

    assertThat(m).contains("Initial access was clear.").doesNotContain("Lateral movement")
        .contains("exfiltration followed.");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "Conti was not deployed.", "Turkey was not targeted.", "Emotet was ruled out.", "Cobalt Strike was absent.",
      "Mimikatz is unrelated.", "Unlike Conti, this actor encrypts nothing.", "Rather than PowerShell, it used cmd.",
      "未观察到PowerShell活动。"})
  void mask_deniedDeploymentsTargetsAndExclusions_blankWhatTheyDeny(String t) {
    String m = Negation.mask(t);

    assertThat(m).doesNotContain("Conti").doesNotContain("Turkey").doesNotContain("Emotet")
        .doesNotContain("Cobalt Strike").doesNotContain("Mimikatz").doesNotContain("PowerShell");
  }

  @Test
  void extract_anAttackIdOnlyADenialNames_isNotListed_oneAlsoAffirmedIs() throws Exception {
    Extraction x = Extractor.builtIn().extract(new SourceDocument("r", SourceDocument.Format.TEXT,
        "We do not attribute this to G0007. T1486 was not observed. The actor used T1059.001 and G0102's tools;"
            + " G0007 is a known APT."));

    assertThat(x.indicators()).extracting(Indicator::value).contains("T1059.001", "G0102", "G0007")
        .doesNotContain("T1486");
    Extraction denied = Extractor.builtIn().extract(new SourceDocument("r", SourceDocument.Format.TEXT,
        "We do not attribute this to G0007."));
    assertThat(denied.indicators()).extracting(Indicator::value).doesNotContain("G0007");
  }

  @Test
  void extract_aDeniedVictim_isNoVictim_andADeniedFamilyNoSoftware() throws Exception {
    Extraction x = Extractor.builtIn().extract(new SourceDocument("r", SourceDocument.Format.TEXT,
        "The actor targeted government agencies in Ukraine. Turkey was not targeted."));

    assertThat(x.victims()).extracting(Victim::key).contains("country:ua").doesNotContain("country:tr");
  }

  @Test
  void mask_anyText_keepsItsLengthAndChangesOnlyToSpaces() {
    Random r = new Random(17);
    String alphabet = "no not never was were observed PowerShell 未 没有 被发现 , ; . \\n abc 計劃 任務 \uD83D\uDE00";
    for (int n = 0; n < 500; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = r.nextInt(300); k > 0; k--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String t = b.toString();

      String m = Negation.mask(t);

      assertThat(m).hasSameSizeAs(t);
      for (int i = 0; i < t.length(); i++) {
        assertThat(m.charAt(i) == t.charAt(i) || m.charAt(i) == ' ').isTrue();
      }
    }
  }

  @Test
  void mask_longTextFullOfCues_staysLinear() {
    String t = "no ".repeat(200_000) + "was not observed ".repeat(20_000);

    String m = Negation.mask(t);

    assertThat(m).hasSameSizeAs(t).isBlank();
  }
}
