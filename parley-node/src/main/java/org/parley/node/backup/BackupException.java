package org.parley.node.backup;

/** A backup that could not be made, checked or restored; the message says what and what to do. */
public final class BackupException extends Exception {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
