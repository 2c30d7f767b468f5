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
    double[] actors = s.actorPosterior(s.posterior(null));
    int leader = Scores.argmax(actors);
    List<ItemInfluence> without = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      boolean[] removed = new boolean[n];
      removed[e] = true;
      double[] a = s.actorPosterior(s.posterior(removed));
      without.add(new ItemInfluence(s.evidence.get(e), s.actorId(Scores.argmax(a)), a[leader]));
    }
    boolean[] set = smallestOverturn(s, leader);
    List<Evidence> overturn = new ArrayList<>();
    String after = s.actorId(leader);
    boolean exact = true;
    if (set != null) {
      for (int e = 0; e < n; e++) {
        if (set[e]) {
          overturn.add(s.evidence.get(e));
        }
      }
      after = s.actorId(Scores.argmax(s.actorPosterior(s.posterior(set))));
      exact = overturn.size() <= 2 || n <= EXHAUSTIVE_PAIRS_UP_TO;
    }
    int runnerUp = runnerUp(actors, leader);
    return new Sensitivity(without, overturn, after, exact, supportFor(s, kb, runnerUp, leader));
  }

  private static boolean changes(Scores s, boolean[] removed, int leader) {
    return Scores.argmax(s.actorPosterior(s.posterior(removed))) != leader;
  }

  /** Exhaustive over sets of one and two items, then greedy (remove what costs the leader most, repeat). */
  private static boolean[] smallestOverturn(Scores s, int leader) {
    int n = s.evidence.size();
    for (int i = 0; i < n; i++) {
      boolean[] r = new boolean[n];
      r[i] = true;
      if (changes(s, r, leader)) {
        return r;
      }
    }
    if (n <= EXHAUSTIVE_PAIRS_UP_TO) {
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          boolean[] r = new boolean[n];
          r[i] = true;
          r[j] = true;
          if (changes(s, r, leader)) {
            return r;
          }
        }
      }
    }
    boolean[] r = new boolean[n];
    for (int step = 0; step < n; step++) {
      int best = -1;
      double bestP = Double.MAX_VALUE;
      for (int e = 0; e < n; e++) {
        if (!r[e]) {
          r[e] = true;
          double p = s.actorPosterior(s.posterior(r))[leader];
          r[e] = false;
          if (p < bestP) {
            bestP = p;
            best = e;
          }
        }
      }
      r[best] = true;
      if (changes(s, r, leader)) {
        return r;
      }
    }
    return null; // even with no evidence the prior keeps the leader
  }

  private static int runnerUp(double[] actors, int leader) {
    int best = -1;
    for (int a = 0; a < actors.length; a++) {
      if (a != leader && (best < 0 || actors[a] > actors[best])) {
        best = a;
      }
    }
    return best;
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
