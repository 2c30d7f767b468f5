package org.parley.stix;

import java.util.List;
import java.util.Optional;

/**
 * The outcome for one element of an envelope: the object, or why it was refused. {@code id} is the element's
 * {@code id} when it had a string one (even if invalid), so that a status resource can name it.
 */
public record ParseResult(int index, Optional<String> id, Optional<StixObject> object, List<Violation> violations) {
  public ParseResult {
    violations = List.copyOf(violations);
    if (object.isPresent() == !violations.isEmpty()) {
      throw new IllegalArgumentException("exactly one of object and violations must be present");
    }
  }

  public boolean accepted() {
    return object.isPresent();
  }
}
