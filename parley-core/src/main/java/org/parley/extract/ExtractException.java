package org.parley.extract;

/** The one checked exception of extraction: unreadable or oversized input, malformed knowledge base. */
public final class ExtractException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExtractException(String message) {
    super(message);
  }

  public ExtractException(String message, Throwable cause) {
    super(message, cause);
  }
}
