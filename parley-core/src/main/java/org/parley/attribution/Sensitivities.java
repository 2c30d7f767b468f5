package org.parley.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Leave-one-out posteriors and the smallest set of items whose removal changes the leading actor. */
final class Sensitivities {
  private static final int EXHAUSTIVE_PAIRS_UP_TO = 60;

  private Sensitivities() {}

  static Sensitivity of(Scores s, KnowledgeBase kb) {
    int n = s.evidence.size();
    int leader = s.leadingActor((boolean[]) null);
    Scores.View[] alone = new Scores.View[n]; // each item left out, once: the list below and the overturn search
    List<ItemInfluence> without = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      boolean[] removed = new boolean[n];
      removed[e] = true;
      alone[e] = s.view(removed);
      double[] posterior = alone[e].actors();
      List<Hypothesis> leading = AttributionEngine.inCallOrder(s, posterior, alone[e].linked())
          .subList(0, Math.min(3, posterior.length));
      without.add(new ItemInfluence(s.evidence.get(e), s.actorId(alone[e].leader()), posterior[leader], leading));
    }
    boolean[] set = smallestOverturn(s, leader, alone);
    List<Evidence> overturn = new ArrayList<>();
    String after = s.actorId(leader);
    boolean exact = true;
    if (set != null) {
      for (int e = 0; e < n; e++) {
        if (set[e]) {
          overturn.add(s.evidence.get(e));
        }
      }
      after = s.actorId(s.leadingActor(set));
      exact = overturn.size() <= 2 || n <= EXHAUSTIVE_PAIRS_UP_TO;
    }
    int runnerUp = s.runnerUp(null, leader);
    return new Sensitivity(without, overturn, after, exact, supportFor(s, kb, runnerUp, leader));
  }

  /**
   * Exhaustive over sets of one and two items, then greedy (the items that cost the leader most alone first);
   * {@code alone}: the assessment without each single item.
   */
  private static boolean[] smallestOverturn(Scores s, int leader, Scores.View[] alone) {
    int n = s.evidence.size();
    for (int i = 0; i < n; i++) {
      if (alone[i].leader() != leader) {
        boolean[] r = new boolean[n];
        r[i] = true;
        return r;
      }
    }
    if (n <= EXHAUSTIVE_PAIRS_UP_TO) {
      Scores.Totals t = s.copyOfAll(); // items taken out and put back in place: no copy per pair
      int[] rivals = s.rivals(leader, 2); // only the groups that could lead once two items are out
      for (int i = 0; i < n; i++) {
        s.leaveOut(t, i, false);
        for (int j = i + 1; j < n; j++) {
          s.leaveOut(t, j, false);
          boolean changes = s.overtaken(t, leader, rivals);
          s.leaveOut(t, j, true);
          if (changes) {
            boolean[] r = new boolean[n];
            r[i] = true;
            r[j] = true;
            return r;
          }
        }
        s.leaveOut(t, i, true);
      }
    }
    // Greedy: take items in order of how much each alone costs the leader, until the leader changes.
    Integer[] order = new Integer[n];
    for (int e = 0; e < n; e++) {
      order[e] = e;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer e) -> alone[e].actors()[leader])
        .thenComparing(e -> e));
    boolean[] r = new boolean[n];
    Scores.Totals t = s.copyOfAll();
    for (int e : order) {
      r[e] = true;
      s.leaveOut(t, e, false);
      if (s.leadingActor(t) != leader) {
        return r;
      }
    }
    return null; // even with no evidence the prior keeps the leader
  }

  /** Up to three items the runner-up group is known for that, observed, would most shift towards it. */
  private static List<String> supportFor(Scores s, KnowledgeBase kb, int runnerUp, int leader) {
    if (runnerUp < 0 || runnerUp == s.unknown) {
      return List.of();
    }
    Map<String, Boolean> seen = new java.util.HashMap<>();
    s.evidence.forEach(e -> e.matches().forEach(m -> seen.put(m, true)));
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    for (String item : s.model.knownItems(runnerUp)) {
      if (seen.containsKey(item)) {
        continue;
      }
      var t = kb.technique(item);
      Evidence probe = t.isPresent()
          ? new Evidence(item, Evidence.Kind.TECHNIQUE, t.get().externalId() + " " + t.get().name(), List.of(item), 1)
          : new Evidence(item, Evidence.Kind.SOFTWARE, kb.softwareById(item).map(x -> x.externalId() + " " + x.name())
              .orElse(item), List.of(item), 1);
      double[] l = s.model.logLikelihoods(probe);
      scored.add(Map.entry(probe.label(), l[runnerUp] - l[leader == s.unknown ? s.unknown : leader]));
    }
    return scored.stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(3).map(Map.Entry::getKey).toList();
  }

}
