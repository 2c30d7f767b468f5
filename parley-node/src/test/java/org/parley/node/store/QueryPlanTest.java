package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Tlp;

/** SQLite's plans for the read paths: a named object is found on its index, never by walking the collection. */
class QueryPlanTest {
  private static List<String> plan(Database db, ObjectQuery q) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = QuerySql.select(q).prepare(c, "EXPLAIN QUERY PLAN ");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(4));
      }
    }
    return out;
  }

  private static ObjectQuery query(List<String> ids) {
    return query(ids, List.of());
  }

  private static ObjectQuery query(List<String> ids, List<String> types) {
    return new ObjectQuery("c", new Viewer("p", Tlp.AMBER, Tlp.GREEN), OptionalLong.empty(), ids, types,
        List.of(), VersionFilter.LAST, OptionalLong.empty(), 1000);
  }

  @Test
  void oneType_walksTheTypeIndexInOrder_withoutSorting(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      List<String> plan = plan(db, query(List.of(), List.of("malware")));
      assertThat(plan.get(0)).contains("objects_by_type").contains("type=?");
      assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
    }
  }

  @Test
  void severalTypes_walkTheTypeIndexOncePerType_andSortOnlyTheMergedPages(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      List<String> plan = plan(db, query(List.of(), List.of("malware", "tool", "malware")));
      assertThat(plan.stream().filter(step -> step.contains("objects_by_type"))).hasSize(2);
      assertThat(plan).noneMatch(step -> step.contains("SCAN o"));
    }
  }

  @Test
  void manyTypes_walkTheCollectionKey_neverSortingEveryRowOfTheirTypes(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      List<String> types = java.util.stream.IntStream.rangeClosed(0, QuerySql.TYPE_BRANCHES).mapToObj(i -> "x-t" + i)
          .toList();
      List<String> plan = plan(db, query(List.of(), types));
      assertThat(plan.get(0)).contains("sqlite_autoindex_objects_1");
      assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
    }
  }

  @Test
  void namedIdsWithAType_stayOnTheIdIndex(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      List<String> plan = plan(db, query(List.of("malware--00000000-0000-4000-8000-000000000001"), List.of("malware")));
      assertThat(plan.get(0)).contains("objects_by_id").contains("object_id=?");
    }
  }

  @Test
  void singleObjectQuery_searchesTheObjectIdIndex(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      List<String> plan = plan(db, query(List.of("indicator--00000000-0000-4000-8000-000000000001")));
      assertThat(plan.get(0)).contains("objects_by_id").contains("object_id=?");
    }
  }

  @Test
  void collectionPage_walksDateAddedWithoutSorting(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      List<String> plan = plan(db, query(List.of()));
      assertThat(plan.get(0)).contains("sqlite_autoindex_objects_1");
      assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
    }
  }
}
