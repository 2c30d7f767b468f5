package org.parley.attribution;

/**
 * Heuer's ACH ratings: how much more (or less) likely an item of evidence is under a hypothesis than under
 * UNKNOWN (an actor drawn from the background of all known behaviour). Thresholds: ×4 and ×1.5 (likelihood
 * ratio); an item the knowledge base documents for the group is at least consistent ({@code AchMatrices}). The UNKNOWN column is therefore always neutral: no evidence contradicts an unknown actor, evidence only
 * fails to point elsewhere — which is why UNKNOWN needs a prior and the probabilistic model, not ACH alone.
 */
public enum Consistency {
  VERY_CONSISTENT("CC", 0), CONSISTENT("C", 0), NEUTRAL("N", 0), INCONSISTENT("I", 1), VERY_INCONSISTENT("II", 2);

  private final String symbol;
  private final int inconsistencyWeight;

  Consistency(String symbol, int inconsistencyWeight) {
    this.symbol = symbol;
    this.inconsistencyWeight = inconsistencyWeight;
  }

  public String symbol() {
    return symbol;
  }

  /** Heuer counts inconsistent evidence only: I = 1, II = 2. */
  public int inconsistencyWeight() {
    return inconsistencyWeight;
  }

  static Consistency of(double logRatio) {
    double strong = Math.log(4);
    double weak = Math.log(1.5);
    return logRatio >= strong ? VERY_CONSISTENT : logRatio >= weak ? CONSISTENT
        : logRatio > -weak ? NEUTRAL : logRatio > -strong ? INCONSISTENT : VERY_INCONSISTENT;
  }
}
