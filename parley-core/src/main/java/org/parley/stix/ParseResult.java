package org.parley.stix;

import java.util.List;
import java.util.Optional;

/**
 * The outcome for one element of an envelope: the object, or why it was refused. {@code id} is the element's
 * {@code id} when it had a string one (even if invalid), so that a status resource can name it; {@code version}
 * its {@code modified}, else its {@code created}, when a string (TAXII 2.1 §4.3.1: a status names the version of
 * what failed too).
 */
public record ParseResult(int index, Optional<String> id, Optional<StixObject> object, List<Violation> violations,
    Optional<String> version) {
  public ParseResult {
    violations = List.copyOf(violations);
    java.util.Objects.requireNonNull(version, "version");
    if (object.isPresent() == !violations.isEmpty()) {
      throw new IllegalArgumentException("exactly one of object and violations must be present");
    }
  }

  public ParseResult(int index, Optional<String> id, Optional<StixObject> object, List<Violation> violations) {
    this(index, id, object, violations, Optional.empty());
  }

  public boolean accepted() {
    return object.isPresent();
  }
}
