package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceTextTest {
  @Test
  void everyTemplate_writtenInEnglish_readsBackInEachLanguage() {
    for (EvidenceText.Template t : EvidenceText.Template.values()) {
      int n = t.text[0].split("%s", -1).length - 1;
      Object[] args = new Object[n];
      for (int i = 0; i < n; i++) {
        args[i] = "arg " + i + " (x)";
      }
      String base = t.note ? "T1055 Process Injection" : "";
      String english = base + EvidenceText.en(t, args);

      for (Lang lang : Lang.values()) {
        assertThat(EvidenceText.in(lang, english)).as(t + " in " + lang)
            .isEqualTo(base + String.format(t.text[lang.ordinal()], args));
      }
    }
  }

  @Test
  void aHugeHostileName_isLeftAsItIsWithoutRunningAPatternOverIt() {
    String hostile = "x (".repeat(50_000) + "\"a\" read as \"b\")";

    assertThat(EvidenceText.in(Lang.ZH_HANS, hostile)).isSameAs(hostile);
  }

  @Test
  void textNoTemplateWrote_staysAsItIs() {
    assertThat(EvidenceText.in(Lang.ZH_HANT, "S0154 Cobalt Strike")).isEqualTo("S0154 Cobalt Strike");
  }
}
