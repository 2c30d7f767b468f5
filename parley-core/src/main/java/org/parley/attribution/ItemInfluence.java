package org.parley.attribution;

/**
 * The assessment without one item: which actor would lead ({@code leaderWithout}, an ATT&CK id or UNKNOWN), the
 * probability the current leading actor would keep, and the posterior without it — its three leading actors in the
 * order of the call, with their probabilities ({@code leadingWithout}).
 */
public record ItemInfluence(Evidence evidence, String leaderWithout, double leaderProbabilityWithout,
    java.util.List<Hypothesis> leadingWithout) {
  public ItemInfluence {
    leadingWithout = java.util.List.copyOf(leadingWithout);
  }
}
