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

  /**
   * This hook, then {@code next}, for appends and deletes alike (a hand-written composite that forgets
   * {@link #deleted} silently drops deletions from whatever the second hook records).
   */
  default AppendHook then(AppendHook next) {
    AppendHook first = this;
    return new AppendHook() {
      @Override
      public void accepted(Connection transaction, String collectionId, List<StoredVersion> accepted)
          throws SQLException {
        first.accepted(transaction, collectionId, accepted);
        next.accepted(transaction, collectionId, accepted);
      }

      @Override
      public void deleted(Connection transaction, String collectionId, List<StoredVersion> deleted, String party,
          long atMicros) throws SQLException {
        first.deleted(transaction, collectionId, deleted, party, atMicros);
        next.deleted(transaction, collectionId, deleted, party, atMicros);
      }
    };
  }
}
