package org.parley.attribution;

/**
 * The actor layer evaluated on a set of sums ({@link Totals}): the features of every actor — rows 0..g−1 the
 * groups, row g UNKNOWN, as {@link ActorWeights} documents — and their log scores.
 */
final class ActorFeatures {
  private final Model model;
  private final ActorWeights weights;
  private final int[][] touchedReportsOf; // per group: its reports that document some item of the incident
  private final int unknown;

  ActorFeatures(Model model, ActorWeights weights, ItemTerms terms) {
    this.model = model;
    this.weights = weights;
    this.touchedReportsOf = terms.touchedReportsOf;
    this.unknown = model.profiles.size();
  }

  /**
   * Computes the features of every actor from the sums, into {@code features} (rows allocated here) and/or their
   * scores into {@code scores}; either may be null. One pass, no allocation when only scores are asked for.
   */
  void evaluate(Totals t, double[][] features, double[] scores) {
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
  record Norms(double perQuery, double perTechnique, double perSoftware) {
    Norms(Totals t) {
      this(t.query <= 1e-24 ? 0 : 1 / Math.sqrt(t.query), t.techMass <= 1e-12 ? 0 : 1 / t.techMass,
          t.softMass <= 1e-12 ? 0 : 1 / t.softMass);
    }
  }

  /** Group {@code i}'s features (into {@code f}) and score. */
  double groupScore(Totals t, int i, Norms n, double[] f) {
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
   * Log scores per actor. When no item links to any known group (no evidence, or only malware, techniques and
   * artefacts nobody is known for) the evidence says nothing about which group, and the layer — fitted on cases
   * that always link somewhere — would only extrapolate: the answer is then the prior, UNKNOWN at
   * {@link ActorWeights#unknownShare()} and the groups sharing the rest by how active they are.
   */
  double[] scores(Totals t) {
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
}
