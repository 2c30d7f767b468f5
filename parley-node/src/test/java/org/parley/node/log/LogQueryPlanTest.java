package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's lookups use the index meant for them on SQLite, whose planner has no statistics: a per-object proof
 * lookup must not scan a collection's leaves (a competing index once made /log/proof take 106 ms at 1M leaves).
 */
class LogQueryPlanTest {
  @TempDir Path dir;

  private static String plan(Connection c, String sql, Object... params) throws Exception {
    StringBuilder out = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.append(rs.getString("detail")).append('\n');
        }
      }
    }
    return out.toString();
  }

  @Test
  void objectLeafLookup_searchesTheObjectIndex_andDeletionsTheirPartialIndex() throws Exception {
    try (HikariDataSource ds = LogDataSources.open("jdbc:sqlite:" + dir.resolve("parley.db"), 2)) {
      JdbcLogStorageTest.storage(ds, "a");
      try (Connection c = ds.getConnection()) {
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE"); // empty statistics, as in a new node: the planner must still choose well
        }

        String lookup = plan(c, JdbcLogIndex.INDEX_OF_SQL, "coll", "indicator--1", 1L, "add");
        String deletions = plan(c, JdbcLogIndex.DELETIONS_SQL, "coll", -1L, 10L, 200);

        assertThat(lookup).contains("log_entries_by_object").doesNotContain("log_entries_deletions");
        assertThat(deletions).contains("log_entries_deletions");
      }
    }
  }
}
