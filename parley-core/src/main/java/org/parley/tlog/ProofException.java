package org.parley.tlog;

/**
 * The one checked exception of the transparency-log capability: a proof, signature, checkpoint, note or
 * request did not verify or parse, or the log refused an operation that would break its append-only promise.
 * The message names the rule, the expected and the actual value.
 */
public final class ProofException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final String expected;
  private final String actual;

  public ProofException(String rule, String expected, String actual) {
    super(rule + ": expected " + expected + ", actual " + actual);
    this.rule = rule;
    this.expected = expected;
    this.actual = actual;
  }

  /** A short stable identifier of the violated rule, e.g. {@code inclusion-root}. */
  public String rule() {
    return rule;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
