package org.parley.attribution;

import java.util.Map;

/** The fixed words of a report in each language. */
final class Messages {
  private static final Map<String, String[]> M = Map.ofEntries(
      // key -> {en, zh-Hans, zh-Hant}
      Map.entry("title", new String[] {"Attribution assessment", "归因评估", "歸因評估"}),
      Map.entry("judgement", new String[] {"Judgement", "判断", "判斷"}),
      Map.entry("conducted", new String[] {"It is %s that %s conducted this incident.",
          "%2$s 实施此次事件的可能性为：%1$s。", "%2$s 實施此次事件的可能性為：%1$s。"}),
      Map.entry("conductedChance", new String[] {"There is %s that %s conducted this incident.",
          "%2$s 实施此次事件的可能性为：%1$s。", "%2$s 實施此次事件的可能性為：%1$s。"}),
      Map.entry("plantedShare", new String[] {" (%s of it: such an actor planting evidence to implicate a known"
          + " group; %s: no planting)", "（其中 %s 为此类行为者伪造证据嫁祸已知组织；%s 为未伪造）",
          "（其中 %s 為此類行為者偽造證據嫁禍已知組織；%s 為未偽造）"}),
      Map.entry("unknownMoreProbable", new String[] {" It is more probable — %s — that %s did%s; a known group is"
          + " named first unless an unknown actor is at least %s times as probable.",
          "由%2$s实施的可能性更高：%1$s%3$s。除非未知行为者的可能性至少是其 %4$s 倍，否则优先列出已知组织。",
          "由%2$s實施的可能性更高：%1$s%3$s。除非未知行為者的可能性至少是其 %4$s 倍，否則優先列出已知組織。"}),
      Map.entry("unknownShareLine", new String[] {"Assumed share of incidents by actors absent from the knowledge"
          + " base: %s (the model's own: %s).", "假定由知识库中没有的行为者实施的事件比例：%s（模型默认：%s）。",
          "假定由知識庫中沒有的行為者實施的事件比例：%s（模型預設：%s）。"}),
      Map.entry("unknownActor", new String[] {"an actor absent from the knowledge base",
          "知识库中没有的行为者", "知識庫中沒有的行為者"}),
      Map.entry("falseFlag", new String[] {"evidence planted to implicate %s", "为嫁祸 %s 而伪造的证据",
          "為嫁禍 %s 而偽造的證據"}),
      Map.entry("confidence", new String[] {"Confidence", "置信度", "信心程度"}),
      Map.entry("LOW", new String[] {"low", "低", "低"}),
      Map.entry("MODERATE", new String[] {"moderate", "中", "中"}),
      Map.entry("HIGH", new String[] {"high", "高", "高"}),
      Map.entry("confidenceBasis", new String[] {
          "stated apart from likelihood: %d resolved items, mean credibility %.2f, %s",
          "与可能性分开陈述：已解析证据 %d 项，平均可信度 %.2f，%s", "與可能性分開陳述：已解析證據 %d 項，平均可信度 %.2f，%s"}),
      Map.entry("confidenceBasis.one", new String[] {
          "stated apart from likelihood: %d resolved item, mean credibility %.2f, %s",
          "与可能性分开陈述：已解析证据 %d 项，平均可信度 %.2f，%s", "與可能性分開陳述：已解析證據 %d 項，平均可信度 %.2f，%s"}),
      Map.entry("overturnBy", new String[] {"removing %d items would change the conclusion",
          "移除 %d 项证据即可改变结论", "移除 %d 項證據即可改變結論"}),
      Map.entry("overturnBy.one", new String[] {"removing one item would change the conclusion",
          "移除 %d 项证据即可改变结论", "移除 %d 項證據即可改變結論"}),
      Map.entry("noEvidence", new String[] {" No item of this incident could be weighed (see the unresolved evidence):"
          + " these are the probabilities before any evidence, not a finding.",
          "此事件中没有任何可权衡的证据（见未解析证据）：以下是未考虑证据时的概率，并非结论。",
          "此事件中沒有任何可權衡的證據（見未解析證據）：以下是未考慮證據時的機率，並非結論。"}),
      Map.entry("confidenceNoEvidence", new String[] {"stated apart from likelihood: no resolved item",
          "与可能性分开陈述：没有已解析的证据", "與可能性分開陳述：沒有已解析的證據"}),
      Map.entry("overturnNone", new String[] {"no removal of evidence changes the conclusion",
          "移除任何证据都不会改变结论", "移除任何證據都不會改變結論"}),
      Map.entry("hypotheses", new String[] {"Leading hypotheses", "主要假设", "主要假設"}),
      Map.entry("callOrder", new String[] {" (in the order of the call: an unknown actor goes before a named group only"
          + " when at least %s times as probable)", "（按判定顺序排列：未知行为者的可能性至少是已知组织的 %s 倍时才排在其前）",
          "（按判定順序排列：未知行為者的可能性至少是已知組織的 %s 倍時才排在其前）"}),
      Map.entry("matrix", new String[] {"Analysis of competing hypotheses (matrix)", "竞争性假设分析（矩阵）",
          "競爭性假設分析（矩陣）"}),
      Map.entry("evidence", new String[] {"Evidence", "证据", "證據"}),
      Map.entry("credibility", new String[] {"credibility", "可信度", "可信度"}),
      Map.entry("credShort", new String[] {"cred", "可信", "可信"}),
      Map.entry("relShort", new String[] {"rel", "相关", "相關"}),
      Map.entry("diagShort", new String[] {"diag", "诊断", "診斷"}),
      Map.entry("relevance", new String[] {"relevance", "相关性", "相關性"}),
      Map.entry("diagnosticity", new String[] {"diagnosticity", "诊断性", "診斷性"}),
      Map.entry("inconsistency", new String[] {"Weighted inconsistency", "加权不一致性", "加權不一致性"}),
      Map.entry("legend", new String[] {"CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent",
          "CC 非常一致，C 一致，N 中性，I 不一致，II 非常不一致", "CC 非常一致，C 一致，N 中性，I 不一致，II 非常不一致"}),
      Map.entry("drivers", new String[] {"Evidence that drives the conclusion", "支撑结论的关键证据",
          "支撐結論的關鍵證據"}),
      Map.entry("without", new String[] {"without it: %s leads, current leader at %s",
          "若无此项：%s 领先，当前领先者的概率变为 %s", "若無此項：%s 領先，當前領先者的機率變為 %s"}),
      Map.entry("overturn", new String[] {"What would overturn it", "什么会推翻结论", "什麼會推翻結論"}),
      Map.entry("overturnSet", new String[] {"If these %d items were removed or shown to be planted, %s would lead:",
          "若以下 %d 项证据被移除或被证明系伪造，%s 将领先：", "若以下 %d 項證據被移除或被證明係偽造，%s 將領先："}),
      Map.entry("overturnSet.one", new String[] {"If this item were removed or shown to be planted, %2$s would lead:",
          "若以下 %d 项证据被移除或被证明系伪造，%s 将领先：", "若以下 %d 項證據被移除或被證明係偽造，%s 將領先："}),
      Map.entry("notMinimal", new String[] {"(found greedily; a smaller set may exist)", "（贪心搜索所得，可能存在更小的集合）",
          "（貪婪搜尋所得，可能存在更小的集合）"}),
      Map.entry("support", new String[] {"Observing these would most support %s:", "观察到以下证据将最支持 %s：",
          "觀察到以下證據將最支持 %s："}),
      Map.entry("unresolved", new String[] {"Unresolved evidence (not used)", "未解析的证据（未使用）",
          "未解析的證據（未使用）"}),
      Map.entry("none", new String[] {"none", "无", "無"}),
      Map.entry("handling", new String[] {
          "Handling: %s — the strictest marking of the evidence and shared intel this assessment is drawn from; "
              + "share it at most under that marking.",
          "处理要求：%s —— 本评估所依据的证据与共享情报中最严格的标记；至多按该标记分享。",
          "處理要求：%s —— 本評估所依據的證據與共享情資中最嚴格的標記；至多按該標記分享。"}),
      Map.entry("notice", new String[] {
          "Contains MITRE ATT&CK® content, © The MITRE Corporation, reproduced under the ATT&CK terms of use.",
          "包含 MITRE ATT&CK® 内容，© The MITRE Corporation，依 ATT&CK 使用条款转载。",
          "包含 MITRE ATT&CK® 內容，© The MITRE Corporation，依 ATT&CK 使用條款轉載。"}));

  private Messages() {}

  static String get(Lang lang, String key) {
    String[] v = M.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no message " + key);
    }
    return v[lang.ordinal()];
  }

  /** The message for a count: its {@code .one} form when {@code n} is 1 (English; Chinese does not inflect). */
  /** The colon after a label: ": " in English, the full-width "：" in Chinese (no space after it). */
  static String colon(Lang lang) {
    return lang == Lang.EN ? ": " : "：";
  }

  /** {@code text} in parentheses after what precedes it: " (…)" in English, full-width "（…）" in Chinese. */
  static String parenthesised(Lang lang, String text) {
    return lang == Lang.EN ? " (" + text + ")" : "（" + text + "）";
  }

  static String counted(Lang lang, String key, int n) {
    return get(lang, n == 1 ? key + ".one" : key);
  }

  static String hypothesis(Lang lang, Hypothesis h) {
    return switch (h.kind()) {
      case GROUP -> h.name() + " (" + h.groupId() + ")";
      case UNKNOWN -> get(lang, "unknownActor") + " (UNKNOWN)";
      case FALSE_FLAG -> String.format(get(lang, "falseFlag"), h.name() + " (" + h.groupId() + ")");
    };
  }
}
