package org.parley.attribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Failure analysis and calibration of the default model on one split, the figures docs/design/attribution.md
 * quotes: {@code java -cp ... org.parley.attribution.SignalCheck DIR} prints top-1 per bucket of what the
 * known-actor cases share with the true group's profile, then the top prediction's probability against its
 * accuracy (overall and in bins); first the split's eval figures; and how many known-actor cases carry a victim
 * their group is known to target. {@code SignalCheck DIR without-victims} does the
 * same with the cases' victim evidence left out (the ablation). Also what the cases allow a method that matches what a
 * group is known for: how often the true group shares an item with its case, and the expected top-1 of ranking the
 * groups by how many of the case's techniques and software they are known for (ties broken at random). Analysis
 * only: never used to choose anything.
 */
public final class SignalCheck {
  private SignalCheck() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    AttributionEngine engine = AttributionEngine.create(kb);
    Profiles p = new Profiles(kb);
    String[] names = {"own custom software (<= 2 users)", "known shared software", "no software, >= 50% known",
        "no software, 20-50% known", "no software, < 20% known", "nothing known"};
    int[][] buckets = new int[names.length][2];
    double[][] bins = new double[5][3]; // count, sum of probability, right
    double sumP = 0;
    int right = 0;
    double[] shared = new double[3]; // known-actor cases, true group shares an item, expected top-1 by shared items
    int[] victims = new int[2]; // known-actor cases with a victim, of which the true group is known to target one
    Model model = new Model(kb, ModelParams.DEFAULT);
    List<Evaluation.Case> cases = Evaluation.load(dir, kb);
    if (args.length > 1 && args[1].equals("without-victims")) { // the ablation the design doc quotes
      cases = cases.stream().map(c -> new Evaluation.Case(c.name(), withoutVictims(c.incident()), c.labels(),
          c.note())).toList();
    }
    FitMain.print(dir.getFileName() + (args.length > 1 ? " " + args[1] : ""),
        Evaluation.run(cases, Evaluation.model(engine)));
    for (Evaluation.Case c : cases) {
      List<Hypothesis> ranking = engine.rankActors(c.incident());
      Hypothesis top = ranking.get(0);
      boolean ok = c.labels().contains(top.actorId());
      sumP += top.probability();
      right += ok ? 1 : 0;
      double[] bin = bins[Math.min(4, (int) (top.probability() * 5))];
      bin[0]++;
      bin[1] += top.probability();
      bin[2] += ok ? 1 : 0;
      if (!c.unknownActor()) {
        buckets[bucket(p, c)][0]++;
        buckets[bucket(p, c)][1] += ok ? 1 : 0;
        sharedItems(p, c, shared);
        victimKnown(model, c, victims);
      }
    }
    for (int i = 0; i < names.length; i++) {
      System.out.printf(Locale.ROOT, "%-34s %4d cases top-1 %.2f%n", names[i], buckets[i][0],
          buckets[i][1] / (double) Math.max(1, buckets[i][0]));
    }
    System.out.printf(Locale.ROOT, "true group shares an item with its case %.3f; ranking groups by shared items"
        + " (ties at random) top-1 %.3f (%.0f known-actor cases)%n", shared[1] / shared[0], shared[2] / shared[0],
        shared[0]);
    System.out.printf(Locale.ROOT, "known-actor cases with a victim %d, of which the true group is known to target one"
        + " %d%n", victims[0], victims[1]);
    System.out.printf(Locale.ROOT, "mean top probability %.3f, accuracy %.3f (%d cases)%n", sumP / cases.size(),
        right / (double) cases.size(), cases.size());
    for (int i = 0; i < bins.length; i++) {
      if (bins[i][0] > 0) {
        System.out.printf(Locale.ROOT, "  top probability [%.1f, %.1f): %3.0f cases, mean %.2f, right %.2f%n",
            i / 5.0, (i + 1) / 5.0, bins[i][0], bins[i][1] / bins[i][0], bins[i][2] / bins[i][0]);
      }
    }
  }

  /** What a known-actor case shares with its group's profile (the first group its labels name). */
  static int bucket(Profiles p, Evaluation.Case c) {
    int g = -1;
    for (int i = 0; i < p.size() && g < 0; i++) {
      if (c.labels().contains(p.groups.get(i).externalId())) {
        g = i;
      }
    }
    if (g < 0) {
      return 5;
    }
    int known = 0;
    int n = 0;
    boolean software = false;
    boolean custom = false;
    for (Evidence e : c.incident().evidence()) {
      String id = e.matches().get(0);
      switch (e.kind()) {
        case TECHNIQUE -> {
          n++;
          known += p.techniques.get(g).contains(id) ? 1 : 0;
        }
        case SOFTWARE -> {
          n++;
          if (p.software.get(g).contains(id)) {
            known++;
            software = true;
            custom |= p.softwareUsers.getOrDefault(id, 0) <= 2;
          }
        }
        case NOVEL_MALWARE -> n++;
        default -> { }
      }
    }
    double share = n == 0 ? 0 : known / (double) n;
    return custom ? 0 : software ? 1 : share >= 0.5 ? 2 : share >= 0.2 ? 3 : share > 0 ? 4 : 5;
  }

  /**
   * Adds one known-actor case to {@code acc}: 1, whether its true group shares a technique or software item with
   * it, and the chance that ranking every group by the number of the case's items it is known for, ties broken at
   * random, names a true group first.
   */
  static void sharedItems(Profiles p, Evaluation.Case c, double[] acc) {
    java.util.Set<String> items = new java.util.HashSet<>();
    for (Evidence e : c.incident().evidence()) {
      if (e.kind() == Evidence.Kind.TECHNIQUE || e.kind() == Evidence.Kind.SOFTWARE) {
        items.add(e.matches().get(0));
      }
    }
    int best = 0;
    int trueBest = 0;
    int atBest = 0;
    int trueAtBest = 0;
    int[] hits = new int[p.size()];
    for (int g = 0; g < p.size(); g++) {
      for (String id : items) {
        hits[g] += p.techniques.get(g).contains(id) || p.software.get(g).contains(id) ? 1 : 0;
      }
      best = Math.max(best, hits[g]);
      if (c.labels().contains(p.groups.get(g).externalId())) {
        trueBest = Math.max(trueBest, hits[g]);
      }
    }
    for (int g = 0; g < p.size(); g++) {
      if (hits[g] == best) {
        atBest++;
        trueAtBest += c.labels().contains(p.groups.get(g).externalId()) ? 1 : 0;
      }
    }
    acc[0]++;
    acc[1] += trueBest > 0 ? 1 : 0;
    acc[2] += best > 0 ? trueAtBest / (double) atBest : 0;
  }

  /** Adds a known-actor case to {@code acc}: whether it has a victim, and whether its group is known to target one. */
  static void victimKnown(Model model, Evaluation.Case c, int[] acc) {
    List<Evidence> victims = c.incident().evidence().stream().filter(e -> e.kind() == Evidence.Kind.VICTIM).toList();
    if (victims.isEmpty()) {
      return;
    }
    acc[0]++;
    for (int g = 0; g < model.profiles.size(); g++) {
      if (c.labels().contains(model.profiles.groups.get(g).externalId())) {
        int group = g;
        if (victims.stream().anyMatch(e -> model.knownFor(group, e))) {
          acc[1]++;
          return;
        }
      }
    }
  }

  private static Incident withoutVictims(Incident i) {
    return new Incident(i.id(), i.name(), i.evidence().stream().filter(e -> e.kind() != Evidence.Kind.VICTIM)
        .toList(), i.unresolved(), i.marking());
  }
}
