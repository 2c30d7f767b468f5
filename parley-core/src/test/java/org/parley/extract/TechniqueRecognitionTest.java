package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TechniqueRecognitionTest {
  private final Extractor extractor = Extractor.builtIn();

  private List<String> ids(String text) throws ExtractException {
    return extractor.extract(Documents.ofText("t", text)).techniques().stream().map(TechniqueMatch::externalId).toList();
  }

  @Test
  void recognise_chineseLexicon_simplifiedAndTraditional() throws Exception {
    assertThat(ids("攻击者通过鱼叉式钓鱼邮件投递载荷，并创建计划任务。")).contains("T1566.001", "T1053.005");
    assertThat(ids("攻擊者透過魚叉式釣魚郵件投遞載荷，並建立排程工作。")).contains("T1566.001", "T1053.005");
  }

  @Test
  void recognise_explicitId_hasFullConfidenceAndSpan() throws Exception {
    String text = "Mapped to T1059.001 here.";
    TechniqueMatch m = extractor.extract(Documents.ofText("t", text)).techniques().get(0);
    assertThat(m.externalId()).isEqualTo("T1059.001");
    assertThat(m.confidence()).isEqualTo(1.0);
    assertThat(m.method()).isEqualTo(TechniqueMatch.Method.EXPLICIT_ID);
    assertThat(m.spans().get(0).text()).isEqualTo("T1059.001");
  }

  @Test
  void recognise_parentWordBesideSubTechnique_keepsOnlySubTechnique() throws Exception {
    assertThat(ids("They sent spearphishing emails; the spearphishing attachment carried a macro."))
        .contains("T1566.001").doesNotContain("T1566");
  }

  @Test
  void recognise_wordsInsideOtherWords_doNotMatch() throws Exception {
    assertThat(ids("The RDPClient class and the macroeconomic outlook.")).isEmpty();
  }

  @Test
  void recognise_techniqueTheReportDenies_isNotATechnique() throws Exception {
    assertThat(ids("The actors did not use PowerShell.")).doesNotContain("T1059.001");
    assertThat(ids("No scheduled task was created.")).doesNotContain("T1053.005");
    assertThat(ids("PowerShell was not observed, but a spearphishing attachment carried the payload."))
        .contains("T1566.001").doesNotContain("T1059.001");
    assertThat(ids("We found no T1059.001 activity.")).doesNotContain("T1059.001");
  }

  @Test
  void recognise_chineseNegation_deniesOnlyItsOwnClause() throws Exception {
    assertThat(ids("攻击者未使用计划任务，但通过鱼叉式钓鱼邮件投递载荷。")).contains("T1566.001").doesNotContain("T1053.005");
    assertThat(ids("計劃任務未被發現，攻擊者透過魚叉式釣魚郵件投遞載荷。")).contains("T1566.001");
  }

  @Test
  void recognise_wordsThatOnlyLookNegative_keepTheTechnique() throws Exception {
    assertThat(ids("They used not only PowerShell but also a scheduled task.")).contains("T1059.001", "T1053.005");
    assertThat(ids("Whether or not it was planned, PowerShell ran the loader.")).contains("T1059.001");
  }
}
