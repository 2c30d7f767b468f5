package org.parley.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

  /** The schema steps recorded in {@code table} ({@code parley_schema}, {@code parley_log_schema}...), in order. */
  public static List<Integer> schemaVersions(String url, String table) throws Exception {
    List<Integer> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + table + " ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  /**
   * Runs {@code open} on {@code threads} threads released together (as that many processes starting at once),
   * rethrowing the first failure.
   */
  public static void atOnce(int threads, Callable<Void> open) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(pool.submit(() -> {
          start.await();
          return open.call();
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
