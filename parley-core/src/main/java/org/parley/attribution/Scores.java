package org.parley.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The numbers behind one assessment: per evidence item and hypothesis the log-likelihood after credibility
 * ({@code like}) and its tempered contribution, plus log priors; posteriors with any items left out.
 */
final class Scores {
  final Model model;
  final List<Evidence> evidence;
  final List<Hypothesis> hypotheses = new ArrayList<>(); // probability 0 placeholders, same order as columns
  final List<Integer> groupOf = new ArrayList<>(); // group index, -1 for UNKNOWN
  final double[][] like; // [evidence][hypothesis]
  final double[] logPrior;
  final int unknown;

  Scores(Model model, Incident incident) {
    this.model = model;
    this.evidence = incident.evidence();
    ModelParams p = model.params;
    int g = model.profiles.size();
    unknown = g;
    double[][] base = new double[evidence.size()][];
    for (int e = 0; e < evidence.size(); e++) {
      double[] l = model.logLikelihoods(evidence.get(e));
      double c = evidence.get(e).credibility();
      for (int h = 0; h <= g; h++) { // credibility: with probability 1 - c the item says nothing
        l[h] = mix(c, l[h], l[g]);
      }
      if (p.cosineWeight() > 0) { // exact-overlap feature (log-linear), weighed by credibility like the rest
        double[] o = model.overlap(evidence.get(e));
        for (int i = 0; i < g; i++) {
          l[i] += p.cosineWeight() * c * o[i];
        }
      }
      base[e] = l;
    }
    double[] prior = model.logPrior;
    int[] leaders = topGroups(base, prior, g, 3);
    int n = g + 1 + leaders.length;
    like = new double[evidence.size()][n];
    logPrior = Arrays.copyOf(prior, n);
    for (int e = 0; e < evidence.size(); e++) {
      System.arraycopy(base[e], 0, like[e], 0, g + 1);
      double phi = model.easeOfFaking(evidence.get(e));
      for (int k = 0; k < leaders.length; k++) { // false flag: each item planted with probability phi
        like[e][g + 1 + k] = mix(phi, base[e][leaders[k]], base[e][g]);
      }
    }
    double ff = p.falseFlagPrior();
    for (int i = 0; i < g; i++) {
      logPrior[i] += Math.log1p(-ff);
    }
    for (int k = 0; k < leaders.length; k++) {
      logPrior[g + 1 + k] = prior[leaders[k]] + Math.log(ff);
    }
    for (int i = 0; i < g; i++) {
      Group x = model.profiles.groups.get(i);
      hypotheses.add(new Hypothesis(Hypothesis.Kind.GROUP, x.externalId(), x.name(), 0));
      groupOf.add(i);
    }
    hypotheses.add(new Hypothesis(Hypothesis.Kind.UNKNOWN, Hypothesis.UNKNOWN, "UNKNOWN", 0));
    groupOf.add(-1);
    for (int k : leaders) {
      Group x = model.profiles.groups.get(k);
      hypotheses.add(new Hypothesis(Hypothesis.Kind.FALSE_FLAG, x.externalId(), x.name(), 0));
      groupOf.add(k);
    }
  }

  /** log(w·e^a + (1 − w)·e^b). */
  static double mix(double w, double a, double b) {
    if (w >= 1) {
      return a;
    }
    if (w <= 0) {
      return b;
    }
    double m = Math.max(a, b);
    return m + Math.log(w * Math.exp(a - m) + (1 - w) * Math.exp(b - m));
  }

  private int[] topGroups(double[][] base, double[] prior, int g, int k) {
    double[] s = Arrays.copyOf(prior, g);
    for (double[] l : base) {
      for (int i = 0; i < g; i++) {
        s[i] += l[i];
      }
    }
    return java.util.stream.IntStream.range(0, g).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparing(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  int size() {
    return logPrior.length;
  }

  /** log prior + every item's tempered log-likelihood, per hypothesis. */
  private double[] total;

  double[] total() {
    if (total == null) {
      double t = model.params.temperature();
      total = logPrior.clone();
      for (double[] l : like) {
        for (int h = 0; h < total.length; h++) {
          total[h] += l[h] / t;
        }
      }
    }
    return total;
  }



  /** Posterior over all hypotheses, leaving out the items flagged in {@code removed} (may be null). */
  double[] posterior(boolean[] removed) {
    double t = model.params.temperature();
    double[] s = total().clone();
    if (removed != null) { // removing items subtracts their terms: O(hypotheses × removed)
      for (int e = 0; e < removed.length; e++) {
        if (removed[e]) {
          for (int h = 0; h < s.length; h++) {
            s[h] -= like[e][h] / t;
          }
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int h = 0; h < s.length; h++) {
      s[h] = Math.exp(s[h] - max);
      sum += s[h];
    }
    for (int h = 0; h < s.length; h++) {
      s[h] /= sum;
    }
    return s;
  }

  /** {@code scores} minus item {@code e}'s tempered log-likelihood, in place. */
  void subtract(double[] scores, int e) {
    double t = model.params.temperature();
    for (int h = 0; h < scores.length; h++) {
      scores[h] -= like[e][h] / t;
    }
  }

  /** The leading actor for these log scores. */
  int leadingActor(double[] scores) {
    return argmax(actorPosterior(softmax(scores.clone())));
  }

  static double[] softmax(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int h = 0; h < s.length; h++) {
      s[h] = Math.exp(s[h] - max);
      sum += s[h];
    }
    for (int h = 0; h < s.length; h++) {
      s[h] /= sum;
    }
    return s;
  }

  /**
   * Per actor (group index, UNKNOWN = {@link #unknown}): false-flag mass goes to UNKNOWN; then recalibrated,
   * a ∝ a^(1/calibration), which never changes the order of the actors, only how sure the figures sound.
   */
  double[] actorPosterior(double[] posterior) {
    double[] a = new double[unknown + 1];
    for (int h = 0; h < posterior.length; h++) {
      boolean isGroup = hypotheses.get(h).kind() == Hypothesis.Kind.GROUP;
      a[isGroup ? groupOf.get(h) : unknown] += posterior[h];
    }
    double c = model.params.calibration();
    if (c != 1) {
      double sum = 0;
      for (int i = 0; i < a.length; i++) {
        a[i] = Math.pow(a[i], 1 / c);
        sum += a[i];
      }
      for (int i = 0; i < a.length; i++) {
        a[i] /= sum;
      }
    }
    return a;
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  String actorId(int actor) {
    return actor == unknown ? Hypothesis.UNKNOWN : model.profiles.groups.get(actor).externalId();
  }
}
