package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes opening one new database at once: every schema step is applied exactly once. */
class SchemaStepsTest {
  private static final int PROCESSES = 6;

  /** Opens the database from {@code PROCESSES} threads released together, each with its own pool. */
  private static void openAtOnce(String url) throws Exception {
    TestDatabases.atOnce(PROCESSES, () -> {
      Database.open(url, Clock.systemUTC(), UUID::randomUUID).close();
      return null;
    });
  }
  @Test
  void open_manyAtOnceOnANewPostgresDatabase_appliesEveryStepOnce() throws Exception {
    String url = TestDatabases.createPostgres();
    try {
      openAtOnce(url);

      assertThat(TestDatabases.schemaVersions(url, "parley_schema")).containsExactly(1, 2, 3, 4, 5);
    } finally {
      TestDatabases.dropPostgres(url);
    }
  }

  /** Repeated: the WAL switch of a new file collides about once in 40 openings on a 2-core machine. */
  @org.junit.jupiter.api.RepeatedTest(10)
  void open_manyAtOnceOnANewSqliteFile_appliesEveryStepOnce(@TempDir Path dir) throws Exception {
    String url = TestDatabases.sqlite(dir);

    openAtOnce(url);

    assertThat(TestDatabases.schemaVersions(url, "parley_schema")).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void apply_stepsAddedLater_areAppliedInOrderAfterTheRecordedOnes(@TempDir Path dir) throws Exception {
    String url = TestDatabases.sqlite(dir);
    List<List<String>> first = List.of(List.of("CREATE TABLE a (x INTEGER)"));
    List<List<String>> later = List.of(first.get(0), List.of("CREATE TABLE b (y INTEGER)", "INSERT INTO b VALUES (7)"));

    try (Connection c = DriverManager.getConnection(url)) {
      SchemaSteps.apply(c, false, "test_schema", first, sql -> sql);
      SchemaSteps.apply(c, false, "test_schema", later, sql -> sql);
      SchemaSteps.apply(c, false, "test_schema", later, sql -> sql); // nothing left to do
    }

    assertThat(TestDatabases.schemaVersions(url, "test_schema")).containsExactly(1, 2);
  }

  @Test
  void apply_failingStep_leavesTheSchemaAtTheLastRecordedVersion(@TempDir Path dir) throws Exception {
    String url = TestDatabases.sqlite(dir);
    List<List<String>> steps = List.of(List.of("CREATE TABLE a (x INTEGER)"),
        List.of("CREATE TABLE b (y INTEGER)", "THIS IS NOT SQL"));

    try (Connection c = DriverManager.getConnection(url)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> SchemaSteps.apply(c, false, "test_schema", steps, sql -> sql))
          .isInstanceOf(java.sql.SQLException.class);
    }

    // One transaction: neither step, nor even the version table, is left behind.
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE name IN ('a', 'b', 'test_schema')")) {
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void apply_databaseNewerThanThisBuild_refusesToTouchIt(@TempDir Path dir) throws Exception {
    String url = TestDatabases.sqlite(dir);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE test_schema (version INTEGER NOT NULL)");
      s.execute("INSERT INTO test_schema VALUES (5)");

      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> SchemaSteps.apply(c, false, "test_schema", List.of(List.of("CREATE TABLE a (x INTEGER)")), sql -> sql))
          .hasMessageContaining("newer than this build");
    }
  }
}
