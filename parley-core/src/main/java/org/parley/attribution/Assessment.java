package org.parley.attribution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.marking.Tlp;

/**
 * The result of attributing one incident. {@code hypotheses}: every hypothesis (each group, UNKNOWN, false flags
 * for the leading groups), best first, summing to 1. {@code actors}: the same mass per actor (a false flag's mass
 * goes to UNKNOWN: the actor is then not the implicated group), best first. {@code marking}: the strictest TLP
 * of the incident's objects and of the shared intel in the knowledge base — the assessment is drawn from both, so it
 * is passed on at most under that marking (TLP 2.0); empty when nothing was marked.
 */
public record Assessment(Incident incident, List<Hypothesis> hypotheses, List<Hypothesis> actors,
    Confidence confidence, AchMatrix matrix, Sensitivity sensitivity, Optional<Tlp> marking) {
  public Assessment {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(marking, "marking");
    hypotheses = List.copyOf(hypotheses);
    actors = List.copyOf(actors);
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(sensitivity, "sensitivity");
    if (actors.isEmpty()) {
      throw new IllegalArgumentException("an assessment has at least the UNKNOWN hypothesis");
    }
  }

  /** The leading actor (a group or UNKNOWN). */
  public Hypothesis leading() {
    return actors.get(0);
  }
}
