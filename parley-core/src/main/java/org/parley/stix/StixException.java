package org.parley.stix;

import java.util.List;

/**
 * The one checked exception of the STIX capability: input that is not valid STIX 2.1.
 * Carries every violation found, each with its JSON path and the rule it breaks.
 */
public final class StixException extends Exception {
  private final List<Violation> violations;

  public StixException(List<Violation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  public StixException(String path, String rule, String message) {
    this(List.of(new Violation(path, rule, message)));
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    if (violations.isEmpty()) {
      return "invalid STIX";
    }
    Violation first = violations.get(0);
    String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
    return first.path() + ": " + first.message() + " [" + first.rule() + "]" + more;
  }
}
