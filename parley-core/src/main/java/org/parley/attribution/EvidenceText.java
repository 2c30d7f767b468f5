package org.parley.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notes {@link Incidents} appends to an evidence label ("T1574.002 DLL Side-Loading (T1073 is revoked in
 * ATT&amp;CK, replaced by T1574.002)") and the reasons it gives for unresolved evidence, in every language. They are
 * written in English from these templates — the JSON and STIX outputs carry that English — and the text and HTML
 * reports read them back from the same templates to write them in the reader's language.
 */
final class EvidenceText {
  /** One template: English, Simplified and Traditional Chinese; {@code note}: appended to a label, else whole. */
  enum Template {
    PARENT_NEWER(true, " (as its parent: %s is not in the knowledge base)", "（按其父技术计：知识库中没有 %s）",
        "（按其父技術計：知識庫中沒有 %s）"),
    PARENT_NAMED(true, " (as its parent: no sub-technique \"%s\" in the knowledge base)",
        "（按其父技术计：知识库中没有子技术“%s”）", "（按其父技術計：知識庫中沒有子技術「%s」）"),
    REVOKED(true, " (%s is revoked in ATT&CK, replaced by %s)", "（%s 已被 ATT&CK 撤销，由 %s 取代）",
        "（%s 已被 ATT&CK 撤銷，由 %s 取代）"),
    SHARED_BY_PHASE(true, " (the name is shared by %s; read by its kill chain phase)",
        "（%s 共用此名称；按其杀伤链阶段判读）", "（%s 共用此名稱；按其殺傷鏈階段判讀）"),
    SHARED_MOST_USED(true, " (the name is shared by %s; read as the one most groups are known for — give the ATT&CK id"
        + " to be exact)", "（%s 共用此名称；判读为已知使用组织最多的一项——请给出 ATT&CK 编号以求准确）",
        "（%s 共用此名稱；判讀為已知使用組織最多的一項——請給出 ATT&CK 編號以求準確）"),
    READ_AS(true, " (\"%s\" read as \"%s\")", "（“%s”读作“%s”）", "（「%s」讀作「%s」）"),
    ON_KNOWN(true, " (on infrastructure known in shared intel: %s)", "（位于共享情报中的已知基础设施：%s）",
        "（位於共享情資中的已知基礎設施：%s）"),
    NO_SOFTWARE(false, "no software of that name or alias", "知识库中没有此名称或别名的软件", "知識庫中沒有此名稱或別名的軟體"),
    NO_TECHNIQUE_ID(false, "ATT&CK id not in the knowledge base", "知识库中没有此 ATT&CK 编号", "知識庫中沒有此 ATT&CK 編號"),
    DEPRECATED(false, "deprecated in ATT&CK, without a replacement", "已被 ATT&CK 弃用，且无替代项",
        "已被 ATT&CK 棄用，且無替代項"),
    NO_TECHNIQUE(false, "no ATT&CK id, and neither its STIX id nor its name is in the knowledge base",
        "没有 ATT&CK 编号，知识库中也没有其 STIX 编号或名称", "沒有 ATT&CK 編號，知識庫中也沒有其 STIX 編號或名稱"),
    NO_INFRASTRUCTURE(false, "not known infrastructure in shared intel", "共享情报中没有此基础设施",
        "共享情資中沒有此基礎設施"),
    SIGHTED(true, " (sighted: the bundle refers to it by id)", "（目击：数据包按编号引用）", "（目擊：資料包按編號引用）"),
    REFERRED(true, " (referred to by id: the bundle does not hold it)", "（按编号引用：数据包中没有此对象）",
        "（按編號引用：資料包中沒有此物件）"),
    NO_SIGHTED(false, "a sighting of an object neither the bundle nor the knowledge base holds",
        "所目击的对象既不在该数据包中，也不在知识库中", "所目擊的物件既不在該資料包中，也不在知識庫中"),
    NO_EXPLOIT(false, "no group in the knowledge base is known to have exploited it", "知识库中没有已知利用此漏洞的组织",
        "知識庫中沒有已知利用此漏洞的組織"),
    NO_CVE(false, "no CVE id in its name or external references", "其名称和外部引用中没有 CVE 编号",
        "其名稱和外部參照中沒有 CVE 編號"),
    NO_VICTIM(false, "no known victim of that name, sector or place", "没有此名称、行业或地点的已知受害者",
        "沒有此名稱、產業或地點的已知受害者"),
    CLAIM(false, "an attribution claim, not evidence: the analysis weighs the evidence alone",
        "这是归因主张而非证据：分析只权衡证据", "這是歸因主張而非證據：分析只權衡證據"),
    NOT_A_VICTIM(false, "not a victim: the bundle states its targets, and this %s is not one of them",
        "不是受害者：该数据包已指明其目标，此 %s 不在其中", "不是受害者：該資料包已指明其目標，此 %s 不在其中"),
    NOT_STIX_PATTERN(false, "a %s pattern: only STIX patterns are read", "这是 %s 模式：只读取 STIX 模式",
        "這是 %s 模式：只讀取 STIX 模式"),
    NAMED_TWICE(false, "names its property \"%s\" twice: which value counts is not agreed (RFC 8259 §4), so it is not read",
        "其属性“%s”出现两次：取哪个值并无共识（RFC 8259 §4），故不予读取", "其屬性「%s」出現兩次：取哪個值並無共識（RFC 8259 §4），故不予讀取"),
    WITHDRAWN(false, "revoked by its producer: not evidence", "已被其生产者撤销：不作为证据", "已被其產生者撤銷：不作為證據"),
    GENERIC_NAME(false, "a generic name, not a malware family", "这是泛称而非恶意软件家族名", "這是泛稱而非惡意軟體家族名");

    final boolean note;
    final String[] text;
    final Pattern english;
    final String ending; // the English text's last literal part: a cheap test before the pattern

    Template(boolean note, String... text) {
      this.note = note;
      this.text = text;
      String[] parts = text[0].split("%s", -1);
      this.ending = parts[parts.length - 1];
      StringBuilder re = new StringBuilder(note ? "(.*?)" : "");
      for (int i = 0; i < parts.length; i++) {
        re.append(Pattern.quote(parts[i]));
        if (i < parts.length - 1) {
          re.append("(.+?)");
        }
      }
      this.english = Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
    }
  }

  private EvidenceText() {}

  /** The English text of a template (what labels and reasons hold). */
  static String en(Template t, Object... args) {
    return String.format(t.text[0], args);
  }

  /** Longer texts are not templates' (a name is in them): left as they are, and no pattern runs over them. */
  private static final int MAX_LENGTH = 2_000;

  /** A label or reason written from these templates, in {@code lang}; anything else as it is. */
  static String in(Lang lang, String english) {
    if (lang == Lang.EN || english.length() > MAX_LENGTH) {
      return english;
    }
    for (Template t : BY_ENDING) {
      if (!english.endsWith(t.ending)) {
        continue;
      }
      Matcher m = t.english.matcher(english);
      if (m.matches()) {
        List<Object> args = new ArrayList<>();
        for (int g = t.note ? 2 : 1; g <= m.groupCount(); g++) {
          args.add(m.group(g));
        }
        // a label may carry several notes, one after another: the last is this one, the text before it is
        // translated in turn (read the other way, "(… replaced by T1059.001)" swallowed the note after it)
        return (t.note ? in(lang, m.group(1)) : "") + String.format(t.text[lang.ordinal()], args.toArray());
      }
    }
    return english;
  }

  /** The templates, the most specific ending first: ")" alone ends every note. */
  private static final List<Template> BY_ENDING = java.util.Arrays.stream(Template.values())
      .sorted(java.util.Comparator.comparingInt((Template t) -> t.ending.length()).reversed()).toList();
}
