package org.parley.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The numbers behind one assessment. Per evidence item and hypothesis the naive-Bayes log-likelihood after
 * credibility ({@code like}), with log priors, over every group, UNKNOWN and the false flags; per item its terms of
 * the actor features ({@link ActorWeights}). Everything is a sum over items, so the posterior without any set of
 * items is the totals minus those items' terms: leave-one-out and overturn sets stay exact and cheap.
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
  // Per-item terms of the actor features: [evidence][group] or [evidence].
  private final double[][] overlap; // credibility · idf² / |g| when g is known for the item
  private final double[] query; // (credibility · idf)²
  private final double[][] techHit; // credibility when g is known for the technique
  private final double[] techMass; // credibility of a technique item
  private final double[][] softHit; // credibility / users when g is known for the software
  private final double[][] softCover; // credibility when g is known for the software
  private final double[] softMass; // credibility of a software or unknown-malware item
  private final double[] novelMass; // credibility of an unknown-malware item
  private final int[] linked; // 1 when some group is known for the item (technique, software, infrastructure, victim)
  private final int[][] reportIdx; // the known reports documenting the item
  private final double[][] reportVal; // credibility · idf² / |report| for each
  private final int[][] touchedReportsOf; // per group: its reports that document some item of the incident
  private final int[][] groupsOf; // per item: the groups with a non-zero term in some actor feature (sparse sums)
  private double[][] tempered; // per item: like / temperature, what the naive-Bayes sums add
  private Totals all;

  Scores(Model model, ActorWeights weights, Incident incident) {
    this.model = model;
    this.weights = weights;
    this.evidence = incident.evidence();
    ModelParams p = model.params;
    int g = model.profiles.size();
    int n = evidence.size();
    unknown = g;
    double[][] base = new double[n][];
    overlap = new double[n][];
    techHit = new double[n][];
    softHit = new double[n][];
    softCover = new double[n][];
    query = new double[n];
    techMass = new double[n];
    softMass = new double[n];
    novelMass = new double[n];
    linked = new int[n];
    reportIdx = new int[n][];
    reportVal = new double[n][];
    for (int e = 0; e < n; e++) {
      Evidence ev = evidence.get(e);
      double[] l = model.logLikelihoods(ev);
      double c = ev.credibility();
      for (int h = 0; h <= g; h++) { // credibility: with probability 1 - c the item says nothing
        l[h] = mix(c, l[h], l[g]);
      }
      double[] o = model.overlap(ev);
      if (p.cosineWeight() > 0) { // exact-overlap term of the naive-Bayes part (log-linear), weighed by credibility
        for (int i = 0; i < g; i++) {
          l[i] += p.cosineWeight() * c * o[i];
        }
      }
      base[e] = l;
      overlap[e] = o;
      linked[e] = c > 0 && model.linksToAGroup(ev) ? 1 : 0;
      reportIdx[e] = model.reportsWith(ev);
      reportVal[e] = new double[reportIdx[e].length];
      for (int k = 0; k < reportIdx[e].length; k++) {
        reportVal[e][k] = c * model.reportTerm(ev, reportIdx[e][k]);
      }
      for (int i = 0; i < g; i++) {
        o[i] *= c;
      }
      techHit[e] = new double[g];
      softHit[e] = new double[g];
      softCover[e] = new double[g];
      switch (ev.kind()) {
        case TECHNIQUE, SOFTWARE -> {
          double w = c * model.idf(ev);
          query[e] = w * w;
          boolean tech = ev.kind() == Evidence.Kind.TECHNIQUE;
          double users = tech ? 1 : model.softwareUsers(ev);
          for (int i = 0; i < g; i++) {
            if (model.knownFor(i, ev)) {
              if (tech) {
                techHit[e][i] = c;
              } else {
                softHit[e][i] = c / users;
                softCover[e][i] = c;
              }
            }
          }
          if (tech) {
            techMass[e] = c;
          } else {
            softMass[e] = c;
          }
        }
        case NOVEL_MALWARE -> {
          double w = c * (Math.log(g + 1.0) + 1);
          query[e] = w * w;
          softMass[e] = c;
          novelMass[e] = c;
        }
        default -> { }
      }
    }
    boolean[] touched = new boolean[model.reports()];
    for (int[] rs : reportIdx) {
      for (int r : rs) {
        touched[r] = true;
      }
    }
    touchedReportsOf = new int[g][];
    for (int i = 0; i < g; i++) { // the other reports' sums stay 0: the nearest-report feature need not visit them
      touchedReportsOf[i] = java.util.Arrays.stream(model.reportsOf[i]).filter(r -> touched[r]).toArray();
    }
    groupsOf = new int[n][];
    for (int e = 0; e < n; e++) {
      int item = e;
      groupsOf[e] = java.util.stream.IntStream.range(0, g).filter(i -> overlap[item][i] != 0 || techHit[item][i] != 0
          || softHit[item][i] != 0 || softCover[item][i] != 0).toArray();
    }
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
    double[] s = actorScores(all);
    return java.util.stream.IntStream.range(0, unknown).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparing(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  /** The sums over the items that are left in. */
  final class Totals {
    final double[] nb; // log prior + tempered log-likelihoods, per hypothesis
    final double[] overlap = new double[unknown];
    final double[] techHit = new double[unknown];
    final double[] softHit = new double[unknown];
    final double[] softCover = new double[unknown];
    final double[] report = new double[model.reports()];
    double query;
    double techMass;
    double softMass;
    double novelMass;
    int linked; // items some group is known for
    double items; // credibility mass of the items left in

    Totals() {
      nb = logPrior.clone();
    }

    void add(int e, double sign) {
      double[] lt = tempered[e];
      for (int h = 0; h < nb.length; h++) {
        nb[h] += sign * lt[h];
      }
      for (int i : groupsOf[e]) {
        overlap[i] += sign * Scores.this.overlap[e][i];
        techHit[i] += sign * Scores.this.techHit[e][i];
        softHit[i] += sign * Scores.this.softHit[e][i];
        softCover[i] += sign * Scores.this.softCover[e][i];
      }
      for (int k = 0; k < reportIdx[e].length; k++) {
        report[reportIdx[e][k]] += sign * reportVal[e][k];
      }
      query += sign * Scores.this.query[e];
      techMass += sign * Scores.this.techMass[e];
      softMass += sign * Scores.this.softMass[e];
      novelMass += sign * Scores.this.novelMass[e];
      linked += (int) sign * Scores.this.linked[e];
      items += sign * evidence.get(e).credibility();
    }
  }

  private Totals totals(boolean[] removed) {
    Totals t = removed == null ? new Totals() : copyOfAll();
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
    Totals t = new Totals();
    System.arraycopy(all.nb, 0, t.nb, 0, t.nb.length);
    System.arraycopy(all.overlap, 0, t.overlap, 0, unknown);
    System.arraycopy(all.techHit, 0, t.techHit, 0, unknown);
    System.arraycopy(all.softHit, 0, t.softHit, 0, unknown);
    System.arraycopy(all.softCover, 0, t.softCover, 0, unknown);
    System.arraycopy(all.report, 0, t.report, 0, t.report.length);
    t.query = all.query;
    t.techMass = all.techMass;
    t.softMass = all.softMass;
    t.novelMass = all.novelMass;
    t.linked = all.linked;
    t.items = all.items;
    return t;
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
    evaluate(removed == null ? all : totals(removed), f, null);
    return f;
  }

  /**
   * Computes the features of every actor from the sums, into {@code features} (rows allocated here) and/or their
   * scores into {@code scores}; either may be null. One pass, no allocation when only scores are asked for.
   */
  private void evaluate(Totals t, double[][] features, double[] scores) {
    int g = unknown;
    double best = Double.NEGATIVE_INFINITY;
    double maxCos = 0;
    double maxCover = 0;
    Norms n = new Norms(t);
    double[] f = new double[ActorWeights.GROUP_FEATURES];
    for (int i = 0; i < g; i++) {
      best = Math.max(best, t.nb[i]);
      double score = groupScore(t, i, n, f);
      if (features != null) {
        features[i] = f.clone();
      }
      if (scores != null) {
        scores[i] = score;
      }
      maxCos = Math.max(maxCos, f[1]);
      maxCover = Math.max(maxCover, f[2]);
    }
    double novel = t.softMass <= 1e-12 ? 0 : Math.max(0, t.novelMass) / t.softMass;
    double[] u = {1, maxCos, maxCover, novel, g == 0 ? 0 : t.nb[g] - best, Math.log1p(Math.max(0, t.items))};
    if (features != null) {
      features[g] = u;
    }
    if (scores != null) {
      scores[g] = weights.score(u, true);
    }
  }

  /** The normalisers of the features for one set of sums (0 when the mass they divide is 0). */
  private record Norms(double perQuery, double perTechnique, double perSoftware) {
    Norms(Totals t) {
      this(t.query <= 1e-24 ? 0 : 1 / Math.sqrt(t.query), t.techMass <= 1e-12 ? 0 : 1 / t.techMass,
          t.softMass <= 1e-12 ? 0 : 1 / t.softMass);
    }
  }

  /** Group {@code i}'s features (into {@code f}) and score. */
  private double groupScore(Totals t, int i, Norms n, double[] f) {
    double nearest = 0; // cosine with the most similar single report on the group
    for (int r : touchedReportsOf[i]) {
      nearest = Math.max(nearest, t.report[r]);
    }
    f[0] = t.nb[i] - t.nb[unknown];
    f[1] = Math.max(0, t.overlap[i]) * n.perQuery();
    f[2] = Math.max(0, t.techHit[i]) * n.perTechnique();
    f[3] = Math.max(0, t.softHit[i]);
    f[4] = Math.max(0, t.softCover[i]) * n.perSoftware();
    f[5] = nearest * n.perQuery();
    f[6] = model.reportVolume[i];
    return weights.score(f, false);
  }

  /**
   * The groups that could overtake group {@code leader} once any {@code k} or fewer items are left out, or null when
   * every actor must be evaluated (UNKNOWN could overtake, or the masses the features divide by could vanish). Each
   * group feature is bounded over all such removals — sums of non-negative terms lose at most their k largest terms,
   * the naive-Bayes log-odds move by at most its k largest per-item changes each way, normalisers shrink by at most
   * the k largest terms — and a group whose best possible score stays below the leader's worst possible one cannot
   * lead. Sound bounds, so the overturn search that uses them finds exactly what it would without them.
   */
  int[] rivals(int leader, int k) {
    int g = unknown;
    int n = evidence.size();
    double qMin = all.query - largest(query, k);
    double techMin = all.techMass - largest(techMass, k);
    double softMin = all.softMass - largest(softMass, k);
    if (leader == unknown || qMin <= 1e-20 || techMin <= 1e-12 && all.techMass > 1e-12
        || softMin <= 1e-12 && all.softMass > 1e-12) {
      return null;
    }
    Norms worst = new Norms(1 / Math.sqrt(qMin), techMin > 1e-12 ? 1 / techMin : 0, softMin > 1e-12 ? 1 / softMin : 0);
    Norms now = new Norms(all);
    double[] w = weights.group();
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
      int a = i;
      double nb = all.nb[i] - all.nb[g];
      lo[0] = nb - largest(col(col, e -> tempered[e][a] - tempered[e][g]), k);
      hi[0] = nb + largest(col(col, e -> tempered[e][g] - tempered[e][a]), k);
      double overlap = Math.max(0, all.overlap[i]);
      lo[1] = Math.max(0, overlap - largest(col(col, e -> this.overlap[e][a]), k)) * now.perQuery();
      hi[1] = overlap * worst.perQuery();
      double hit = Math.max(0, all.techHit[i]);
      lo[2] = Math.max(0, hit - largest(col(col, e -> this.techHit[e][a]), k)) * now.perTechnique();
      hi[2] = Math.min(1, hit * worst.perTechnique());
      double soft = Math.max(0, all.softHit[i]);
      lo[3] = Math.max(0, soft - largest(col(col, e -> this.softHit[e][a]), k));
      hi[3] = soft;
      double cover = Math.max(0, all.softCover[i]);
      lo[4] = Math.max(0, cover - largest(col(col, e -> this.softCover[e][a]), k)) * now.perSoftware();
      hi[4] = Math.min(1, cover * worst.perSoftware());
      double nearest = 0;
      for (int r : touchedReportsOf[i]) {
        nearest = Math.max(nearest, all.report[r]);
      }
      lo[5] = 0;
      hi[5] = nearest * worst.perQuery();
      lo[6] = model.reportVolume[i];
      hi[6] = lo[6];
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
    // UNKNOWN's best: u = (1, max cos, max cover, novel share, nb_U − best nb, ln(1 + item mass)), each feature at
    // its bound in its weight's direction; nb_U − best ≤ nb_U − nb_leader, ≥ −(largest log-odds any group can reach).
    double[] v = weights.unknown();
    double[] credibility = col(col, e -> evidence.get(e).credibility());
    double[] uLo = {1, 0, 0, 0, -maxOdds, Math.log1p(Math.max(0, all.items - largest(credibility, k)))};
    double[] uHi = {1, maxCos, Math.min(1, maxCover), 1, -leaderOddsLow, Math.log1p(Math.max(0, all.items))};
    double unknownHigh = 0;
    for (int x = 0; x < v.length; x++) {
      unknownHigh += v[x] * (v[x] >= 0 ? uHi[x] : uLo[x]);
    }
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
  boolean overtaken(Totals t, int leader, int[] rivals) {
    if (rivals == null || t.linked <= 0) {
      return leadingActor(t) != leader;
    }
    Norms n = new Norms(t);
    double[] f = new double[ActorWeights.GROUP_FEATURES];
    double lead = groupScore(t, leader, n, f);
    for (int a : rivals) {
      double s = groupScore(t, a, n, f);
      if (s > lead || s == lead && a < leader) {
        return true;
      }
    }
    return false;
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
    double[] s = actorScores(t);
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
    double[] s = actorScores(removed == null ? all : totals(removed));
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
    return argmax(actorScores(t));
  }

  /**
   * Log scores per actor. When no item links to any known group (no evidence, or only malware, techniques and
   * artefacts nobody is known for) the evidence says nothing about which group, and the layer — fitted on cases
   * that always link somewhere — would only extrapolate: the answer is then the prior, UNKNOWN at
   * {@link ActorWeights#unknownShare()} and the groups sharing the rest by how active they are.
   */
  private double[] actorScores(Totals t) {
    double[] s = new double[unknown + 1];
    if (t.linked <= 0 && unknown > 0) {
      double groupsPrior = 1 - model.params.priorUnknown();
      for (int i = 0; i < unknown; i++) {
        s[i] = model.logPrior[i] - Math.log(groupsPrior) + Math.log1p(-weights.unknownShare());
      }
      s[unknown] = Math.log(weights.unknownShare());
      return s;
    }
    evaluate(t, null, s);
    return s;
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
