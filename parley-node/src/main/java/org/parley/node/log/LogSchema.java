package org.parley.node.log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The log's tables, migrated the way the node's store migrates its own (ordered steps, each in one transaction,
 * recorded in a version table; a released step is never edited), but versioned apart in {@code parley_log_schema}
 * so the log and the store can evolve independently in one database.
 */
final class LogSchema {
  private static final List<List<String>> STEPS = List.of(
      List.of(
          // Leaves written by the store's transaction, waiting for the sequencer to give them an index.
          "CREATE TABLE log_pending (id {serial} PRIMARY KEY, collection_id TEXT NOT NULL,"
              + " object_id TEXT NOT NULL, version_micros BIGINT NOT NULL, op TEXT NOT NULL,"
              + " entry {blob} NOT NULL)",
          // Sequenced leaves: entry idx is leaf idx of the tree (RFC 9162 §2.1.1 d(idx)).
          "CREATE TABLE log_entries (idx BIGINT PRIMARY KEY, collection_id TEXT NOT NULL,"
              + " object_id TEXT NOT NULL, version_micros BIGINT NOT NULL, op TEXT NOT NULL,"
              + " entry {blob} NOT NULL)",
          "CREATE INDEX log_entries_by_object ON log_entries (collection_id, object_id, version_micros)",
          // Every full-subtree hash: (level, idx) = MTH(D[idx*2^level : (idx+1)*2^level]). Tiles of
          // C2SP tlog-tiles are the rows of levels 0, 8, 16, ...
          "CREATE TABLE log_hashes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash {blob} NOT NULL,"
              + " PRIMARY KEY (level, idx))",
          // The one tree state (id = 1): size and root move together, in the sequencer's transaction; the row
          // is also the lease of the one process allowed to sequence and sign.
          "CREATE TABLE log_state (id INTEGER PRIMARY KEY, size BIGINT NOT NULL, root {blob} NOT NULL,"
              + " holder TEXT NOT NULL, lease_until BIGINT NOT NULL)",
          // One signed checkpoint per size, ever: the primary key makes a second note for a size impossible.
          "CREATE TABLE log_checkpoints (size BIGINT PRIMARY KEY, root {blob} NOT NULL, note TEXT NOT NULL,"
              + " signed_at BIGINT NOT NULL)",
          // The signing key (id = 1), generated on first start; shared by every process of one party. The
          // key is in Go sumdb/note encoding (PRIVATE+KEY+...): whoever can read this table can sign.
          "CREATE TABLE log_signer (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, skey TEXT NOT NULL,"
              + " created_at BIGINT NOT NULL)",
          // Cosignature lines (C2SP tlog-cosignature) that witnesses returned for a stored checkpoint.
          "CREATE TABLE log_cosignatures (size BIGINT NOT NULL, name TEXT NOT NULL, key_id BIGINT NOT NULL,"
              + " signature TEXT NOT NULL, added_at BIGINT NOT NULL, PRIMARY KEY (size, name, key_id))"));

  private LogSchema() {}

  static void apply(Connection c, LogDialect dialect) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS parley_log_schema (version INTEGER NOT NULL)");
      c.commit();
      if (dialect == LogDialect.POSTGRESQL) {
        // Two processes starting at once must not both run step 1.
        s.execute("LOCK TABLE parley_log_schema IN EXCLUSIVE MODE");
      }
      int current = 0;
      try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM parley_log_schema")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > STEPS.size()) {
        throw new SQLException("log schema version " + current + " is newer than this build (" + STEPS.size()
            + "); upgrade parley");
      }
      for (int v = current + 1; v <= STEPS.size(); v++) {
        for (String sql : STEPS.get(v - 1)) {
          s.execute(sql.replace("{blob}", dialect.blobType).replace("{serial}", dialect.serialType));
        }
        s.execute("INSERT INTO parley_log_schema (version) VALUES (" + v + ")");
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
