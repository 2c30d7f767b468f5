package org.parley.node.store;

import java.util.Objects;
import java.util.Optional;
import org.parley.marking.Tlp;
import org.parley.stix.StixObject;

/**
 * One element of a submitted envelope, in envelope order: either a validated object with its TLP level, or a
 * rejection with its reason (the element never reaches the database) and the version it stated, if any.
 */
public record Candidate(Optional<String> id, Optional<StixObject> object, Optional<Tlp> level,
    Optional<String> rejection, Optional<String> rejectedVersion) {
  public Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(rejectedVersion, "rejectedVersion");
    if (object.isPresent() == rejection.isPresent()) {
      throw new IllegalArgumentException("exactly one of object and rejection");
    }
  }

  public static Candidate accepted(StixObject object, Optional<Tlp> level) {
    return new Candidate(Optional.of(object.id()), Optional.of(object), level, Optional.empty(), Optional.empty());
  }

  public static Candidate rejected(Optional<String> id, String reason) {
    return rejected(id, Optional.empty(), reason);
  }

  /** A refused element and the version ({@code modified}, else {@code created}) it stated, for the status. */
  public static Candidate rejected(Optional<String> id, Optional<String> version, String reason) {
    return new Candidate(id, Optional.empty(), Optional.empty(), Optional.of(reason), version);
  }
}
