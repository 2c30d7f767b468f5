package org.parley.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The store's schema steps, recorded in {@code parley_schema} and applied by {@link SchemaSteps} (in order, in one
 * transaction, safe when several processes start at once). A step, once released, is never edited: add a new one.
 */
final class Migrations {
  private static final List<List<String>> STEPS = List.of(
      List.of(
          "CREATE TABLE parties (name TEXT PRIMARY KEY, created_at BIGINT NOT NULL)",
          "CREATE TABLE tokens (hash TEXT PRIMARY KEY, party TEXT NOT NULL REFERENCES parties(name),"
              + " created_at BIGINT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)",
          "CREATE TABLE collections (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT,"
              + " unmarked_as INTEGER NOT NULL, last_date_added BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL)",
          "CREATE TABLE members (collection_id TEXT NOT NULL REFERENCES collections(id),"
              + " party TEXT NOT NULL REFERENCES parties(name), can_read INTEGER NOT NULL, can_write INTEGER NOT NULL,"
              + " can_admin INTEGER NOT NULL, ceiling INTEGER NOT NULL, PRIMARY KEY (collection_id, party))",
          // date_added is unique per collection by construction (the write path bumps ties), and the primary key
          // makes the database enforce it: pages keyed on date_added can neither loop nor skip.
          "CREATE TABLE objects (collection_id TEXT NOT NULL, date_added BIGINT NOT NULL, object_id TEXT NOT NULL,"
              + " type TEXT NOT NULL, spec_version TEXT NOT NULL, version_micros BIGINT NOT NULL,"
              + " version_text TEXT NOT NULL, versioned INTEGER NOT NULL DEFAULT 1, tlp INTEGER, submitter TEXT NOT NULL, sha256 TEXT NOT NULL,"
              + " json {blob} NOT NULL, PRIMARY KEY (collection_id, date_added))",
          "CREATE INDEX objects_by_id ON objects (collection_id, object_id, version_micros)",
          // One row per POST; the per-object outcomes are one JSON document, written in the append transaction.
          "CREATE TABLE statuses (id TEXT PRIMARY KEY, collection_id TEXT NOT NULL, party TEXT NOT NULL,"
              + " request_timestamp BIGINT NOT NULL, total INTEGER NOT NULL, outcomes {blob} NOT NULL)",
          "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"),
      List.of(
          // Console sessions shared by every process of the node; the id is stored as its SHA-256 only.
          "CREATE TABLE console_sessions (id_hash TEXT PRIMARY KEY, party TEXT NOT NULL, csrf TEXT NOT NULL,"
              + " created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL)",
          "CREATE INDEX console_sessions_by_age ON console_sessions (last_seen)"),
      List.of(
          // A session is bound to the token that opened it: revoking the token ends the session (NULL: a session
          // opened before this step, bound to nothing, so no longer valid).
          "ALTER TABLE console_sessions ADD COLUMN token_hash TEXT",
          "CREATE INDEX console_sessions_by_party ON console_sessions (party, created_at)"),
      List.of(
          // match[type]: one ordered walk of a type's rows (QuerySql.select), not of the whole collection
          "CREATE INDEX objects_by_type ON objects (collection_id, type, date_added)"),
      List.of(
          // A token may expire (microseconds since the epoch; NULL: never), as a revoked one ends.
          "ALTER TABLE tokens ADD COLUMN expires_at BIGINT"));

  private Migrations() {}

  static int latest() {
    return STEPS.size();
  }

  static void apply(Connection c, Dialect dialect) throws SQLException {
    SchemaSteps.apply(c, dialect == Dialect.POSTGRESQL, "parley_schema", STEPS,
        sql -> sql.replace("{blob}", dialect.blobType));
  }
}
