package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.tlog.Hash;
import org.parley.tlog.Merkle;

class JdbcLogTest {
  private static TestDatabases databases;

  @BeforeAll
  static void createDatabases() {
    databases = new TestDatabases();
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    databases.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void integrate_randomBatches_rootsAndProofsMatchTheNaiveReference(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLog log = new JdbcLog(ds, LogDialect.of(ds.getConnection()));
      log.migrate();
      Random random = new Random(7);
      List<byte[]> entries = new ArrayList<>();
      List<Hash> roots = new ArrayList<>(List.of(Merkle.emptyRoot()));
      while (entries.size() < 300) {
        int batch = 1 + random.nextInt(40);
        try (Connection tx = ds.getConnection()) {
          tx.setAutoCommit(false);
          for (int i = 0; i < batch; i++) {
            LogLeaf leaf = leaf(random);
            JdbcLog.enqueue(tx, leaf, 1_000L);
            entries.add(leaf.encode());
          }
          tx.commit();
        }
        JdbcLog.TreeHead head = log.integrate("me", 1, Long.MAX_VALUE, 1 + random.nextInt(60)).orElseThrow();
        while (head.size() < entries.size()) {
          head = log.integrate("me", 1, Long.MAX_VALUE, 1 + random.nextInt(60)).orElseThrow();
        }
        assertThat(head.root()).isEqualTo(referenceRoot(entries));
        roots.add(head.root());
      }
      try (JdbcLogReader reader = log.reader()) {
        StoredTree tree = new StoredTree(reader);
        long size = entries.size();
        Hash root = reader.head().root();
        for (int trial = 0; trial < 200; trial++) {
          long index = random.nextInt((int) size);
          tree.inclusion(index, size).verify(Merkle.leafHash(entries.get((int) index)), root);
          long oldSize = random.nextInt((int) size + 1);
          Hash oldRoot = referenceRoot(entries.subList(0, (int) oldSize));
          tree.consistency(oldSize, size).verify(oldRoot, root);
          assertThat(tree.root(oldSize)).isEqualTo(oldRoot);
        }
        assertThat(reader.entries(0, entries.size())).containsExactlyElementsOf(entries);
        assertThat(reader.pendingCount()).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void integrate_whileAnotherHoldsALiveLease_doesNothing(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLog log = new JdbcLog(ds, LogDialect.of(ds.getConnection()));
      log.migrate();
      assertThat(log.integrate("a", 100, 200, 10)).isPresent();
      enqueue(ds, leaf(new Random(1)));

      assertThat(log.integrate("b", 150, 250, 10)).isEmpty();
      assertThat(log.head().size()).isZero();
      assertThat(log.integrate("b", 201, 300, 10).orElseThrow().size()).isEqualTo(1);
      assertThat(log.integrate("a", 250, 400, 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void storeCheckpoint_sameSizeTwice_keepsTheFirstNote(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLog log = new JdbcLog(ds, LogDialect.of(ds.getConnection()));
      log.migrate();
      enqueue(ds, leaf(new Random(2)));
      JdbcLog.TreeHead head = log.integrate("a", 1, 100, 10).orElseThrow();

      log.storeCheckpoint("a", 1, 100, head, "first");
      JdbcLog.StoredCheckpoint second = log.storeCheckpoint("a", 2, 100, head, "second");

      assertThat(second.note()).isEqualTo("first");
      assertThatThrownBy(() -> log.storeCheckpoint("b", 3, 100, head, "third"))
          .isInstanceOf(SQLException.class).hasMessageContaining("lease");
      try (JdbcLogReader reader = log.reader()) {
        assertThat(reader.checkpoints()).extracting(JdbcLog.StoredCheckpoint::note).containsExactly("first");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void enqueue_inARolledBackTransaction_leavesNothingToSequence(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLog log = new JdbcLog(ds, LogDialect.of(ds.getConnection()));
      log.migrate();
      try (Connection tx = ds.getConnection()) {
        tx.setAutoCommit(false);
        JdbcLog.enqueue(tx, leaf(new Random(3)), 1);
        tx.rollback();
      }
      assertThat(log.integrate("a", 1, 100, 10).orElseThrow().size()).isZero();
    }
  }

  static void enqueue(HikariDataSource ds, LogLeaf leaf) throws SQLException {
    try (Connection tx = ds.getConnection()) {
      JdbcLog.enqueue(tx, leaf, 1);
    }
  }

  static LogLeaf leaf(Random random) {
    return new LogLeaf(LogLeaf.Op.ADD, "collection-" + random.nextInt(3),
        "indicator--" + new UUID(random.nextLong(), random.nextLong()),
        "2026-11-27T08:00:00.000Z", Hash.sha256(new byte[] {(byte) random.nextInt()}).hex(), "party",
        "2026-11-27T08:00:0" + random.nextInt(10) + "Z");
  }

  /** RFC 9162 §2.1.1 MTH, transcribed literally. */
  static Hash referenceRoot(List<byte[]> entries) {
    if (entries.isEmpty()) {
      return Merkle.emptyRoot();
    }
    if (entries.size() == 1) {
      return Merkle.leafHash(entries.get(0));
    }
    int k = Integer.highestOneBit(entries.size() - 1);
    return Merkle.nodeHash(referenceRoot(entries.subList(0, k)), referenceRoot(entries.subList(k, entries.size())));
  }
}
