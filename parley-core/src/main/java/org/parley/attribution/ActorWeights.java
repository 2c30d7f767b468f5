package org.parley.attribution;

import java.util.Arrays;

/**
 * The final, calibrated layer of the model: a conditional logit over the actors (every group and UNKNOWN). A
 * group's score is {@code group · f(g)} with features f(g) = (naive-Bayes log-odds of g against UNKNOWN, TF-IDF
 * cosine of the incident and g's profile, share of the incident's techniques g is known for, Σ over software g is
 * known for of credibility / number of users, share of the incident's software g is known for, TF-IDF cosine of
 * the incident and the most similar single report the knowledge base cites for g); UNKNOWN's score
 * is {@code unknown · u} with u = (1, best cosine of any group, best technique share of any group, share of the
 * incident's malware that no group is known for, naive-Bayes log-odds of UNKNOWN against the best group,
 * ln(1 + credibility mass of the items)); a group's features also include ln(1 + the number of reports the
 * knowledge base cites for it), how often it is written about.
 *
 * <p>Two uses of the same scores. The <em>call</em> (which actor the assessment names first, the ranking
 * {@code parley eval} scores) compares the scores as they are: {@code unknown} holds UNKNOWN's call weights. The
 * <em>probabilities</em> add {@code unknownCalibration} to UNKNOWN's score before the softmax: that is the
 * maximum-likelihood fit (calibrated on the data it was fitted to), and the call is the decision that weighs a
 * correct named group above a correct "unknown" — an unknown actor is called first only when it is at least
 * e^unknownCalibration times as probable as the leading group. Fitted on the tune splits only; see
 * docs/design/attribution.md.
 */
record ActorWeights(double[] group, double[] unknown, double unknownCalibration, double unknownShare) {
  static final int GROUP_FEATURES = 7;
  static final int UNKNOWN_FEATURES = 6;
  /**
   * P(UNKNOWN) when no evidence links to any group: the share of unknown-actor cases in the tune splits
   * (tune-2019 97 of 188, mature-a 80 of 308).
   */
  static final double UNKNOWN_BASE_RATE = 177.0 / 496;
  static final String UNKNOWN_BASE_RATE_TEXT = "0.357 (177 of 496 cases)";

  /**
   * Fitted by {@code FitMain tune=tune-2019,mature-a replay=mature-a} with ModelParams.DEFAULT
   * (docs/design/attribution.md; session 10, when public tools got their own profile weight): maximum likelihood
   * (UNKNOWN's bias 0.9529), then the call's UNKNOWN bias moved for the tune objective (by −2.00); never on a test
   * split.
   */
  static final ActorWeights DEFAULT = new ActorWeights(
      new double[] {0.2794, 0.7607, 1.3935, 1.0379, 0.6031, 1.0598, 0.2038},
      new double[] {-1.0471, 0.1515, 0.5773, 0.1416, -0.1342, 0.7322}, 2.00, UNKNOWN_BASE_RATE);

  ActorWeights(double[] group, double[] unknown, double unknownCalibration) {
    this(group, unknown, unknownCalibration, UNKNOWN_BASE_RATE);
  }

  ActorWeights {
    if (group.length != GROUP_FEATURES || unknown.length != UNKNOWN_FEATURES) {
      throw new IllegalArgumentException("expected " + GROUP_FEATURES + " group and " + UNKNOWN_FEATURES
          + " unknown weights");
    }
    for (double w : group) {
      check(w);
    }
    for (double w : unknown) {
      check(w);
    }
    check(unknownCalibration);
    if (!(unknownShare > 0 && unknownShare < 1)) {
      throw new IllegalArgumentException("the share of unknown actors must be between 0 and 1, got " + unknownShare);
    }
    group = group.clone();
    unknown = unknown.clone();
  }

  private static void check(double w) {
    if (!Double.isFinite(w)) {
      throw new IllegalArgumentException("weights must be finite");
    }
  }

  @Override
  public double[] group() {
    return group.clone();
  }

  @Override
  public double[] unknown() {
    return unknown.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActorWeights w && Arrays.equals(group, w.group) && Arrays.equals(unknown, w.unknown)
        && Double.compare(unknownCalibration, w.unknownCalibration) == 0
        && Double.compare(unknownShare, w.unknownShare) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(group) + Arrays.hashCode(unknown)) + Double.hashCode(unknownCalibration))
        + Double.hashCode(unknownShare);
  }

  @Override
  public String toString() {
    return "ActorWeights" + Arrays.toString(group) + Arrays.toString(unknown) + " calibration " + unknownCalibration
        + " unknown share " + unknownShare;
  }

  /**
   * The same layer for a caseload where {@code share} of the incidents are by actors absent from the knowledge base
   * (the tune splits had {@link #UNKNOWN_BASE_RATE}): UNKNOWN's score moves by logit(share) − logit(the old share),
   * the correction of a calibrated classifier for a new class prior (Saerens, Latinne and Decaestecker, 2002) — in
   * the probabilities and in the call alike, as a change of belief.
   */
  ActorWeights withUnknownShare(double share) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("the share of unknown actors must be between 0 and 1, got " + share);
    }
    double[] u = unknown.clone();
    u[0] += logit(share) - logit(unknownShare);
    return new ActorWeights(group, u, unknownCalibration, share);
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** How many times as probable as the leading group an unknown actor must be to be called first. */
  double unknownCallRatio() {
    return Math.exp(unknownCalibration);
  }

  /** Score of one actor from its feature vector (group features for a group, unknown features for UNKNOWN). */
  double score(double[] features, boolean isUnknown) {
    double[] w = isUnknown ? unknown : group;
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * features[i];
    }
    return s;
  }
}
