package org.parley.attribution;

import java.util.ArrayList;
import java.util.List;
import org.parley.attribution.ActorFeatures.Norms;

/**
 * Bounds on the actor scores over every way of leaving out up to {@code k} items, for the overturn-set search of
 * {@link Sensitivities}: which groups could overtake the leader at all, so each set tried evaluates only those.
 */
final class OverturnBounds {
  private OverturnBounds() {}

  /**
   * The groups that could overtake group {@code leader} once any {@code k} or fewer items are left out, or null when
   * every actor must be evaluated (UNKNOWN could overtake, or the masses the features divide by could vanish). Each
   * group feature is bounded over all such removals — sums of non-negative terms lose at most their k largest terms,
   * the naive-Bayes log-odds move by at most its k largest per-item changes each way, normalisers shrink by at most
   * the k largest terms — and a group whose best possible score stays below the leader's worst possible one cannot
   * lead. Sound bounds, so the overturn search that uses them finds exactly what it would without them.
   */
  static int[] rivals(Scores s, int leader, int k) {
    int g = s.unknown;
    int n = s.evidence.size();
    Totals all = s.all;
    double qMin = all.query - largest(s.terms.query, k);
    double techMin = all.techMass - largest(s.terms.techMass, k);
    double softMin = all.softMass - largest(s.terms.softMass, k);
    if (leader == s.unknown || qMin <= 1e-20 || techMin <= 1e-12 && all.techMass > 1e-12
        || softMin <= 1e-12 && all.softMass > 1e-12) {
      return null;
    }
    Norms worst = new Norms(1 / Math.sqrt(qMin), techMin > 1e-12 ? 1 / techMin : 0, softMin > 1e-12 ? 1 / softMin : 0);
    Norms now = new Norms(all);
    double[] w = s.weights.group();
    double[] lo = new double[ActorWeights.GROUP_FEATURES];
    double[] hi = new double[ActorWeights.GROUP_FEATURES];
    double[] col = new double[n];
    double leaderLow = 0;
    double[] high = new double[g];
    double maxCos = 0;
    double maxCover = 0;
    double maxOdds = Double.NEGATIVE_INFINITY;
    double leaderOddsLow = 0;
    for (int i = 0; i < g; i++) {
      groupBounds(s, i, k, now, worst, col, lo, hi);
      double low = 0;
      for (int x = 0; x < w.length; x++) {
        low += w[x] * (w[x] >= 0 ? lo[x] : hi[x]);
        high[i] += w[x] * (w[x] >= 0 ? hi[x] : lo[x]);
      }
      if (i == leader) {
        leaderLow = low;
        leaderOddsLow = lo[0];
      }
      maxOdds = Math.max(maxOdds, hi[0]);
      maxCos = Math.max(maxCos, hi[1]);
      maxCover = Math.max(maxCover, hi[2]);
    }
    double unknownHigh = unknownHigh(s, k, col, maxOdds, maxCos, maxCover, leaderOddsLow);
    double margin = 1e-9 * (1 + Math.abs(leaderLow));
    if (unknownHigh >= leaderLow - margin) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < g; i++) {
      if (i != leader && high[i] >= leaderLow - margin) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Group {@code a}'s features at their lowest ({@code lo}) and highest ({@code hi}) over every removal of up to
   * {@code k} items; {@code col} is scratch space, one value per item.
   */
  private static void groupBounds(Scores s, int a, int k, Norms now, Norms worst, double[] col, double[] lo,
      double[] hi) {
    int g = s.unknown;
    Totals all = s.all;
    ItemTerms terms = s.terms;
    double[][] tempered = s.tempered;
    double nb = all.nb[a] - all.nb[g];
    lo[0] = nb - largest(col(col, e -> tempered[e][a] - tempered[e][g]), k);
    hi[0] = nb + largest(col(col, e -> tempered[e][g] - tempered[e][a]), k);
    double overlap = Math.max(0, all.overlap[a]);
    lo[1] = Math.max(0, overlap - largest(col(col, e -> terms.overlap[e][a]), k)) * now.perQuery();
    hi[1] = overlap * worst.perQuery();
    double hit = Math.max(0, all.techHit[a]);
    lo[2] = Math.max(0, hit - largest(col(col, e -> terms.techHit[e][a]), k)) * now.perTechnique();
    hi[2] = Math.min(1, hit * worst.perTechnique());
    double soft = Math.max(0, all.softHit[a]);
    lo[3] = Math.max(0, soft - largest(col(col, e -> terms.softHit[e][a]), k));
    hi[3] = soft;
    double cover = Math.max(0, all.softCover[a]);
    lo[4] = Math.max(0, cover - largest(col(col, e -> terms.softCover[e][a]), k)) * now.perSoftware();
    hi[4] = Math.min(1, cover * worst.perSoftware());
    double nearest = 0;
    for (int r : terms.touchedReportsOf[a]) {
      nearest = Math.max(nearest, all.report[r]);
    }
    lo[5] = 0;
    hi[5] = nearest * worst.perQuery();
    lo[6] = s.model.reportVolume[a];
    hi[6] = lo[6];
  }

  /**
   * UNKNOWN's highest possible score over every removal of up to {@code k} items, from the bounds found for the
   * groups' features; {@code col} is scratch space, one value per item.
   */
  private static double unknownHigh(Scores s, int k, double[] col, double maxOdds, double maxCos, double maxCover,
      double leaderOddsLow) {
    Totals all = s.all;
    // UNKNOWN's best: u = (1, max cos, max cover, novel share, nb_U − best nb, ln(1 + item mass)), each feature at
    // its bound in its weight's direction; nb_U − best ≤ nb_U − nb_leader, ≥ −(largest log-odds any group can reach).
    double[] v = s.weights.unknown();
    double[] credibility = col(col, e -> s.evidence.get(e).credibility());
    double[] uLo = {1, 0, 0, 0, -maxOdds, Math.log1p(Math.max(0, all.items - largest(credibility, k)))};
    double[] uHi = {1, maxCos, Math.min(1, maxCover), 1, -leaderOddsLow, Math.log1p(Math.max(0, all.items))};
    double unknownHigh = 0;
    for (int x = 0; x < v.length; x++) {
      unknownHigh += v[x] * (v[x] >= 0 ? uHi[x] : uLo[x]);
    }
    return unknownHigh;
  }

  private static double[] col(double[] out, java.util.function.IntToDoubleFunction term) {
    for (int e = 0; e < out.length; e++) {
      out[e] = term.applyAsDouble(e);
    }
    return out;
  }

  /** The sum of the {@code k} largest positive values (what leaving out {@code k} items can take away at most). */
  static double largest(double[] values, int k) {
    double[] top = new double[k];
    for (double v : values) {
      if (v > top[k - 1]) {
        int j = k - 1;
        while (j > 0 && top[j - 1] < v) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = v;
      }
    }
    double s = 0;
    for (double v : top) {
      s += v;
    }
    return s;
  }

  /**
   * Whether, with the sums {@code t}, an actor other than {@code leader} leads — evaluating only the leader and
   * {@code rivals} (from {@link #rivals}, null: everyone). The same answer as {@code leadingActor(t) != leader}.
   */
  static boolean overtaken(Scores s, Totals t, int leader, int[] rivals) {
    if (rivals == null || t.linked <= 0) {
      return s.leadingActor(t) != leader;
    }
    Norms n = new Norms(t);
    double[] f = new double[ActorWeights.GROUP_FEATURES];
    double lead = s.actorFeatures.groupScore(t, leader, n, f);
    for (int a : rivals) {
      double sc = s.actorFeatures.groupScore(t, a, n, f);
      if (sc > lead || sc == lead && a < leader) {
        return true;
      }
    }
    return false;
  }
}
