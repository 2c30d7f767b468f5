package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.store.TestDatabases;

/**
 * Several processes opening the federation's tables on one new database at once (each with its own pool, released
 * together, as in {@code SchemaStepsTest}): every one opens, and the tables are created once. Before the tables
 * were schema steps, bare {@code CREATE TABLE IF NOT EXISTS} statements raced on PostgreSQL (a duplicate
 * {@code pg_type} row: "(fed_mirror, 2200) already exists").
 */
class FederationSchemaTest {
  private static final int PROCESSES = 6;

  /** Opens the federation's store from {@code PROCESSES} threads released together, each with its own pool. */
  private static void openAtOnce(String url) throws Exception {
    TestDatabases.atOnce(PROCESSES, () -> {
      FederationStore.open(url).close();
      return null;
    });
  }

  /** Repeated: the race lost 2 rounds in 5 with 3 nodes. */
  @RepeatedTest(4)
  void open_manyAtOnceOnANewPostgresDatabase_createsTheTablesOnce() throws Exception {
    String url = TestDatabases.createPostgres();
    try {
      openAtOnce(url);

      assertThat(TestDatabases.schemaVersions(url, "parley_federation_schema")).containsExactly(1);
      assertThat(tableCount(url, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'fed\\_%'"))
          .isEqualTo(10);
    } finally {
      TestDatabases.dropPostgres(url);
    }
  }

  @RepeatedTest(4)
  void open_manyAtOnceOnANewSqliteFile_createsTheTablesOnce(@TempDir Path dir) throws Exception {
    String url = TestDatabases.sqlite(dir);

    openAtOnce(url);

    assertThat(TestDatabases.schemaVersions(url, "parley_federation_schema")).containsExactly(1);
    assertThat(tableCount(url, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'fed\\_%'"
        + " ESCAPE '\\'")).isEqualTo(10);
  }

  @Test
  void open_aDatabaseWhoseTablesPredateTheSchemaSteps_recordsStepOneAndKeepsTheData(@TempDir Path dir)
      throws Exception {
    String url = TestDatabases.sqlite(dir);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      // As a node before the steps left it: the tables, no parley_federation_schema.
      s.execute("CREATE TABLE fed_setting (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("INSERT INTO fed_setting (name, value) VALUES ('self_party', 'acme')");
    }

    PeerRegistry.open(url, java.time.Clock.systemUTC()).close();

    assertThat(TestDatabases.schemaVersions(url, "parley_federation_schema")).containsExactly(1);
    assertThat(tableCount(url, "SELECT count(*) FROM fed_setting WHERE value = 'acme'")).isEqualTo(1);
  }
  private static int tableCount(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
