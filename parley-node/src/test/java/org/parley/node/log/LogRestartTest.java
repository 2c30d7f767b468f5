package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.federation.Federation;
import org.parley.node.store.Candidate;
import org.parley.node.store.Database;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;

/** A node's log started again under a new origin and key: the old one archived and checkable, every object carried. */
class LogRestartTest {
  static final String V1 = "2026-01-01T00:00:00.000Z";
  @TempDir Path tmp;
  String jdbc;
  Database db;
  TransparencyLog log;
  ObjectStore objects;
  String collection;
  final Clock clock = Clock.systemUTC();
  final List<String> progress = new ArrayList<>();

  static TestDatabases databases;

  @BeforeAll
  static void databases() {
    databases = new TestDatabases();
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    databases.close();
  }

  /** A node's database of the given kind with three objects accepted, one deleted, all sequenced. */
  void start(String kind) throws Exception {
    jdbc = databases.fresh(kind);
    db = Database.open(jdbc, clock, UUID::randomUUID);
    log = TransparencyLog.open(jdbc, Optional.of("a.example/parley"), clock, new SecureRandom(),
        new TransparencyLog.Options(Duration.ofMillis(100), Duration.ofSeconds(30), 10_000), db.sqliteWriteLock());
    objects = db.objects(log.appendHook());
    db.directory().addParty("A");
    collection = db.directory().addCollection("Incident 7", Optional.empty(), new SharingAgreement(List.of(
        new Member("A", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED)), Tlp.GREEN));
    for (int n = 1; n <= 3; n++) {
      StixObject o = TestObjects.indicator(n, V1, Optional.of(Tlp.GREEN));
      assertThat(objects.append(collection, "A", List.of(Candidate.accepted(o))).failureCount()).isZero();
    }
    assertThat(objects.delete(collection, new Viewer("A", Tlp.RED, Tlp.RED), TestObjects.indicator(2).id(),
        VersionFilter.ALL, List.of())).isEqualTo(1);
    log.sequence(); // three add leaves and one delete leaf
  }

  @AfterEach
  void tearDown() {
    if (log != null) {
      log.close();
    }
    if (db != null) {
      db.close();
    }
  }

  void stopNode() {
    log.close();
    log = null;
  }

  LogRestart.Result restart(String origin, Path archive) throws LogException {
    return LogRestart.restart(jdbc, origin, archive, clock, new SecureRandom(), Federation::forgetOwnLog,
        progress::add);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void restart_carriesEveryStoredVersionIntoANewLogUnderANewKey_andTheOldLogStaysCheckable(String kind)
      throws Exception {
    start(kind);
    ProofBundle before = log.proof(collection, TestObjects.indicator(1).id(), micros(V1), LogLeaf.Op.ADD)
        .orElseThrow();
    stopNode();

    LogRestart.Result r = restart("a.example/parley-2", tmp.resolve("old-log"));

    assertThat(r.oldOrigin()).isEqualTo("a.example/parley");
    assertThat(r.oldSize()).isEqualTo(4);
    assertThat(r.carried()).isEqualTo(2);
    assertThat(r.checkpoint().checkpoint().origin()).isEqualTo("a.example/parley-2");
    assertThat(r.checkpoint().checkpoint().size()).isEqualTo(2);
    assertThat(r.newKey()).isNotEqualTo(r.oldKey());
    assertThat(LogAudit.verify(LogAudit.directory(r.archive()), r.oldKey()).entries()).isEqualTo(4);
    assertThat(Files.readString(r.archive().resolve("vkey")).strip()).isEqualTo(r.oldKey().encode());
    try (TransparencyLog fresh = TransparencyLog.openExisting(jdbc, clock)) {
      assertThat(fresh.verifierKey()).isEqualTo(r.newKey());
      ProofBundle after = fresh.proof(collection, TestObjects.indicator(1).id(), micros(V1), LogLeaf.Op.ADD)
          .orElseThrow();
      LogLeaf leaf = after.verify(r.newKey());
      assertThat(leaf).isEqualTo(before.verify(r.oldKey())); // the same party, time, version and SHA-256
      assertThat(fresh.proof(collection, TestObjects.indicator(3).id(), micros(V1), LogLeaf.Op.ADD)).isPresent();
      assertThat(fresh.proof(collection, TestObjects.indicator(2).id(), micros(V1), LogLeaf.Op.ADD)).isEmpty();
    }
    assertThat(progress).anySatisfy(p -> assertThat(p).startsWith("audited the copy"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void restart_forgetsTheFederationsCosignedCheckpointsOfTheOldLog_inTheSameTransaction(String kind)
      throws Exception {
    start(kind);
    stopNode();
    try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE fed_cosigned (size BIGINT PRIMARY KEY, note TEXT NOT NULL, cosignatures INTEGER)");
      s.executeUpdate("INSERT INTO fed_cosigned VALUES (4, 'a note of the old log', 2)");
    }

    restart("a.example/parley-2", tmp.resolve("old-log"));

    try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM fed_cosigned")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void restart_whileANodeHoldsTheLease_changesNothingAndLeavesNoCopy() throws Exception {
    start("sqlite");
    log.sequence(); // a running node renews its lease every round

    assertThatThrownBy(() -> restart("a.example/parley-2", tmp.resolve("old-log")))
        .isInstanceOf(LogException.class).hasMessageContaining("stop it");

    assertThat(tmp.resolve("old-log")).doesNotExist();
    assertThat(log.origin()).isEqualTo("a.example/parley");
    assertThat(log.status().size()).isEqualTo(4);
  }

  @Test
  void restart_underTheSameOrAnInvalidOrigin_orIntoAFullDirectoryOrAFile_isRefusedAndChangesNothing() throws Exception {
    start("sqlite");
    stopNode();
    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("something"), "kept");

    assertThatThrownBy(() -> restart("a.example/parley", tmp.resolve("a"))).isInstanceOf(LogException.class)
        .hasMessageContaining("new origin");
    assertThatThrownBy(() -> restart("has space", tmp.resolve("b"))).isInstanceOf(LogException.class)
        .hasMessageContaining("--log-origin");
    assertThatThrownBy(() -> restart("a.example/parley-2", full)).isInstanceOf(LogException.class)
        .hasMessageContaining("not empty");
    assertThatThrownBy(() -> restart("a.example/parley-2", full.resolve("something")))
        .isInstanceOf(LogException.class).hasMessageContaining("not a directory");
    assertThatThrownBy(() -> restart("a.example/parley-2", full.resolve("something").resolve("below")))
        .isInstanceOf(LogException.class).hasMessageContaining("could not copy the old log out");

    assertTheOldLogIsAsItWas(4);
    assertThat(Files.readString(full.resolve("something"))).isEqualTo("kept");
  }

  @Test
  void restart_withARowWrittenAroundTheStore_namesItAndChangesNothing() throws Exception {
    start("sqlite");
    stopNode();
    try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO objects (collection_id, date_added, object_id, type, spec_version, version_micros,"
          + " version_text, tlp, submitter, sha256, json) VALUES ('" + collection + "', 1, 'indicator--not-a-uuid',"
          + " 'indicator', '2.1', 0, '2026-01-01T00:00:00.000Z', 1, 'A', 'x', X'7B7D')");
    }

    assertThatThrownBy(() -> restart("a.example/parley-2", tmp.resolve("old-log"))).isInstanceOf(LogException.class)
        .hasMessageContaining("indicator--not-a-uuid").hasMessageContaining("not written by a node");

    assertThat(tmp.resolve("old-log")).doesNotExist(); // the same command can run again once the row is gone

    assertTheOldLogIsAsItWas(4);
  }

  @Test
  void restart_whenANodeAddedToTheLogWhileItWasCopied_isRefusedAndChangesNothing() throws Exception {
    start("sqlite");
    stopNode();
    Consumer<String> nodeRunsMeanwhile = p -> {
      if (p.startsWith("audited the copy")) {
        try (TransparencyLog running = TransparencyLog.openExisting(jdbc, clock)) {
          objects = db.objects(running.appendHook());
          objects.append(collection, "A", List.of(Candidate.accepted(TestObjects.indicator(9, V1,
              Optional.of(Tlp.GREEN)))));
          running.sequence(); // size 5, signed by the old key: the copy ends at 4
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };

    assertThatThrownBy(() -> LogRestart.restart(jdbc, "a.example/parley-2", tmp.resolve("old-log"), clock,
        new SecureRandom(), Federation::forgetOwnLog, nodeRunsMeanwhile)).isInstanceOf(LogException.class)
        .hasMessageContaining("grew while it was copied");

    assertThat(tmp.resolve("old-log")).doesNotExist();
    assertTheOldLogIsAsItWas(5);
  }

  @Test
  void restart_interruptedAfterItsCommit_isFinishedByTheNextStart_andRunningItAgainSaysSo() throws Exception {
    start("sqlite");
    stopNode();
    Consumer<String> crashAfterCommit = p -> {
      if (p.startsWith("old log emptied")) {
        throw new IllegalStateException("killed");
      }
    };
    assertThatThrownBy(() -> LogRestart.restart(jdbc, "a.example/parley-2", tmp.resolve("old-log"), clock,
        new SecureRandom(), Federation::forgetOwnLog, crashAfterCommit)).hasMessage("killed");

    assertThatThrownBy(() -> restart("a.example/parley-2", tmp.resolve("again"))).isInstanceOf(LogException.class)
        .hasMessageContaining("start the node").hasMessageNotContaining("choose");
    assertThatThrownBy(() -> restart("a.example/parley-3", tmp.resolve("again"))).isInstanceOf(LogException.class)
        .hasMessageContaining("start the node");
    assertThat(tmp.resolve("again")).doesNotExist();
    try (TransparencyLog started = TransparencyLog.open(jdbc, Optional.empty(), clock, new SecureRandom(),
        TransparencyLog.Options.defaults(), Optional.empty())) {
      started.sequence();
      assertThat(started.origin()).isEqualTo("a.example/parley-2");
      assertThat(started.status().size()).isEqualTo(2);
    }
  }

  @Test
  void restart_ofADatabaseWhoseNodeNeverStarted_saysThereIsNoLogYet() throws Exception {
    jdbc = databases.fresh("sqlite");
    db = Database.open(jdbc, clock, UUID::randomUUID); // what `parley party add` makes

    assertThatThrownBy(() -> restart("a.example/parley-2", tmp.resolve("old-log"))).isInstanceOf(LogException.class)
        .hasMessageContaining("never started").hasMessageContaining("--log-origin a.example/parley-2");
    assertThat(tmp.resolve("old-log")).doesNotExist();
  }

  /** The old log, still there under its origin with {@code size} entries. */
  void assertTheOldLogIsAsItWas(long size) throws LogException {
    try (TransparencyLog same = TransparencyLog.openExisting(jdbc, clock)) {
      assertThat(same.origin()).isEqualTo("a.example/parley");
      assertThat(same.status().size()).isEqualTo(size);
    }
  }

  static long micros(String rfc3339) {
    return org.parley.node.store.Micros.parse(rfc3339);
  }
}
