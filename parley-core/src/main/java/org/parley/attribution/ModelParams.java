package org.parley.attribution;

/**
 * The probabilistic model's parameters (meanings in docs/design/attribution.md). {@link #DEFAULT} was fitted on
 * the tune-2019 development split only; the test split and the campaigns were never used to choose it.
 *
 * @param techniqueSmoothing Dirichlet mass of the background technique distribution in each group's profile
 * @param softwareSmoothing the same for software
 * @param familyWeight weight of a technique whose parent or sibling (same parent) the group is known to use
 * @param softwareTechniqueWeight weight of a technique used by a software the group uses
 * @param priorUnknown prior probability that the actor is absent from the knowledge base
 * @param activityExponent group prior ∝ (1 + known links)^activityExponent
 * @param temperature likelihoods are raised to 1/temperature (naive-Bayes evidence is not independent)
 * @param falseFlagPrior prior of "evidence planted to implicate X", relative to X's own prior
 */
public record ModelParams(double techniqueSmoothing, double softwareSmoothing, double familyWeight,
    double softwareTechniqueWeight, double priorUnknown, double activityExponent, double temperature,
    double falseFlagPrior) {
  public static final ModelParams DEFAULT = new ModelParams(20, 4, 0.4, 0.15, 0.3, 0.5, 2.0, 0.05);

  public ModelParams {
    if (!(techniqueSmoothing > 0 && softwareSmoothing > 0 && temperature > 0)) {
      throw new IllegalArgumentException("smoothing and temperature must be > 0");
    }
    if (!(priorUnknown > 0 && priorUnknown < 1 && falseFlagPrior >= 0 && falseFlagPrior < 1)) {
      throw new IllegalArgumentException("priors must be in (0, 1)");
    }
    if (familyWeight < 0 || familyWeight > 1 || softwareTechniqueWeight < 0 || softwareTechniqueWeight > 1) {
      throw new IllegalArgumentException("weights must be in [0, 1]");
    }
  }
}
