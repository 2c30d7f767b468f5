package org.parley.node.store;

/** The one checked exception of the storage capability: the database failed or refused an operation. */
public final class StoreException extends Exception {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
