package org.parley.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Joins the single write path: called once per append, inside the same database transaction, after the
 * accepted rows are inserted and before commit (the transparency log appends its leaves here).
 *
 * <p>Contract: the hook MUST use {@code transaction} and MUST NOT commit, roll back or close it. Throwing
 * rolls the whole append back: no row is stored and the caller receives a {@link StoreException}.
 */
@FunctionalInterface
public interface AppendHook {
  AppendHook NONE = (transaction, collectionId, accepted) -> { };

  void accepted(Connection transaction, String collectionId, List<StoredVersion> accepted) throws SQLException;

  /**
   * Called once per delete, inside its transaction, after the rows are deleted and before commit, with the
   * versions deleted, the deleting party and the time (microseconds); the same contract as {@link #accepted}.
   */
  default void deleted(Connection transaction, String collectionId, List<StoredVersion> deleted, String party,
      long atMicros) throws SQLException {
  }
}
