package org.parley.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The numbers behind one assessment. Per evidence item and hypothesis the naive-Bayes log-likelihood after
 * credibility ({@code like}), with log priors, over every group, UNKNOWN and the false flags; per item its terms of
 * the actor features ({@link ActorWeights}, in {@link ItemTerms}). Everything is a sum over items ({@link Totals}),
 * so the posterior without any set of items is the totals minus those items' terms: leave-one-out and overturn sets
 * stay exact and cheap.
 */
final class Scores {
  final Model model;
  final ActorWeights weights;
  final List<Evidence> evidence;
  final List<Hypothesis> hypotheses = new ArrayList<>(); // probability 0 placeholders, same order as columns
  final List<Integer> groupOf = new ArrayList<>(); // group index, -1 for UNKNOWN
  double[][] like; // [evidence][hypothesis]; set twice while constructing (without, then with the false flags)
  double[] logPrior;
  final int unknown;
  final ItemTerms terms; // per item, what it adds to the sums
  final ActorFeatures actorFeatures;
  double[][] tempered; // per item: like / temperature, what the naive-Bayes sums add
  Totals all; // every item in

  Scores(Model model, ActorWeights weights, Incident incident) {
    this.model = model;
    this.weights = weights;
    this.evidence = incident.evidence();
    int g = model.profiles.size();
    unknown = g;
    terms = new ItemTerms(model, evidence);
    actorFeatures = new ActorFeatures(model, weights, terms);
    double[][] base = terms.base;
    // The false flags are for the three groups the call puts first: the actor layer needs only the groups' and
    // UNKNOWN's columns, so it is computed on those alone, then the false-flag columns are added.
    columns(base, new int[0]);
    all = totals(null);
    int[] leaders = callLeaders(3);
    columns(base, leaders);
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
    all = totals(null);
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

  /**
   * The naive-Bayes columns: every group, UNKNOWN, and a false flag for each of {@code leaders} — each item planted
   * with probability φ (how cheap it is to fake) to implicate the group, else left by the real, unknown actor; prior
   * {@code falseFlagPrior} of the group's.
   */
  private void columns(double[][] base, int[] leaders) {
    ModelParams p = model.params;
    int g = unknown;
    int n = base.length;
    int hs = g + 1 + leaders.length;
    double[] prior = model.logPrior;
    like = new double[n][hs];
    tempered = new double[n][hs];
    for (int e = 0; e < n; e++) {
      System.arraycopy(base[e], 0, like[e], 0, g + 1);
      double phi = model.easeOfFaking(evidence.get(e));
      for (int k = 0; k < leaders.length; k++) {
        like[e][g + 1 + k] = mix(phi, base[e][leaders[k]], base[e][g]);
      }
      for (int h = 0; h < hs; h++) {
        tempered[e][h] = like[e][h] / p.temperature();
      }
    }
    logPrior = Arrays.copyOf(prior, hs);
    double ff = p.falseFlagPrior();
    for (int i = 0; i < g; i++) {
      logPrior[i] += Math.log1p(-ff);
    }
    for (int k = 0; k < leaders.length; k++) {
      logPrior[g + 1 + k] = prior[leaders[k]] + Math.log(ff);
    }
  }

  /** The {@code k} groups the call ranks first with every item in. */
  private int[] callLeaders(int k) {
    double[] s = actorFeatures.scores(all);
    return java.util.stream.IntStream.range(0, unknown).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparing(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  private Totals totals(boolean[] removed) {
    Totals t = removed == null ? new Totals(terms, logPrior, tempered, unknown, model.reports()) : copyOfAll();
    for (int e = 0; e < evidence.size(); e++) {
      if (removed == null) {
        t.add(e, 1);
      } else if (removed[e]) {
        t.add(e, -1); // start from all items and take the removed ones out: O(hypotheses × removed)
      }
    }
    return t;
  }

  /** A working copy of the sums with every item in, to take items out and put them back in place. */
  Totals copyOfAll() {
    return all.copy();
  }

  /** Takes item {@code e} out of {@code t} ({@code back}: puts it back in). */
  void leaveOut(Totals t, int e, boolean back) {
    t.add(e, back ? 1 : -1);
  }

  /**
   * The actor features with the flagged items left out (null: none): rows 0..g−1 the group features, row g the
   * UNKNOWN features, as {@link ActorWeights} documents.
   */
  double[][] features(boolean[] removed) {
    double[][] f = new double[unknown + 1][];
    actorFeatures.evaluate(removed == null ? all : totals(removed), f, null);
    return f;
  }

  /** {@link OverturnBounds#rivals}: the groups that could overtake {@code leader} once any {@code k} items are out. */
  int[] rivals(int leader, int k) {
    return OverturnBounds.rivals(this, leader, k);
  }

  /** {@link OverturnBounds#overtaken}: whether an actor other than {@code leader} leads with the sums {@code t}. */
  boolean overtaken(Totals t, int leader, int[] rivals) {
    return OverturnBounds.overtaken(this, t, leader, rivals);
  }

  /**
   * Per actor (group index, UNKNOWN = {@link #unknown}) the calibrated probability with the flagged items left out
   * (null: none): the call scores with UNKNOWN's moved back by {@link ActorWeights#unknownCalibration()} (not when
   * nothing links to a group: that answer is already the prior).
   */
  double[] actors(boolean[] removed) {
    return view(removed).actors();
  }

  /**
   * The assessment with the flagged items left out (null: none), from one pass over the sums: the call's leading
   * actor, the calibrated probability of every actor, and whether an item left in links to a known group.
   */
  record View(int leader, double[] actors, boolean linked) {}

  View view(boolean[] removed) {
    Totals t = removed == null ? all : totals(removed);
    double[] s = actorFeatures.scores(t);
    int leader = argmax(s);
    if (t.linked > 0) {
      s[unknown] += weights.unknownCalibration();
    }
    return new View(leader, softmax(s), t.linked > 0);
  }

  /**
   * What a hypothesis's probability is multiplied by to rank it in the call (best first): 1 for a group,
   * 1 / {@link ActorWeights#unknownCallRatio()} for UNKNOWN and the false flags (an unknown actor framing a group)
   * when evidence links to some group. Ranking by probability × this is ranking by the call scores.
   */
  double callWeight(int hypothesis) {
    return callWeight(hypothesis, all.linked > 0);
  }

  /** {@link #callWeight(int)} for a set of items of which some ({@code linked}) or none link to a group. */
  double callWeight(int hypothesis, boolean linked) {
    return hypothesis >= unknown && linked ? 1 / weights.unknownCallRatio() : 1;
  }

  /** Whether some item links to a known group. */
  boolean linked() {
    return all.linked > 0;
  }

  /** The runner-up of the call with the flagged items left out (null: none), −1 with a single actor. */
  int runnerUp(boolean[] removed, int leader) {
    double[] s = actorFeatures.scores(removed == null ? all : totals(removed));
    int best = -1;
    for (int a = 0; a < s.length; a++) {
      if (a != leader && (best < 0 || s[a] > s[best])) {
        best = a;
      }
    }
    return best;
  }

  /** The leading actor of the call for these sums. */
  int leadingActor(Totals t) {
    return argmax(actorFeatures.scores(t));
  }

  /**
   * Per hypothesis: a group has its actor probability; UNKNOWN's actor probability is shared between "an unknown
   * actor" and the false flags (an unknown actor framing a group) as the naive-Bayes posterior of those columns
   * shares it, untempered: the temperature (below 1 since the parameter search) sharpens the naive-Bayes sums for
   * ranking, and would hand a false flag most of UNKNOWN's mass for evidence that barely implicates its group.
   */
  double[] posterior(boolean[] removed) {
    double[] actor = actors(removed);
    Totals t = removed == null ? all : totals(removed);
    double[] nb = t.nb;
    double[] share = new double[nb.length - unknown]; // UNKNOWN, then the false flags
    if (t.linked <= 0) {
      share[0] = 1; // nothing implicates a group: there is nothing planted to implicate one with
    } else {
      for (int h = unknown; h < nb.length; h++) {
        share[h - unknown] = (nb[h] - logPrior[h]) * model.params.temperature() + logPrior[h];
      }
      softmax(share);
    }
    double[] out = new double[nb.length];
    System.arraycopy(actor, 0, out, 0, unknown);
    for (int h = unknown; h < nb.length; h++) {
      out[h] = actor[unknown] * share[h - unknown];
    }
    return out;
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

  /** The leading actor of the call with the flagged items left out. */
  int leadingActor(boolean[] removed) {
    return leadingActor(removed == null ? all : totals(removed));
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