package org.parley.attribution;

import java.util.Optional;
import org.parley.marking.Tlp;

import java.util.List;
import java.util.Objects;

/**
 * An incident's evidence resolved against a knowledge base. {@code id} is the STIX id of the bundle's
 * {@code incident} object (else its report or grouping, else the bundle) that outputs link to; {@code marking} the
 * strictest TLP marking on any of the bundle's objects, which an assessment drawn from them carries too.
 */
public record Incident(String id, String name, List<Evidence> evidence, List<UnresolvedEvidence> unresolved,
    Optional<Tlp> marking) {
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    evidence = List.copyOf(evidence);
    unresolved = List.copyOf(unresolved);
    Objects.requireNonNull(marking, "marking");
  }

  /** An incident whose objects carry no TLP marking. */
  public Incident(String id, String name, List<Evidence> evidence, List<UnresolvedEvidence> unresolved) {
    this(id, name, evidence, unresolved, Optional.empty());
  }

  /** This incident without the evidence at {@code index} (sensitivity analysis). */
  Incident without(int index) {
    List<Evidence> rest = new java.util.ArrayList<>(evidence);
    rest.remove(index);
    return new Incident(id, name, rest, unresolved, marking);
  }
}
