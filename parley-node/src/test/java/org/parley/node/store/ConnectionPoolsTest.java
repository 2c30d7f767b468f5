package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every pool of a node talks to SQLite alike; here, its WAL stays bounded. */
class ConnectionPoolsTest {
  private static final long MIB = 1024 * 1024;

  private static HikariDataSource pool(Path dir, int size) throws StoreException {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(TestDatabases.sqlite(dir));
    cfg.setMaximumPoolSize(size);
    return ConnectionPools.open(cfg);
  }

  @Test
  void open_sqlite_setsTheWalLimitOnEveryConnection(@TempDir Path dir) throws Exception {
    try (HikariDataSource pool = pool(dir, 3)) {
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          held.add(pool.getConnection());
        }
        for (Connection c : held) {
          assertThat(pragma(c, "journal_size_limit")).isEqualTo(64 * MIB);
          assertThat(pragma(c, "synchronous")).isEqualTo(2); // FULL
        }
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
    }
  }

  @Test
  void databaseOpen_sqlite_usesThoseSettings(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(TestDatabases.sqlite(dir), java.time.Clock.systemUTC(),
        java.util.UUID::randomUUID); Connection c = db.connection()) {
      assertThat(pragma(c, "journal_size_limit")).isEqualTo(64 * MIB);
      assertThat(pragma(c, "foreign_keys")).isEqualTo(1); // the store's own addition
    }
  }

  /**
   * The audit's case, scaled down: one envelope of 61 MB left a 242 MB WAL for good. A transaction of 80 MiB grows
   * the WAL past the limit; once a checkpoint has copied it into the database, the next commit cuts it back.
   */
  @Test
  void aWalGrownPastTheLimitByOneLargeTransaction_isCutBackToTheLimitAfterTheNextCommit(@TempDir Path dir)
      throws Exception {
    Path wal = dir.resolve("parley.db-wal");
    try (HikariDataSource pool = pool(dir, 2)) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE big (b BLOB)");
        s.execute("CREATE TABLE small (x INTEGER)");
        c.setAutoCommit(false);
        for (int i = 0; i < 80; i++) {
          s.execute("INSERT INTO big VALUES (zeroblob(1048576))");
        }
        c.commit();
        c.setAutoCommit(true);
        assertThat(Files.size(wal)).as("the WAL after the large transaction").isGreaterThan(80 * MIB);

        // The large commit's automatic checkpoint has copied the WAL into the database, so this commit restarts it.
        s.execute("INSERT INTO small VALUES (1)");

        assertThat(Files.size(wal)).as("the WAL after the next commit").isLessThanOrEqualTo(64 * MIB);
      }
    }
  }

  private static long pragma(Connection c, String name) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
