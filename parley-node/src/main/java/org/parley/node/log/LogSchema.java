package org.parley.node.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.parley.node.store.SchemaSteps;

/**
 * The log's tables, migrated by the store's {@link SchemaSteps} (ordered steps in one transaction, safe when several
 * processes start at once; a released step is never edited), but versioned apart in {@code parley_log_schema} so
 * the log and the store can evolve independently in one database.
 */
final class LogSchema {
  private static final List<List<String>> STEPS = List.of(
      List.of(
          // Leaves written by the store's transaction, waiting for the sequencer to give them an index.
          "CREATE TABLE log_pending (id {serial} PRIMARY KEY, collection_id TEXT NOT NULL,"
              + " object_id TEXT NOT NULL, version_micros BIGINT NOT NULL, op TEXT NOT NULL,"
              + " entry {blob} NOT NULL)",
          // Sequenced entries: idx is the leaf index (RFC 9162 §2.1.1 d(idx)). The object columns are set for
          // leaves that came through the store, so that a version's leaf can be found.
          "CREATE TABLE log_entries (idx BIGINT PRIMARY KEY, collection_id TEXT, object_id TEXT,"
              + " version_micros BIGINT, op TEXT, entry {blob} NOT NULL)",
          "CREATE INDEX log_entries_by_object ON log_entries (collection_id, object_id, version_micros)",
          // The tree as C2SP tlog-tiles hash tiles (tile level L holds tree level 8L); a tile only grows.
          "CREATE TABLE log_tiles (level INTEGER NOT NULL, idx BIGINT NOT NULL, hashes {blob} NOT NULL,"
              + " PRIMARY KEY (level, idx))",
          // The one state row (id = 1): how many entries are sequenced, and the lease of the one process
          // allowed to sequence and sign. Every sequencing transaction locks this row first.
          "CREATE TABLE log_state (id INTEGER PRIMARY KEY, sequenced BIGINT NOT NULL, holder TEXT NOT NULL,"
              + " lease_until BIGINT NOT NULL)",
          // One signed checkpoint per size, ever: the primary key makes a second note for a size impossible.
          "CREATE TABLE log_checkpoints (size BIGINT PRIMARY KEY, root {blob} NOT NULL, note TEXT NOT NULL,"
              + " signed_at BIGINT NOT NULL)",
          // The signing key (id = 1), generated on first start; shared by every process of one party. The
          // key is in Go sumdb/note encoding (PRIVATE+KEY+...): whoever can read this table can sign.
          "CREATE TABLE log_signer (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, skey TEXT NOT NULL,"
              + " created_at BIGINT NOT NULL)",
          // Cosignature lines (C2SP tlog-cosignature) that witnesses returned for a stored checkpoint.
          "CREATE TABLE log_cosignatures (size BIGINT NOT NULL, name TEXT NOT NULL, key_id BIGINT NOT NULL,"
              + " signature TEXT NOT NULL, added_at BIGINT NOT NULL, PRIMARY KEY (size, name, key_id))"),
      List.of(
          // Peers ask for a collection's deletions since an index (federation: deletions reach the mirrors).
          // Partial, so that it never competes with log_entries_by_object for the per-object lookups (a full
          // (collection_id, op, idx) index made SQLite scan a collection's leaves: /log/proof went 0.16 → 106 ms).
          "CREATE INDEX log_entries_deletions ON log_entries (collection_id, idx) WHERE op = 'delete'"));

  private LogSchema() {}

  static void apply(Connection c, LogDialect dialect) throws SQLException {
    SchemaSteps.apply(c, dialect == LogDialect.POSTGRESQL, "parley_log_schema", STEPS,
        sql -> sql.replace("{blob}", dialect.blobType).replace("{serial}", dialect.serialType));
  }
}
