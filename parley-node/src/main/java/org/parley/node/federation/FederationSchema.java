package org.parley.node.federation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.parley.node.store.SchemaSteps;

/**
 * The federation's tables, in SQL that SQLite and PostgreSQL both accept (TEXT and BIGINT only), migrated by the
 * store's {@link SchemaSteps} and versioned apart in {@code parley_federation_schema}, as the log's are: several
 * processes starting at once on a new database queue on its lock, so exactly one of them creates the tables (bare
 * {@code CREATE TABLE IF NOT EXISTS} statements race on PostgreSQL: a duplicate {@code pg_type} row). A released
 * step is never edited: add a new one.
 */
final class FederationSchema {
  private FederationSchema() {}

  /**
   * Step 1 keeps {@code IF NOT EXISTS}: databases created before the steps were versioned already hold these tables
   * (without a {@code parley_federation_schema} row), and take step 1 as a no-op.
   */
  private static final List<List<String>> STEPS = List.of(List.of(
      // Peers this node pulls from and asks to witness its log; the token is the peer's credential for us.
      "CREATE TABLE IF NOT EXISTS fed_peer (name TEXT PRIMARY KEY, url TEXT NOT NULL, token TEXT NOT NULL,"
          + " log_vkey TEXT NOT NULL, witness_vkey TEXT, added_micros BIGINT NOT NULL)",
      // TAXII added_after cursor per peer collection, advanced in the transaction that stores the objects.
      "CREATE TABLE IF NOT EXISTS fed_cursor (peer TEXT NOT NULL, remote_collection TEXT NOT NULL,"
          + " added_after TEXT NOT NULL, PRIMARY KEY (peer, remote_collection))",
      // Local collections that receive a peer collection's objects: one shareable, one restricted.
      "CREATE TABLE IF NOT EXISTS fed_mirror (peer TEXT NOT NULL, remote_collection TEXT NOT NULL,"
          + " restricted BIGINT NOT NULL, local_collection TEXT NOT NULL,"
          + " PRIMARY KEY (peer, remote_collection, restricted))",
      // Where a pulled object version came from: origin party, its collection there, its leaf in that log.
      "CREATE TABLE IF NOT EXISTS fed_provenance (local_collection TEXT NOT NULL, object_id TEXT NOT NULL,"
          + " version TEXT NOT NULL, origin_party TEXT NOT NULL, origin_collection TEXT NOT NULL,"
          + " origin_leaf_index BIGINT NOT NULL, origin_tree_size BIGINT NOT NULL,"
          + " PRIMARY KEY (local_collection, object_id, version))",
      // Witness side: the latest checkpoint cosigned per log origin (C2SP tlog-witness state) and its note.
      "CREATE TABLE IF NOT EXISTS fed_witness_state (origin TEXT PRIMARY KEY, size BIGINT NOT NULL,"
          + " root TEXT NOT NULL, note TEXT)",
      // Log-owner side: the size each peer witness last cosigned, and the checkpoints with their cosignatures.
      "CREATE TABLE IF NOT EXISTS fed_witness_progress (peer TEXT PRIMARY KEY, size BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS fed_cosigned (size BIGINT PRIMARY KEY, note TEXT NOT NULL,"
          + " cosignatures BIGINT NOT NULL)",
      // Settings set once (e.g. this node's own party name).
      "CREATE TABLE IF NOT EXISTS fed_setting (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
      // This node's witness key (secret), generated on first start.
      "CREATE TABLE IF NOT EXISTS fed_key (name TEXT PRIMARY KEY, secret TEXT NOT NULL)",
      // Alerts: misbehaviour detected, with the evidence kept (both notes, the proof, the object).
      "CREATE TABLE IF NOT EXISTS fed_alert (id TEXT PRIMARY KEY, dedupe TEXT NOT NULL UNIQUE,"
          + " created_micros BIGINT NOT NULL, peer TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL,"
          + " evidence TEXT NOT NULL)"));

  static void apply(Connection c) throws SQLException {
    boolean postgres = c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
    SchemaSteps.apply(c, postgres, "parley_federation_schema", STEPS, sql -> sql);
  }
}
