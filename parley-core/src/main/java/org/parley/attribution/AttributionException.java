package org.parley.attribution;

/** The one checked exception of the attribution capability: unreadable knowledge base or incident. */
public final class AttributionException extends Exception {
  private static final long serialVersionUID = 1L;

  public AttributionException(String message) {
    super(message);
  }

  public AttributionException(String message, Throwable cause) {
    super(message, cause);
  }
}
