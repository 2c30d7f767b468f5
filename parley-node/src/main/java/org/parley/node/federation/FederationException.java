package org.parley.node.federation;

/**
 * The one checked exception of federation: a peer could not be reached, answered something malformed, or
 * served data that does not verify. The message names the rule, the expected and the actual value.
 */
public final class FederationException extends Exception {
  private static final long serialVersionUID = 1L;

  public FederationException(String message) {
    super(message);
  }

  public FederationException(String message, Throwable cause) {
    super(message, cause);
  }
}
