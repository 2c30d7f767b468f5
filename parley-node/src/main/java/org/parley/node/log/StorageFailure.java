package org.parley.node.log;

/**
 * A database failure inside a {@link org.parley.tlog.LogStorage} method, whose contract reports failures unchecked.
 * {@link TransparencyLog} turns it into a {@link LogException} at its boundary.
 */
final class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StorageFailure(String what, java.sql.SQLException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }
}
