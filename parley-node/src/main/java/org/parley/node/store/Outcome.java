package org.parley.node.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one envelope element: a success (stored now, or already present byte for byte) or a failure
 * with its reason. TAXII 2.1 §4.3.1 status details.
 */
public record Outcome(Optional<String> id, Optional<String> version, boolean success, Optional<String> message) {
  public Outcome {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(message, "message");
    if (!success && message.isEmpty()) {
      throw new IllegalArgumentException("a failure states its reason");
    }
  }
}
