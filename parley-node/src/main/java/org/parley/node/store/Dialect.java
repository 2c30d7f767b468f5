package org.parley.node.store;

/**
 * The few places where SQLite and PostgreSQL SQL differ. Everything else is one JDBC code path.
 */
enum Dialect {
  SQLITE("BLOB", ""),
  POSTGRESQL("BYTEA", " FOR UPDATE");

  final String blobType;
  /** Appended to the SELECT that reads a collection's sequence row inside the write transaction. */
  final String lockRowSuffix;

  Dialect(String blobType, String lockRowSuffix) {
    this.blobType = blobType;
    this.lockRowSuffix = lockRowSuffix;
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:)");
  }
}
