package org.parley.node.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real databases for one test class: a SQLite file in a temporary directory and a randomly named PostgreSQL
 * database on 127.0.0.1:5432 (trust auth, user postgres), both removed by {@link #close()}.
 */
final class TestDatabases implements AutoCloseable {
  static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private final List<String> pgDatabases = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();

  /** A fresh SQLite database URL. */
  String sqlite() throws IOException {
    Path dir = Files.createTempDirectory("parley-log-test");
    dirs.add(dir);
    return "jdbc:sqlite:" + dir.resolve("parley.db");
  }

  /** A fresh PostgreSQL database URL. */
  String postgres() throws SQLException {
    String name = "parley_log_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    pgDatabases.add(name);
    return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
  }

  String fresh(String kind) throws IOException, SQLException {
    return kind.equals("postgresql") ? postgres() : sqlite();
  }

  @Override
  public void close() throws Exception {
    try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement s = c.createStatement()) {
      for (String name : pgDatabases) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
