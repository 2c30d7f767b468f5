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
  void aLabelWithTwoNotes_translatesEachNote_inItsPlace() {
    String english = "T1059.001 PowerShell" + EvidenceText.en(EvidenceText.Template.REVOKED, "T1086", "T1059.001")
        + EvidenceText.en(EvidenceText.Template.REFERRED);

    assertThat(EvidenceText.in(Lang.ZH_HANT, english))
        .isEqualTo("T1059.001 PowerShell（T1086 已被 ATT&CK 撤銷，由 T1059.001 取代）（按編號引用：資料包中沒有此物件）");
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
