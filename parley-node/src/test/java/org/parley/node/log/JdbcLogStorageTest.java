package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.tlog.Hash;
import org.parley.tlog.Log;
import org.parley.tlog.Merkle;
import org.parley.tlog.Octets;
import org.parley.tlog.SignerKey;
import org.parley.tlog.StoredCheckpoint;
import org.parley.tlog.Tile;

/** The tlog LogStorage contract and the node's own rules, on real SQLite and real PostgreSQL. */
class JdbcLogStorageTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
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
  void integrate_randomBatchesThroughBothWaysIn_rootsAndProofsMatchTheNaiveReference(String kind)
      throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLogStorage storage = storage(ds, "a");
      SignerKey key = SignerKey.generate("test.example/log", new SecureRandom());
      Log log = Log.open(storage, key);
      Random random = new Random(7);
      List<byte[]> entries = new ArrayList<>();
      while (entries.size() < 700) {
        int batch = 1 + random.nextInt(90);
        if (random.nextBoolean()) {
          List<byte[]> raw = new ArrayList<>();
          for (int i = 0; i < batch; i++) {
            raw.add(leaf(random).encode());
          }
          assertThat(log.append(raw).get(0)).isEqualTo(entries.size());
          entries.addAll(raw);
        } else {
          try (Connection tx = ds.getConnection()) {
            tx.setAutoCommit(false);
            for (int i = 0; i < batch; i++) {
              LogLeaf leaf = leaf(random);
              JdbcLogStorage.enqueue(tx, leaf, 1_000L);
              entries.add(leaf.encode());
            }
            tx.commit();
          }
          while (storage.drainPending(1 + random.nextInt(50)) > 0) {
            // drain in random batch sizes
          }
        }
        assertThat(log.integrate().checkpoint().root()).isEqualTo(referenceRoot(entries));
      }
      Log reopened = Log.open(storage, key);
      long size = entries.size();
      Hash root = reopened.root(size);
      for (int trial = 0; trial < 100; trial++) {
        long index = random.nextInt((int) size);
        reopened.inclusionProof(index, size).verify(Merkle.leafHash(entries.get((int) index)), root);
        long oldSize = random.nextInt((int) size + 1);
        reopened.consistencyProof(oldSize, size).verify(referenceRoot(entries.subList(0, (int) oldSize)), root);
      }
      assertThat(storage.readEntries(0, entries.size())).extracting(Octets::toArray)
          .containsExactlyElementsOf(entries);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void storeCheckpoint_smallerOrSameSizeWithOtherRoot_isRefused(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLogStorage storage = storage(ds, "a");
      StoredCheckpoint five = new StoredCheckpoint(5, Hash.sha256(new byte[] {5}), "note 5");
      assertThat(storage.storeCheckpoint(Optional.empty(), five)).isTrue();

      assertThat(storage.storeCheckpoint(Optional.of(five),
          new StoredCheckpoint(5, Hash.sha256(new byte[] {6}), "fork"))).isFalse();
      assertThat(storage.storeCheckpoint(Optional.of(five),
          new StoredCheckpoint(4, Hash.sha256(new byte[] {4}), "older"))).isFalse();
      assertThat(storage.storeCheckpoint(Optional.empty(),
          new StoredCheckpoint(6, Hash.sha256(new byte[] {7}), "stale expectation"))).isFalse();
      assertThat(storage.latestCheckpoint()).contains(five);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void storeCheckpoint_whileAnotherProcessHoldsTheLease_isRefused(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLogStorage a = storage(ds, "a");
      JdbcLogStorage b = new JdbcLogStorage(ds, CLOCK, "b", Duration.ofSeconds(3));
      assertThat(a.renewLease()).isTrue();

      assertThat(b.renewLease()).isFalse();
      assertThat(b.storeCheckpoint(Optional.empty(), new StoredCheckpoint(0, Merkle.emptyRoot(), "b"))).isFalse();
      a.releaseLease();
      assertThat(b.renewLease()).isTrue();
      assertThat(a.storeCheckpoint(Optional.empty(), new StoredCheckpoint(0, Merkle.emptyRoot(), "a"))).isFalse();
      assertThat(b.storeCheckpoint(Optional.empty(), new StoredCheckpoint(0, Merkle.emptyRoot(), "b"))).isTrue();
    }
  }

  /**
   * An in-process repair: this storage has read (and kept) a corrupted full tile, then {@code Log.open} finds the
   * root wrong and rebuilds every tile from the entries. The repaired tile must be what is read from then on, not
   * the corrupted one kept from before (until this fix, until the process restarted: proofs through it failed).
   * A corrupted full tile alone does not change the root ({@code Log.open} reads a full tile's subtree from the
   * tile above), so the partial tile the root is read from is corrupted too.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void open_rebuildingCorruptedTiles_readsTheRepairedFullTileRatherThanTheOneReadBefore(String kind)
      throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLogStorage storage = storage(ds, "a");
      SignerKey key = SignerKey.generate("test.example/log", new SecureRandom());
      Log log = Log.open(storage, key);
      Random random = new Random(11);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        entries.add(leaf(random).encode());
      }
      log.append(entries);
      Hash root = log.integrate().checkpoint().root();
      byte[] good = storedTile(ds, 0, 0);
      flipOneBit(ds, 0, 0); // the full level-0 tile: entries 0..255
      flipOneBit(ds, 0, 1); // the partial one: entries 256..299, which the root is computed from
      JdbcLogStorage restarted = storage(ds, "b"); // a process that starts now, and serves a proof or a tile:
      assertThat(restarted.readTile(0, 0).orElseThrow().hashes().toArray()).isNotEqualTo(good);

      Log reopened = Log.open(restarted, key); // the root is wrong: every tile is rebuilt from the entries

      assertThat(storedTile(ds, 0, 0)).isEqualTo(good);
      assertThat(restarted.readTile(0, 0).orElseThrow().hashes().toArray()).isEqualTo(good);
      assertThat(reopened.root(300)).isEqualTo(root).isEqualTo(referenceRoot(entries));
      reopened.inclusionProof(7, 300).verify(Merkle.leafHash(entries.get(7)), root);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void writeTiles_overAFullTileReadBefore_isReadBackAsWritten(String kind) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(databases.fresh(kind), 2)) {
      JdbcLogStorage storage = storage(ds, "a");
      byte[] first = new byte[256 * 32];
      first[5] = 1;
      byte[] second = new byte[256 * 32];
      second[5] = 2;
      storage.writeTiles(List.of(new Tile(0, 7, Octets.copyOf(first))));
      assertThat(storage.readTile(0, 7).orElseThrow().hashes().toArray()).isEqualTo(first);

      storage.writeTiles(List.of(new Tile(0, 7, Octets.copyOf(second)))); // a repair: same length, other hashes

      assertThat(storage.readTile(0, 7).orElseThrow().hashes().toArray()).isEqualTo(second);
      assertThat(storage(ds, "b").readTile(0, 7).orElseThrow().hashes().toArray()).isEqualTo(second);
    }
  }

  private static byte[] storedTile(HikariDataSource ds, int level, long index) throws SQLException {
    try (Connection c = ds.getConnection();
        var ps = c.prepareStatement("SELECT hashes FROM log_tiles WHERE level = ? AND idx = ?")) {
      ps.setInt(1, level);
      ps.setLong(2, index);
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  /** Corrupts one bit of a stored tile, keeping its length. */
  private static void flipOneBit(HikariDataSource ds, int level, long index) throws SQLException {
    byte[] bad = storedTile(ds, level, index);
    bad[40] ^= 1;
    try (Connection c = ds.getConnection();
        var ps = c.prepareStatement("UPDATE log_tiles SET hashes = ? WHERE level = ? AND idx = ?")) {
      ps.setBytes(1, bad);
      ps.setInt(2, level);
      ps.setLong(3, index);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  static JdbcLogStorage storage(HikariDataSource ds, String holder) throws SQLException {
    JdbcLogStorage storage = new JdbcLogStorage(ds, CLOCK, holder, Duration.ofSeconds(3));
    storage.migrate();
    return storage;
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
