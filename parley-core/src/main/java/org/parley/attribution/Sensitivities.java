package org.parley.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Leave-one-out posteriors and the smallest set of items whose removal changes the leading actor. */
final class Sensitivities {
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
    Overturn found = smallestOverturn(s, leader, alone);
    List<Evidence> overturn = new ArrayList<>();
    String after = s.actorId(leader);
    boolean exact = true;
    if (found != null) {
      boolean[] set = found.set();
      for (int e = 0; e < n; e++) {
        if (set[e]) {
          overturn.add(s.evidence.get(e));
        }
      }
      after = s.actorId(s.leadingActor(set));
      exact = overturn.size() <= found.exhausted() + 1; // no smaller set exists
    }
    int runnerUp = s.runnerUp(null, leader);
    return new Sensitivity(without, overturn, after, exact, supportFor(s, kb, runnerUp, leader));
  }

  /** The overturn set, and the largest size of which every set was tried (so a set one larger is minimal). */
  private record Overturn(boolean[] set, int exhausted) {}

  /**
   * Exhaustive over the sets of one item, then (up to {@link #EXHAUSTIVE_UP_TO} items) of two, three… items while
   * their number stays within {@link #EXHAUSTIVE_SETS} (triples up to 37 items) and, beyond pairs, the actor scores they need
   * within {@link #EXHAUSTIVE_SCORES}; else greedy — the items that cost the leader
   * most alone first, until the leader changes — then pruned: each item of that set whose return would not bring
   * the leader back is returned, so no item of the answer is superfluous. {@code alone}: the assessment without
   * each single item.
   */
  private static Overturn smallestOverturn(Scores s, int leader, Scores.View[] alone) {
    int n = s.evidence.size();
    for (int i = 0; i < n; i++) {
      if (alone[i].leader() != leader) {
        boolean[] r = new boolean[n];
        r[i] = true;
        return new Overturn(r, 0);
      }
    }
    int exhausted = 1;
    Totals t = s.copyOfAll(); // items taken out and put back in place: no copy per set
    for (int k = 2; k < n && n <= EXHAUSTIVE_UP_TO && combinations(n, k) <= EXHAUSTIVE_SETS; k++) {
      int[] rivals = s.rivals(leader, k); // only the groups that could lead once k items are out
      if (k > 2 && combinations(n, k) * (rivals == null ? s.unknown + 1 : rivals.length + 1) > EXHAUSTIVE_SCORES) {
        break; // pairs are always tried; larger sets only where the bounds leave few rivals
      }
      int[] chosen = new int[k];
      if (search(s, t, leader, rivals, chosen, 0, 0)) {
        boolean[] r = new boolean[n];
        for (int e : chosen) {
          r[e] = true;
        }
        return new Overturn(r, exhausted);
      }
      exhausted = k;
    }
    Integer[] order = new Integer[n];
    for (int e = 0; e < n; e++) {
      order[e] = e;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer e) -> alone[e].actors()[leader])
        .thenComparing(e -> e));
    boolean[] r = new boolean[n];
    int taken = 0;
    while (taken < n && s.leadingActor(t) == leader) {
      r[order[taken]] = true;
      s.leaveOut(t, order[taken++], false);
    }
    if (s.leadingActor(t) == leader) {
      return null; // even with no evidence the prior keeps the leader
    }
    for (int i = taken - 1; i >= 0; i--) { // each item back in turn, the least costly first
      s.leaveOut(t, order[i], true);
      if (s.leadingActor(t) == leader) {
        s.leaveOut(t, order[i], false);
      } else {
        r[order[i]] = false;
      }
    }
    return new Overturn(r, exhausted);
  }

  /** Incidents of more items go greedy at once (60: pairs as before session 6). */
  private static final int EXHAUSTIVE_UP_TO = 60;
  /** Sets of items examined at most per size before the search turns greedy. */
  private static final long EXHAUSTIVE_SETS = 8_000;
  /**
   * Actor scores computed at most for one size of set beyond pairs (each set: the leader and the rivals the bounds
   * leave, or every actor when they leave all): about 10 ms on the 2-core machine the README's figures come from.
   */
  private static final long EXHAUSTIVE_SCORES = 12_000;

  private static long combinations(int n, int k) {
    long c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
      if (c > EXHAUSTIVE_SETS) {
        return c;
      }
    }
    return c;
  }

  /**
   * Tries every set of {@code chosen.length} items whose first {@code depth} are fixed, the rest from {@code from}
   * on; true (with {@code chosen} filled) at the first whose removal overtakes the leader. {@code t} is left as found.
   */
  private static boolean search(Scores s, Totals t, int leader, int[] rivals, int[] chosen, int depth,
      int from) {
    int n = s.evidence.size();
    for (int e = from; e <= n - (chosen.length - depth); e++) {
      s.leaveOut(t, e, false);
      chosen[depth] = e;
      boolean found = depth + 1 == chosen.length ? s.overtaken(t, leader, rivals)
          : search(s, t, leader, rivals, chosen, depth + 1, e + 1);
      s.leaveOut(t, e, true);
      if (found) {
        return true;
      }
    }
    return false;
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
