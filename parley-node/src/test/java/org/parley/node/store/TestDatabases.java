package org.parley.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh databases for tests: a SQLite file in a temp directory, or a PostgreSQL database with a random name on
 * the server at 127.0.0.1:5432 (trust auth, user postgres; override with PARLEY_TEST_PG), dropped afterwards.
 */
public final class TestDatabases {
  private static final String ADMIN_URL = System.getenv().getOrDefault("PARLEY_TEST_PG",
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private TestDatabases() {}

  public static String sqlite(Path dir) throws StoreException {
    return Database.sqliteUrl(dir);
  }

  /** Creates a database with a random name and returns its JDBC URL. */
  public static String createPostgres() throws SQLException {
    String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
        .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return ADMIN_URL.replace("/postgres?", "/" + name + "?");
  }

  public static void dropPostgres(String url) throws SQLException {
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
