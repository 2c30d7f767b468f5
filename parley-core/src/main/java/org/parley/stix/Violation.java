package org.parley.stix;

import java.util.Objects;

/**
 * One broken MUST rule: where ({@code path}, a JSONPath such as {@code $.objects[3].created}), which rule
 * ({@code rule}, a stable kebab-case name such as {@code timestamp-format}) and a message that states the
 * expected and the actual value.
 */
public record Violation(String path, String rule, String message) {
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }
}
