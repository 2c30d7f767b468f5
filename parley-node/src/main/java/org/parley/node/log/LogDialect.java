package org.parley.node.log;

import java.sql.Connection;
import java.sql.SQLException;

/** The few places where the log's SQL differs between SQLite and PostgreSQL. */
enum LogDialect {
  SQLITE("BLOB", "INTEGER"),
  POSTGRESQL("BYTEA", "BIGSERIAL");

  final String blobType;
  final String serialType;

  LogDialect(String blobType, String serialType) {
    this.blobType = blobType;
    this.serialType = serialType;
  }

  static LogDialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    if (product.equalsIgnoreCase("SQLite")) {
      return SQLITE;
    }
    if (product.equalsIgnoreCase("PostgreSQL")) {
      return POSTGRESQL;
    }
    throw new SQLException("unsupported database " + product + " (expected SQLite or PostgreSQL)");
  }
}
