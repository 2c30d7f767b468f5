package org.parley.attribution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.marking.Tlp;

/**
 * The result of attributing one incident. {@code hypotheses}: every hypothesis (each group, UNKNOWN, false flags
 * for the leading groups), best first, with calibrated probabilities summing to 1. {@code actors}: the same mass
 * per actor (a false flag's mass goes to UNKNOWN: the actor is then not the implicated group), best first. "Best
 * first" is the call: by probability, except that an unknown actor (and a false flag, an unknown actor framing a
 * group) goes before a group only when it is at least {@code unknownCallRatio} times as probable — a named group
 * that is right is worth more to the analyst than a right "unknown" (docs/design/attribution.md). {@code unknownShare}:
 * the share of incidents by actors absent from the knowledge base the probabilities assume. {@code marking}: the strictest TLP
 * of the incident's objects and of the shared intel in the knowledge base — the assessment is drawn from both, so it
 * is passed on at most under that marking (TLP 2.0); empty when nothing was marked.
 */
public record Assessment(Incident incident, List<Hypothesis> hypotheses, List<Hypothesis> actors,
    Confidence confidence, AchMatrix matrix, Sensitivity sensitivity, Optional<Tlp> marking,
    double unknownCallRatio, double unknownShare) {
  public Assessment {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(marking, "marking");
    hypotheses = List.copyOf(hypotheses);
    actors = List.copyOf(actors);
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(sensitivity, "sensitivity");
    if (!(unknownShare > 0 && unknownShare < 1)) {
      throw new IllegalArgumentException("unknownShare must be between 0 and 1");
    }
    if (!(unknownCallRatio > 0) || Double.isInfinite(unknownCallRatio)) {
      throw new IllegalArgumentException("unknownCallRatio must be positive and finite");
    }
    if (actors.isEmpty()) {
      throw new IllegalArgumentException("an assessment has at least the UNKNOWN hypothesis");
    }
  }

  /**
   * This assessment handled at least at {@code level}: a node knows levels the objects do not say (what it handles an
   * unmarked object as), and what is drawn from them is shared no more widely.
   */
  public Assessment withMarkingAtLeast(Tlp level) {
    Tlp strictest = marking.filter(m -> m.compareTo(level) >= 0).orElse(level);
    return new Assessment(incident, hypotheses, actors, confidence, matrix, sensitivity, Optional.of(strictest),
        unknownCallRatio, unknownShare);
  }

  /** The leading actor of the call (a group or UNKNOWN; not always the most probable, see above). */
  public Hypothesis leading() {
    return actors.get(0);
  }
}
