package org.parley.attribution;

/**
 * The naive-Bayes part of the model (meanings in docs/design/attribution.md). {@link #DEFAULT} was chosen by
 * {@code TuneMain 120 tune-2019,mature-a replay=mature-a} (each candidate scored with its actor layer refitted),
 * started from the previous search's result once victims joined the dev cases, on the tune splits only; test-2021, mature-b and the campaigns were never used to choose it.
 *
 * @param techniqueProfileWeight λ: share of an incident's techniques drawn from the group's known profile (the
 *     rest follow the background distribution of all groups: new behaviour)
 * @param softwareProfileWeight the same for software, infrastructure and victims
 * @param sizeExponent β: a profile of n items gives each item mass ∝ 1/n^β (1 = a proper multinomial)
 * @param orphanBoost how much likelier an item no known group is linked to is under UNKNOWN
 * @param novelMalwareBoost how much likelier a malware family absent from the knowledge base is under UNKNOWN (1.0 since
 *     session 10: as a factor per item it grew with every new family named; the actor layer's novel share says it)
 * @param familyWeight weight of a technique whose parent or sibling (same parent) the group is known to use
 * @param softwareTechniqueWeight weight of a technique used by a software the group uses
 * @param priorUnknown prior probability that the actor is absent from the knowledge base
 * @param activityExponent group prior ∝ (1 + known links)^activityExponent
 * @param temperature likelihoods are raised to 1/temperature (naive-Bayes evidence is not independent)
 * @param falseFlagPrior prior of "evidence planted to implicate X", relative to X's own prior
 * @param cosineWeight κ: weight of the exact-overlap feature, Σ over the incident's techniques and software
 *     the group is known for of idf²/|group| (the TF-IDF baseline's cosine up to the incident's norm), added to the
 *     group's log score (0 = the mixture model alone)
 * @param toolProfileWeight λ for a public tool (an ATT&CK {@code tool}: PsExec, Impacket, Cobalt Strike): groups
 *     take up public tools they were never reported with far more often than another group's malware, so a match
 *     says less and its absence from a profile counts against a group less than for a malware family
 */
public record ModelParams(double techniqueProfileWeight, double softwareProfileWeight, double sizeExponent,
    double orphanBoost, double novelMalwareBoost, double familyWeight,
    double softwareTechniqueWeight, double priorUnknown, double activityExponent, double temperature,
    double falseFlagPrior, double cosineWeight, double toolProfileWeight) {
  public static final ModelParams DEFAULT = new ModelParams(0.0295, 0.6692, 0.9187, 5.734, 1.0, 0.1014, 0.1747,
      0.0544, 0.2840, 0.4137, 0.05, 0.0, 0.1);

  /** Without the overlap term and with tools weighed as other software (the original mixture model). */
  public ModelParams(double techniqueProfileWeight, double softwareProfileWeight, double sizeExponent,
      double orphanBoost, double novelMalwareBoost, double familyWeight, double softwareTechniqueWeight,
      double priorUnknown, double activityExponent, double temperature, double falseFlagPrior) {
    this(techniqueProfileWeight, softwareProfileWeight, sizeExponent, orphanBoost, novelMalwareBoost, familyWeight,
        softwareTechniqueWeight, priorUnknown, activityExponent, temperature, falseFlagPrior, 0,
        softwareProfileWeight);
  }

  /** The same parameters with another overlap weight. */
  public ModelParams withOverlap(double cosine) {
    return new ModelParams(techniqueProfileWeight, softwareProfileWeight, sizeExponent, orphanBoost,
        novelMalwareBoost, familyWeight, softwareTechniqueWeight, priorUnknown, activityExponent, temperature,
        falseFlagPrior, cosine, toolProfileWeight);
  }

  /** The same parameters with another weight for public tools. */
  public ModelParams withTools(double lambda) {
    return new ModelParams(techniqueProfileWeight, softwareProfileWeight, sizeExponent, orphanBoost,
        novelMalwareBoost, familyWeight, softwareTechniqueWeight, priorUnknown, activityExponent, temperature,
        falseFlagPrior, cosineWeight, lambda);
  }

  public ModelParams {
    if (!(techniqueProfileWeight > 0 && techniqueProfileWeight < 1 && softwareProfileWeight > 0
        && softwareProfileWeight < 1 && toolProfileWeight > 0 && toolProfileWeight < 1)) {
      throw new IllegalArgumentException("profile weights must be in (0, 1)");
    }
    if (!(temperature > 0 && orphanBoost > 0 && novelMalwareBoost > 0 && sizeExponent >= 0 && sizeExponent <= 1)) {
      throw new IllegalArgumentException("temperature and orphan boost must be > 0, size exponent in [0, 1]");
    }
    if (!(priorUnknown > 0 && priorUnknown < 1 && falseFlagPrior >= 0 && falseFlagPrior < 1)) {
      throw new IllegalArgumentException("priors must be in (0, 1)");
    }
    if (familyWeight < 0 || familyWeight > 1 || softwareTechniqueWeight < 0 || softwareTechniqueWeight > 1) {
      throw new IllegalArgumentException("weights must be in [0, 1]");
    }
    if (!(cosineWeight >= 0 && Double.isFinite(cosineWeight))) {
      throw new IllegalArgumentException("cosine weight must be >= 0");
    }
  }
}
