package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.store.Candidate;
import org.parley.node.store.Database;
import org.parley.node.store.MutableClock;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;

/** Newest-first pages checked against a naive reference: every visible row, read oldest first, reversed. */
class NewestFirstTest {
  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private Database db;
  private ObjectStore store;
  private String coll;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(Database.sqliteUrl(tmp), clock, UUID::randomUUID);
    store = db.objects((tx, c, rows) -> { });
    db.directory().addParty("alice");
    db.directory().addParty("carol");
    coll = db.directory().addCollection("c", Optional.empty(), new SharingAgreement(List.of(
        new Member("alice", Set.of(Role.READ, Role.WRITE), Tlp.RED),
        new Member("carol", Set.of(Role.READ), Tlp.GREEN)), Tlp.GREEN));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest(name = "{0} objects, pages of {1}, seed {2}")
  @CsvSource({"0,3,1", "1,1,2", "2,1,3", "5,5,4", "6,5,5", "50,7,6", "120,25,7", "200,1,8", "300,10,9"})
  void pages_olderLinks_walkEveryVisibleRowNewestFirst_andNewerLinksWalkBack(int objects, int size, long seed)
      throws Exception {
    seed(objects, new Random(seed));
    Viewer carol = new Viewer("carol", Tlp.GREEN, Tlp.GREEN);
    List<StoredVersion> expected = reference(carol);
    NewestFirst pager = new NewestFirst(store, coll, carol, List.of(), VersionFilter.LAST);
    long now = micros(clock.instant());

    List<Long> cursors = new ArrayList<>();
    List<StoredVersion> walked = new ArrayList<>();
    long before = Long.MAX_VALUE;
    while (true) {
      cursors.add(before);
      NewestFirst.Result page = pager.page(before, size, now);
      assertThat(page.rows().size()).isLessThanOrEqualTo(size);
      walked.addAll(page.rows());
      if (page.older().isEmpty()) {
        break;
      }
      assertThat(page.rows()).hasSize(size);
      before = page.older().getAsLong();
    }
    assertThat(walked).extracting(StoredVersion::dateAdded)
        .containsExactlyElementsOf(expected.stream().map(StoredVersion::dateAdded).toList());

    for (int i = cursors.size() - 1; i > 0; i--) {
      OptionalLong newer = pager.page(cursors.get(i), size, now).newer();
      assertThat(newer).hasValue(cursors.get(i - 1));
    }
    assertThat(pager.page(Long.MAX_VALUE, size, now).newer()).isEmpty();
  }

  @ParameterizedTest(name = "now given as {0}")
  @CsvSource({"0", "9223372036854775807", "-9223372036854775808", "1772366400000000"})
  void page_anyStartingGuess_givesTheSamePage(long now) throws Exception {
    seed(80, new Random(42));
    Viewer alice = new Viewer("alice", Tlp.RED, Tlp.GREEN);
    NewestFirst pager = new NewestFirst(store, coll, alice, List.of(), VersionFilter.LAST);
    List<StoredVersion> expected = reference(alice);

    NewestFirst.Result page = pager.page(expected.get(30).dateAdded(), 10, now);

    assertThat(page.rows()).containsExactlyElementsOf(expected.subList(31, 41));
  }

  private void seed(int n, Random random) throws Exception {
    Tlp[] levels = {null, Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.RED};
    for (int i = 0; i < n; ) {
      int batch = 1 + random.nextInt(4); // several objects in one envelope share a clock reading
      List<Candidate> cs = new ArrayList<>();
      for (int j = 0; j < batch && i < n; j++, i++) {
        Optional<Tlp> level = Optional.ofNullable(levels[random.nextInt(levels.length)]);
        cs.add(Candidate.accepted(TestObjects.indicator(i, "2020-01-01T00:00:00.000Z", level), level));
      }
      store.append(coll, random.nextInt(5) == 0 ? "carol" : "alice", cs);
      // gaps from a microsecond to days, so that probes must both gallop and bisect
      clock.advanceMicros(random.nextInt(3) == 0 ? 1 : (long) Math.pow(10, 1 + random.nextInt(11)));
    }
  }

  private List<StoredVersion> reference(Viewer v) throws Exception {
    List<StoredVersion> all = new ArrayList<>(store.query(new ObjectQuery(coll, v, OptionalLong.empty(),
        List.of(), List.of(), List.of(), VersionFilter.LAST, OptionalLong.empty(), 100_000)).rows());
    Collections.reverse(all);
    return all;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
