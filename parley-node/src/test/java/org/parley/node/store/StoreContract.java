package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.stix.StixObject;

/**
 * The storage contract; run against SQLite and a real PostgreSQL by the subclasses. The directory's part (parties,
 * tokens, collections and their members) and the fixture are {@link DirectoryContract}'s.
 */
abstract class StoreContract extends DirectoryContract {
  Viewer viewer(String party, Tlp ceiling) {
    return new Viewer(party, ceiling, Tlp.GREEN);
  }

  ObjectQuery all(Viewer v, VersionFilter versions, OptionalLong after, int limit) {
    return new ObjectQuery(coll, v, OptionalLong.empty(), List.of(), List.of(), List.of(), versions, after, limit);
  }

  List<StoredVersion> readAll(Viewer v, VersionFilter versions, int limit) throws StoreException {
    List<StoredVersion> out = new ArrayList<>();
    OptionalLong after = OptionalLong.empty();
    while (true) {
      Page p = store.query(all(v, versions, after, limit));
      out.addAll(p.rows());
      if (!p.more()) {
        return out;
      }
      after = OptionalLong.of(p.rows().get(p.rows().size() - 1).dateAdded());
    }
  }

  static List<Candidate> accepted(StixObject... objects) {
    List<Candidate> out = new ArrayList<>();
    for (StixObject o : objects) {
      out.add(Candidate.accepted(o, Tlp.strictestOf(o.objectMarkingRefs())));
    }
    return out;
  }

  @Test
  void append_frozenClock_datesAddedStrictlyIncreaseByOneMicro() throws Exception {
    store.append(coll, "alice", accepted(TestObjects.indicator(1), TestObjects.indicator(2)));
    store.append(coll, "bob", accepted(TestObjects.indicator(3)));

    List<StoredVersion> rows = readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10);
    assertThat(rows).extracting(StoredVersion::dateAdded)
        .containsExactly(Micros.of(T0), Micros.of(T0) + 1, Micros.of(T0) + 2);
  }

  @Test
  void append_clockGoesBackwards_datesAddedStillIncrease() throws Exception {
    store.append(coll, "alice", accepted(TestObjects.indicator(1)));
    clock.set(T0.minusSeconds(3600));
    store.append(coll, "alice", accepted(TestObjects.indicator(2)));

    List<StoredVersion> rows = readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10);
    assertThat(rows.get(1).dateAdded()).isGreaterThan(rows.get(0).dateAdded());
  }

  @Test
  void append_storesExactBytesSubmitterAndLevel() throws Exception {
    StixObject o = TestObjects.indicator(7, "2021-05-05T05:05:05.123456Z", Optional.of(Tlp.AMBER));
    Status s = store.append(coll, "bob", accepted(o));

    StoredVersion row = readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10).get(0);
    assertThat(row.json()).isEqualTo(o.json());
    assertThat(row.json().utf8()).contains("\"x_custom\":  \"kept  as  is\"");
    assertThat(row.submitter()).isEqualTo("bob");
    assertThat(row.level()).contains(Tlp.AMBER);
    assertThat(row.versionText()).isEqualTo("2021-05-05T05:05:05.123456Z");
    assertThat(s.outcomes()).singleElement().satisfies(x -> {
      assertThat(x.success()).isTrue();
      assertThat(x.version()).contains("2021-05-05T05:05:05.123456Z");
    });
  }

  @Test
  void append_identicalObjectTwice_succeedsWithoutSecondRow() throws Exception {
    store.append(coll, "alice", accepted(TestObjects.indicator(1), TestObjects.sco("10.0.0.1")));
    Status again = store.append(coll, "alice", accepted(TestObjects.indicator(1), TestObjects.sco("10.0.0.1"),
        TestObjects.sco("10.0.0.1")));

    assertThat(again.successCount()).isEqualTo(3);
    assertThat(again.outcomes()).allSatisfy(o -> assertThat(o.message()).contains("already present"));
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).hasSize(2);
  }

  @Test
  void append_unversionedObjectWithNewBytes_isANewVersionDatedByDateAdded() throws Exception {
    StixObject first = TestObjects.sco("10.0.0.9");
    StixObject changed = new StixObject(first.id(), first.type(), first.specVersion(), Optional.empty(),
        Optional.empty(), List.of(), org.parley.stix.Bytes.utf8(first.json().utf8().replace("}", ",\"x_note\":\"y\"}")));
    store.append(coll, "alice", accepted(first));
    clock.advanceMicros(7);
    Status s = store.append(coll, "alice", accepted(changed));

    assertThat(s.successCount()).isEqualTo(1);
    assertThat(s.outcomes().get(0).message()).isEmpty();
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).extracting(StoredVersion::versionText)
        .containsExactly("2026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000007Z");
  }

  @Test
  void append_differentBytesUnderSameIdAndVersion_failsWithReason() throws Exception {
    store.append(coll, "alice", accepted(TestObjects.indicator(1)));
    StixObject forged = TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.CLEAR));

    Status s = store.append(coll, "bob", accepted(forged, TestObjects.indicator(2)));

    assertThat(s.outcomes().get(0).success()).isFalse();
    assertThat(s.outcomes().get(0).message().orElseThrow()).contains("conflict");
    assertThat(s.outcomes().get(1).success()).isTrue();
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).hasSize(2);
  }

  @Test
  void append_rejectedCandidates_recordFailuresAndStoreOnlyTheValid() throws Exception {
    List<Candidate> batch = new ArrayList<>(accepted(TestObjects.indicator(1)));
    batch.add(Candidate.rejected(Optional.of("indicator--bad"), "$.id: bad id [id-format]"));
    batch.add(Candidate.rejected(Optional.empty(), "not a JSON object"));

    Status s = store.append(coll, "alice", batch);

    assertThat(s.successCount()).isEqualTo(1);
    assertThat(s.failureCount()).isEqualTo(2);
    assertThat(store.status(s.id(), "alice")).contains(s);
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).hasSize(1);
  }

  @Test
  void append_hookThrows_nothingIsStored() throws Exception {
    hook.set((tx, c, rows) -> {
      throw new SQLException("log unavailable");
    });

    assertThatThrownBy(() -> store.append(coll, "alice", accepted(TestObjects.indicator(1))))
        .isInstanceOf(StoreException.class).hasMessageContaining("log unavailable");

    hook.set(AppendHook.NONE);
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).isEmpty();
    Status next = store.append(coll, "alice", accepted(TestObjects.indicator(2)));
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).singleElement()
        .satisfies(r -> assertThat(r.dateAdded()).isEqualTo(Micros.of(T0)));
    assertThat(next.successCount()).isEqualTo(1);
  }

  @Test
  void append_hookRunsInsideTheTransaction_seeingTheNewRows() throws Exception {
    List<Integer> seen = new ArrayList<>();
    hook.set((tx, c, rows) -> {
      try (PreparedStatement ps = tx.prepareStatement("SELECT COUNT(*) FROM objects WHERE collection_id = ?")) {
        ps.setString(1, c);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          seen.add(rs.getInt(1));
        }
      }
      seen.add(rows.size());
    });

    store.append(coll, "alice", accepted(TestObjects.indicator(1), TestObjects.indicator(2)));

    assertThat(seen).containsExactly(2, 2);
  }

  @Test
  void append_unknownCollection_throws() {
    assertThatThrownBy(() -> store.append("nope", "alice", accepted(TestObjects.indicator(1))))
        .isInstanceOf(StoreException.class).hasMessageContaining("no such collection");
  }

  @Test
  void query_pagesOfRandomSizes_returnEveryRowOnceInOrder() throws Exception {
    List<Candidate> batch = new ArrayList<>();
    for (int i = 0; i < 57; i++) {
      batch.add(accepted(TestObjects.indicator(i)).get(0));
    }
    store.append(coll, "alice", batch);
    Random random = new Random(42);
    for (int round = 0; round < 8; round++) {
      int limit = 1 + random.nextInt(20);
      List<StoredVersion> rows = readAll(viewer("alice", Tlp.RED), VersionFilter.LAST, limit);
      assertThat(rows).as("limit " + limit).hasSize(57);
      assertThat(new HashSet<>(rows.stream().map(StoredVersion::objectId).toList())).hasSize(57);
      assertThat(rows).isSortedAccordingTo((a, b) -> Long.compare(a.dateAdded(), b.dateAdded()));
    }
  }

  @Test
  void query_everyLevelTimesEveryCeiling_showsOnlyPermittedObjectsAndOwnSubmissions() throws Exception {
    int n = 0;
    for (Tlp level : Tlp.values()) {
      store.append(coll, "alice", accepted(TestObjects.indicator(n++, "2020-01-01T00:00:00.000Z", Optional.of(level))));
    }
    store.append(coll, "alice", accepted(TestObjects.indicator(n++))); // unmarked: GREEN by this agreement
    store.append(coll, "bob", accepted(TestObjects.indicator(n, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.RED))));

    for (Tlp ceiling : Tlp.values()) {
      List<StoredVersion> rows = readAll(viewer("bob", ceiling), VersionFilter.ALL, 3);
      for (StoredVersion r : rows) {
        assertThat(r.submitter().equals("bob") || r.level().orElse(Tlp.GREEN).atMost(ceiling))
            .as("%s sees %s", ceiling, r.level()).isTrue();
      }
      long expected = Tlp.values().length - (Tlp.values().length - 1 - ceiling.ordinal())
          + (Tlp.GREEN.atMost(ceiling) ? 1 : 0) + 1;
      assertThat(rows).as("ceiling " + ceiling).hasSize((int) expected);
    }
  }

  @Test
  void query_lastVersion_isTheLatestTheViewerMaySee() throws Exception {
    store.append(coll, "alice", accepted(
        TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN)),
        TestObjects.indicator(1, "2021-01-01T00:00:00.000Z", Optional.of(Tlp.RED))));

    List<StoredVersion> bobs = readAll(viewer("bob", Tlp.AMBER), VersionFilter.LAST, 10);
    List<StoredVersion> alices = readAll(viewer("alice", Tlp.RED), VersionFilter.LAST, 10);
    List<StoredVersion> first = readAll(viewer("alice", Tlp.RED),
        new VersionFilter(true, false, false, List.of()), 10);

    assertThat(bobs).singleElement().satisfies(r -> assertThat(r.versionText()).startsWith("2020"));
    assertThat(alices).singleElement().satisfies(r -> assertThat(r.versionText()).startsWith("2021"));
    assertThat(first).singleElement().satisfies(r -> assertThat(r.versionText()).startsWith("2020"));
  }

  @Test
  void query_byTypes_pagesInDateAddedOrder_whicheverWayTheDatabaseFindsTheRows() throws Exception {
    List<StixObject> mixed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      mixed.add(TestObjects.indicator(i));
      mixed.add(TestObjects.sco("10.9.0." + i));
    }
    store.append(coll, "alice", accepted(mixed.toArray(StixObject[]::new)));
    Viewer v = viewer("alice", Tlp.RED);
    List<String> everything = readAll(v, VersionFilter.ALL, 100).stream().map(StoredVersion::objectId).toList();
    List<String> nine = List.of("malware", "tool", "campaign", "report", "note", "grouping", "ipv4-addr",
        "indicator", "identity"); // more than QuerySql.TYPE_BRANCHES: the collection's key, each row's type tested

    for (List<String> types : List.of(List.of("indicator"), List.of("ipv4-addr", "indicator"),
        List.of("indicator", "ipv4-addr", "indicator"), nine, List.of("campaign"), List.of("campaign", "tool"))) {
      List<String> paged = new ArrayList<>();
      OptionalLong after = OptionalLong.empty();
      int pages = 0;
      Page p;
      do {
        p = store.query(new ObjectQuery(coll, v, OptionalLong.empty(), List.of(), types, List.of(),
            VersionFilter.ALL, after, 5));
        p.rows().forEach(r -> paged.add(r.objectId()));
        after = p.rows().isEmpty() ? after : OptionalLong.of(p.rows().get(p.rows().size() - 1).dateAdded());
        pages++;
      } while (p.more() && pages < 20);

      assertThat(paged).as("types %s", types).containsExactlyElementsOf(
          everything.stream().filter(id -> types.contains(id.substring(0, id.indexOf("--")))).toList());
    }
  }

  @Test
  void query_filtersCombine_orWithinAndAcross() throws Exception {
    clock.advanceMicros(10);
    store.append(coll, "alice", accepted(TestObjects.indicator(1), TestObjects.indicator(2),
        TestObjects.sco("10.0.0.1"), TestObjects.indicator(3, "2022-02-02T00:00:00.000Z", Optional.empty())));
    Viewer v = viewer("alice", Tlp.RED);

    Page byType = store.query(new ObjectQuery(coll, v, OptionalLong.empty(), List.of(),
        List.of("ipv4-addr", "malware"), List.of(), VersionFilter.ALL, OptionalLong.empty(), 10));
    Page byIds = store.query(new ObjectQuery(coll, v, OptionalLong.empty(),
        List.of(TestObjects.indicator(1).id(), TestObjects.indicator(3).id()), List.of("indicator"), List.of(),
        VersionFilter.LAST, OptionalLong.empty(), 10));
    Page after = store.query(new ObjectQuery(coll, v, OptionalLong.of(Micros.of(T0) + 11), List.of(), List.of(),
        List.of("2.1"), VersionFilter.ALL, OptionalLong.empty(), 10));
    Page exact = store.query(new ObjectQuery(coll, v, OptionalLong.empty(), List.of(), List.of(), List.of(),
        new VersionFilter(false, false, false, List.of(Micros.parse("2022-02-02T00:00:00Z"))),
        OptionalLong.empty(), 10));
    Page hostile = store.query(new ObjectQuery(coll, v, OptionalLong.empty(), List.of("x' OR '1'='1"),
        List.of("indicator); DROP TABLE objects; --"), List.of(), VersionFilter.ALL, OptionalLong.empty(), 10));

    assertThat(byType.rows()).extracting(StoredVersion::type).containsExactly("ipv4-addr");
    assertThat(byIds.rows()).hasSize(2);
    assertThat(after.rows()).hasSize(2);
    assertThat(exact.rows()).singleElement().satisfies(r -> assertThat(r.objectId()).endsWith("000000000003"));
    assertThat(hostile.rows()).isEmpty();
    assertThat(readAll(v, VersionFilter.ALL, 10)).hasSize(4);
  }

  @Test
  void status_isVisibleOnlyToItsParty() throws Exception {
    Status s = store.append(coll, "alice", accepted(TestObjects.indicator(1)));

    assertThat(store.status(s.id(), "alice")).isPresent();
    assertThat(store.status(s.id(), "bob")).isEmpty();
    assertThat(store.status("nope", "alice")).isEmpty();
  }

  @Test
  void delete_removesOnlyMatchingVersionsTheViewerSees() throws Exception {
    store.append(coll, "alice", accepted(
        TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN)),
        TestObjects.indicator(1, "2021-01-01T00:00:00.000Z", Optional.of(Tlp.RED)),
        TestObjects.indicator(2)));

    int deletedByBob = store.delete(coll, viewer("bob", Tlp.AMBER), TestObjects.indicator(1).id(),
        VersionFilter.ALL, List.of());

    assertThat(deletedByBob).isEqualTo(1);
    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).hasSize(2);
  }

  @Test
  void open_again_keepsDataAndSchema() throws Exception {
    store.append(coll, "alice", accepted(TestObjects.indicator(1)));
    db.close();
    db = Database.open(url(), clock, UUID::randomUUID);
    store = db.objects(AppendHook.NONE);

    assertThat(readAll(viewer("alice", Tlp.RED), VersionFilter.ALL, 10)).hasSize(1);
  }
}
