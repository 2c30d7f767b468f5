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

  /**
   * Means over the cases of P(X), P(false flag implicating X) and the false flag's share of the two; and, for plants,
   * how often X was named first and how often the overturn set then held a planted item.
   */
  record Figures(double group, double falseFlag, double share, int cases, int namedFirst, int plantInOverturn) {}

  /** Sums of {@link Figures} as cases are added. */
  private static final class Sums {
    private double group;
    private double falseFlag;
    private double share;
    private int cases;
    private int namedFirst;
    private int plantInOverturn;

    void add(Assessment a, String groupId) {
      double g = 0;
      double f = 0;
      for (Hypothesis h : a.hypotheses()) {
        if (h.groupId().equals(groupId)) {
          g += h.kind() == Hypothesis.Kind.GROUP ? h.probability() : 0;
          f += h.kind() == Hypothesis.Kind.FALSE_FLAG ? h.probability() : 0;
        }
      }
      group += g;
      falseFlag += f;
      share += g + f == 0 ? 0 : f / (g + f);
      cases++;
      if (a.leading().kind() == Hypothesis.Kind.GROUP && a.leading().groupId().equals(groupId)) {
        namedFirst++;
        plantInOverturn += a.sensitivity().overturnSet().stream()
            .anyMatch(e -> e.objectId().startsWith(PLANTED)) ? 1 : 0;
      }
    }

    Figures figures() {
      return new Figures(group / cases, falseFlag / cases, share / cases, cases, namedFirst, plantInOverturn);
    }
  }

  private static final String PLANTED = "planted--";

  static Figures planted(AttributionEngine engine, KnowledgeBase kb, List<Evaluation.Case> unknownCases,
      List<Target> targets, boolean cheap) {
    Profiles p = new Profiles(kb);
    Sums sums = new Sums();
    for (int i = 0; i < unknownCases.size(); i++) {
      Target t = targets.get(i % targets.size());
      List<Evidence> ev = new ArrayList<>(unknownCases.get(i).incident().evidence());
      List<String> items = new ArrayList<>(cheap ? t.tools() : List.of(t.custom()));
      items.addAll(cheap ? t.common() : t.rare());
      for (String it : items) {
        ev.add(new Evidence(PLANTED + it, kb.technique(it).isPresent() ? Evidence.Kind.TECHNIQUE
            : Evidence.Kind.SOFTWARE, it, List.of(it), 0.9));
      }
      sums.add(engine.attribute(new Incident("incident--planted", "planted", ev, List.of())),
          p.groups.get(t.group()).externalId());
    }
    return sums.figures();
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
      System.out.printf(Locale.ROOT, "  %-58s P(X) %.3f  P(planted to implicate X) %.3f  false flag's share %.3f"
          + "  (X named first %d of %d; of those, a planted item in the overturn set %d)%n",
          cheap ? "cheap plant (two of X's public tools, two common techniques)"
              : "costly plant (X's own malware, two of X's rarest techniques)", fig.group(), fig.falseFlag(),
          fig.share(), fig.namedFirst(), fig.cases(), fig.plantInOverturn());
    }
    Sums own = new Sums();
    for (Evaluation.Case c : cases) {
      if (!c.unknownActor()) {
        own.add(engine.attribute(c.incident()), c.labels().iterator().next());
      }
    }
    Figures fig = own.figures();
    System.out.printf(Locale.ROOT, "  %-58s P(X) %.3f  P(planted to implicate X) %.3f  false flag's share %.3f%n",
        "X's own reports (" + fig.cases() + " known-actor cases, nothing planted)", fig.group(), fig.falseFlag(),
        fig.share());
  }
}
