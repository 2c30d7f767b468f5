package org.parley.node.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Ordered schema steps recorded in a version table: every step not yet applied runs, in order, in one
 * transaction with its version row, so a crash leaves the schema at a recorded version. Several processes may
 * start at once against one database: on PostgreSQL they queue on a transaction-scoped advisory lock named after
 * the version table before anything else (even {@code CREATE TABLE IF NOT EXISTS} races there); on SQLite the
 * transaction takes the write lock first ({@code BEGIN IMMEDIATE}, which every pool of {@link ConnectionPools}
 * asks for). Each then reads the version under the lock, so exactly one of them applies a step. The store, the log
 * and the federation each keep their steps in a version table of their own. A released step is never edited: add
 * a new one.
 */
public final class SchemaSteps {
  private SchemaSteps() {}

  /**
   * Applies the missing steps of {@code steps} (step k is version k+1), each statement passed through
   * {@code dialect} (type placeholders), recording versions in {@code versionTable}.
   */
  public static void apply(Connection c, boolean postgres, String versionTable, List<List<String>> steps,
      UnaryOperator<String> dialect) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (postgres) { // pg_advisory_xact_lock: released at commit or rollback, whatever happens to the process
        s.execute("SELECT pg_advisory_xact_lock(" + lockKey(versionTable) + ")");
      }
      s.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version INTEGER NOT NULL)");
      int current = 0;
      try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + versionTable)) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > steps.size()) {
        throw new SQLException(versionTable + " is at version " + current + ", newer than this build ("
            + steps.size() + "): upgrade parley");
      }
      for (int v = current + 1; v <= steps.size(); v++) {
        for (String sql : steps.get(v - 1)) {
          s.execute(dialect.apply(sql));
        }
        s.execute("INSERT INTO " + versionTable + " (version) VALUES (" + v + ")");
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** A stable 63-bit advisory-lock key for a table name (FNV-1a). */
  static long lockKey(String versionTable) {
    long h = 0xcbf29ce484222325L;
    for (byte b : ("parley-schema:" + versionTable).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h & Long.MAX_VALUE;
  }
}
