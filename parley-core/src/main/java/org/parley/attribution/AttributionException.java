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

  /** An I/O failure in words: "no such file" rather than the bare path a missing file reports. */
  static String reason(java.io.IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
