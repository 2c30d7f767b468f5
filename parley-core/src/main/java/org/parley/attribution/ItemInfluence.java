package org.parley.attribution;

/**
 * The assessment without one item: which actor would lead ({@code leaderWithout}, an ATT&CK id or UNKNOWN) and
 * the probability the current leading actor would keep.
 */
public record ItemInfluence(Evidence evidence, String leaderWithout, double leaderProbabilityWithout) {}
