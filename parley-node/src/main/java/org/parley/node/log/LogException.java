package org.parley.node.log;

/**
 * The checked exception of the node's log: a leaf that is not in the leaf format, a storage failure while
 * sequencing, a lease held by another process, a request for something the log does not hold.
 */
public final class LogException extends Exception {
  private static final long serialVersionUID = 1L;

  public LogException(String message) {
    super(message);
  }

  public LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
