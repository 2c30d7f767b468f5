package org.parley.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the false-flag hypotheses answer evidence planted to implicate a group: {@code java -cp ...
 * org.parley.attribution.FalseFlagCheck DIR} takes DIR's unknown-actor cases (an actor absent from the knowledge base,
 * DIR's own {@code kb.json.gz}) and adds, for a group X in turn, either cheap evidence of X (two public tools X is
 * known for and two of X's most common techniques) or costly evidence (a malware family only X is known for and two of
 * X's rarest techniques), and prints for each kind of plant the mean P(X), P(planted to implicate X) and the share of
 * the two that is the false flag — next to X's own known-actor cases, where nothing was planted. Analysis only:
 * never used to choose anything (docs/design/attribution.md, "Planted evidence").
 */
public final class FalseFlagCheck {
  private FalseFlagCheck() {}

  /** A group a framer could point at: at least two public tools and a malware family nobody else is known for. */
  record Target(int group, List<String> tools, String custom, List<String> common, List<String> rare) {}

  static List<Target> targets(KnowledgeBase kb, Profiles p) {
    List<Target> out = new ArrayList<>();
    for (int g = 0; g < p.size(); g++) {
      List<String> tools = p.software.get(g).stream().sorted()
          .filter(s -> kb.softwareById(s).map(Software::tool).orElse(false)).limit(2).toList();
      List<String> custom = p.software.get(g).stream().sorted()
          .filter(s -> !kb.softwareById(s).map(Software::tool).orElse(true) && p.softwareUsers.getOrDefault(s, 0) == 1)
          .toList();
      List<String> techniques = p.techniques.get(g).stream()
          .sorted(Comparator.comparingInt((String t) -> -kb.techniqueUsers(t)).thenComparing(t -> t)).toList();
      if (tools.size() == 2 && !custom.isEmpty() && techniques.size() >= 4) {
        out.add(new Target(g, tools, custom.get(0), techniques.subList(0, 2),
            techniques.subList(techniques.size() - 2, techniques.size())));
      }
    }
    return out;
  }

  /** Mean P(X), mean P(false flag implicating X), mean share of the false flag in the two. */
  record Figures(double group, double falseFlag, double share, int cases) {}

  static Figures planted(AttributionEngine engine, KnowledgeBase kb, List<Evaluation.Case> unknownCases,
      List<Target> targets, boolean cheap) {
    Profiles p = new Profiles(kb);
    double g = 0;
    double f = 0;
    double s = 0;
    for (int i = 0; i < unknownCases.size(); i++) {
      Target t = targets.get(i % targets.size());
      List<Evidence> ev = new ArrayList<>(unknownCases.get(i).incident().evidence());
      List<String> items = new ArrayList<>(cheap ? t.tools() : List.of(t.custom()));
      items.addAll(cheap ? t.common() : t.rare());
      for (String it : items) {
        ev.add(new Evidence("planted--" + it, kb.technique(it).isPresent() ? Evidence.Kind.TECHNIQUE
            : Evidence.Kind.SOFTWARE, it, List.of(it), 0.9));
      }
      Incident planted = new Incident("incident--planted", "planted", ev, List.of());
      double[] pf = groupAndFlag(engine.attribute(planted), p.groups.get(t.group()).externalId());
      g += pf[0];
      f += pf[1];
      s += pf[0] + pf[1] == 0 ? 0 : pf[1] / (pf[0] + pf[1]);
    }
    int n = unknownCases.size();
    return new Figures(g / n, f / n, s / n, n);
  }

  static double[] groupAndFlag(Assessment a, String groupId) {
    double g = 0;
    double f = 0;
    for (Hypothesis h : a.hypotheses()) {
      if (h.groupId().equals(groupId)) {
        g += h.kind() == Hypothesis.Kind.GROUP ? h.probability() : 0;
        f += h.kind() == Hypothesis.Kind.FALSE_FLAG ? h.probability() : 0;
      }
    }
    return new double[] {g, f};
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    AttributionEngine engine = AttributionEngine.create(kb);
    List<Evaluation.Case> cases = Evaluation.load(dir, kb);
    List<Evaluation.Case> unknown = cases.stream().filter(Evaluation.Case::unknownActor).toList();
    List<Target> targets = targets(kb, new Profiles(kb));
    System.out.printf(Locale.ROOT, "%s: %d unknown-actor cases, %d groups a framer could point at%n",
        dir.getFileName(), unknown.size(), targets.size());
    for (boolean cheap : new boolean[] {true, false}) {
      Figures fig = planted(engine, kb, unknown, targets, cheap);
      System.out.printf(Locale.ROOT, "  %-58s P(X) %.3f  P(planted to implicate X) %.3f  false flag's share %.3f%n",
          cheap ? "cheap plant (two of X's public tools, two common techniques)"
              : "costly plant (X's own malware, two of X's rarest techniques)", fig.group(), fig.falseFlag(),
          fig.share());
    }
    double g = 0;
    double f = 0;
    double s = 0;
    int n = 0;
    for (Evaluation.Case c : cases) {
      if (c.unknownActor()) {
        continue;
      }
      String x = c.labels().iterator().next();
      double[] pf = groupAndFlag(engine.attribute(c.incident()), x);
      g += pf[0];
      f += pf[1];
      s += pf[0] + pf[1] == 0 ? 0 : pf[1] / (pf[0] + pf[1]);
      n++;
    }
    System.out.printf(Locale.ROOT, "  %-58s P(X) %.3f  P(planted to implicate X) %.3f  false flag's share %.3f%n",
        "X's own reports (" + n + " known-actor cases, nothing planted)", g / n, f / n, s / n);
  }
}
