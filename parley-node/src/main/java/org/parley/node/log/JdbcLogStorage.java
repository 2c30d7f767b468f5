package org.parley.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parley.tlog.Hash;
import org.parley.tlog.LogStorage;
import org.parley.tlog.Merkle;
import org.parley.tlog.Octets;
import org.parley.tlog.StoredCheckpoint;
import org.parley.tlog.Tile;

/**
 * {@link LogStorage} in one SQLite or PostgreSQL database, through one JDBC code path, plus the node's own way
 * in: leaves {@link #enqueue enqueued} inside the store's transaction, then {@link #drainPending sequenced}.
 *
 * <p>Besides the rules of {@link LogStorage}, this storage keeps these (MUST words as in {@code docs/design/log.md}):
 * <ul>
 *   <li>{@link #enqueue} MUST run inside the transaction that stores the object version, so that the object and
 *       its leaf commit or roll back together.</li>
 *   <li>{@link #sequence} and {@link #drainPending} lock the state row first (SQLite's write lock, PostgreSQL's
 *       row lock), so index assignment is serialised across threads and processes; each is one transaction.</li>
 *   <li>{@link #storeCheckpoint} stores only while this storage's {@code holder} holds the lease, in the same
 *       transaction that checks it: two processes can never both publish checkpoints, and with the
 *       compare-and-set and one row per size a size can never get two different roots.</li>
 * </ul>
 */
final class JdbcLogStorage implements LogStorage {
  private final DataSource data;
  private final Clock clock;
  private final String holder;
  private final long leaseMicros;
  private final java.util.concurrent.locks.Lock writer;

  JdbcLogStorage(DataSource data, Clock clock, String holder, Duration lease) {
    this(data, clock, holder, lease, new java.util.concurrent.locks.ReentrantLock());
  }

  /** {@code writer}: taken around every write transaction (the store's SQLite writer lock, when there is one). */
  JdbcLogStorage(DataSource data, Clock clock, String holder, Duration lease,
      java.util.concurrent.locks.Lock writer) {
    this.writer = writer;
    this.data = data;
    this.clock = clock;
    this.holder = holder;
    this.leaseMicros = lease.toNanos() / 1000;
  }

  /** The lock every write transaction takes; reentrant, so a caller may hold it across several. */
  java.util.concurrent.locks.Lock writer() {
    return writer;
  }

  /** Creates the tables and the state row if missing. */
  void migrate() throws SQLException {
    try (Connection c = data.getConnection()) {
      LogSchema.apply(c, LogDialect.of(c));
      try (Statement s = c.createStatement()) {
        // ON CONFLICT, not WHERE NOT EXISTS: processes starting at once on PostgreSQL all see no row, and all but
        // one would then fail on the primary key.
        s.executeUpdate("INSERT INTO log_state (id, sequenced, holder, lease_until) VALUES (1, 0, '', 0)"
            + " ON CONFLICT (id) DO NOTHING");
      }
    }
  }

  /** Adds {@code leaf} to the pending queue inside the caller's open transaction {@code tx}. */
  static void enqueue(Connection tx, LogLeaf leaf, long versionMicros) throws SQLException {
    try (PreparedStatement s = tx.prepareStatement("INSERT INTO log_pending"
        + " (collection_id, object_id, version_micros, op, entry) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, leaf.collection());
      s.setString(2, leaf.objectId());
      s.setLong(3, versionMicros);
      s.setString(4, leaf.op().word);
      s.setBytes(5, leaf.encode());
      s.executeUpdate();
    }
  }

  /** Takes or renews the lease for this storage's holder; false while another holder's lease runs. */
  boolean renewLease() {
    return inTransaction("renew the sequencing lease", c -> lease(c));
  }

  /** Gives up the lease if held, so that another process can take over at once. */
  void releaseLease() {
    inTransaction("release the sequencing lease", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE log_state SET lease_until = 0 WHERE id = 1 AND holder = ?")) {
        s.setString(1, holder);
        return s.executeUpdate();
      }
    });
  }

  private boolean lease(Connection c) throws SQLException {
    long now = micros();
    try (PreparedStatement s = c.prepareStatement("UPDATE log_state SET holder = ?, lease_until = ?"
        + " WHERE id = 1 AND (holder = ? OR lease_until < ?)")) {
      s.setString(1, holder);
      s.setLong(2, now + leaseMicros);
      s.setString(3, holder);
      s.setLong(4, now);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Sequences up to {@code max} pending leaves, oldest first, in one transaction; returns how many. Leaves
   * committed later by a concurrent store transaction wait for the next call.
   */
  int drainPending(int max) {
    return inTransaction("sequence pending leaves", c -> {
      long first = lockState(c);
      int n = 0;
      try (PreparedStatement read = c.prepareStatement("SELECT id, collection_id, object_id, version_micros,"
              + " op, entry FROM log_pending ORDER BY id LIMIT ?");
          PreparedStatement insert = c.prepareStatement("INSERT INTO log_entries"
              + " (idx, collection_id, object_id, version_micros, op, entry) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement done = c.prepareStatement("DELETE FROM log_pending WHERE id = ?")) {
        read.setInt(1, max);
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            insert.setLong(1, first + n++);
            insert.setString(2, rs.getString(2));
            insert.setString(3, rs.getString(3));
            insert.setLong(4, rs.getLong(4));
            insert.setString(5, rs.getString(5));
            insert.setBytes(6, rs.getBytes(6));
            insert.addBatch();
            done.setLong(1, rs.getLong(1));
            done.addBatch();
          }
        }
        if (n > 0) {
          insert.executeBatch();
          done.executeBatch();
          setSequenced(c, first + n);
        }
      }
      return n;
    });
  }

  @Override
  public long sequence(List<Octets> entries) {
    return inTransaction("sequence entries", c -> {
      long first = lockState(c);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO log_entries (idx, entry) VALUES (?, ?)")) {
        for (int i = 0; i < entries.size(); i++) {
          insert.setLong(1, first + i);
          insert.setBytes(2, entries.get(i).toArray());
          insert.addBatch();
        }
        if (!entries.isEmpty()) {
          insert.executeBatch();
          setSequenced(c, first + entries.size());
        }
      }
      return first;
    });
  }

  /** Locks the state row (an UPDATE first: SQLite's write lock, PostgreSQL's row lock) and reads the size. */
  private static long lockState(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (s.executeUpdate("UPDATE log_state SET sequenced = sequenced WHERE id = 1") != 1) {
        throw new SQLException("log_state has no row 1: the log was not migrated");
      }
      try (ResultSet rs = s.executeQuery("SELECT sequenced FROM log_state WHERE id = 1")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void setSequenced(Connection c, long size) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE log_state SET sequenced = ? WHERE id = 1")) {
      s.setLong(1, size);
      s.executeUpdate();
    }
  }

  @Override
  public long sequencedSize() {
    return read("read the sequenced size", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT sequenced FROM log_state WHERE id = 1")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public List<Octets> readEntries(long from, int count) {
    return read("read entries", c -> JdbcLogIndex.entries(c, from, count));
  }

  /**
   * Full tiles read or written here, keyed by level and index: 4,096 of them are 32 MiB. A full tile never grows
   * (LogStorage rule 3), but it can be rewritten: {@code Log.open} repairs a corrupted one from the entries. So
   * {@link #writeTiles} replaces what it wrote here once committed, and a read that overlapped a write does not fill
   * the cache (it may have read the tile from before that write).
   */
  private final java.util.Map<Long, Tile> fullTiles = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<Long, Tile> eldest) {
      return size() > 4096;
    }
  };
  private long tileWrites; // guarded by fullTiles: how many writeTiles have committed

  private static long tileKey(int level, long index) {
    return ((long) level << 56) | index;
  }

  @Override
  public Optional<Tile> readTile(int level, long index) {
    long key = tileKey(level, index);
    long writesBefore;
    synchronized (fullTiles) {
      Tile cached = fullTiles.get(key);
      if (cached != null) {
        return Optional.of(cached);
      }
      writesBefore = tileWrites;
    }
    Optional<Tile> tile = readStoredTile(level, index);
    if (tile.isPresent() && tile.get().width() == org.parley.tlog.TileId.WIDTH) {
      synchronized (fullTiles) {
        if (tileWrites == writesBefore) {
          fullTiles.put(key, tile.get());
        }
      }
    }
    return tile;
  }

  private Optional<Tile> readStoredTile(int level, long index) {
    return read("read a tile", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT hashes FROM log_tiles WHERE level = ? AND idx = ?")) {
        s.setInt(1, level);
        s.setLong(2, index);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(new Tile(level, index, Octets.copyOf(rs.getBytes(1))))
              : Optional.<Tile>empty();
        }
      }
    });
  }

  @Override
  public void writeTiles(List<Tile> tiles) {
    // LogStorage rule 3: a stored tile is only replaced by one at least as long (they agree on the common prefix);
    // a tile of the same length is rewritten, so that tiles rebuilt from the entries repair a corrupted one
    // (Log.open rebuilds when the stored tiles do not reproduce the signed root).
    inTransaction("write tiles", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO log_tiles (level, idx, hashes) VALUES (?, ?, ?)"
          + " ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes"
          + " WHERE length(log_tiles.hashes) <= length(excluded.hashes)")) {
        for (Tile t : tiles) {
          s.setInt(1, t.level());
          s.setLong(2, t.index());
          s.setBytes(3, t.hashes().toArray());
          s.addBatch();
        }
        if (!tiles.isEmpty()) {
          s.executeBatch();
        }
      }
      return null;
    });
    // Committed: a full tile is now stored exactly as written (nothing is longer), so it replaces the cached one,
    // which may be the corrupted tile it repairs; a partial tile evicts its key, and the next read asks storage.
    synchronized (fullTiles) {
      tileWrites++;
      for (Tile t : tiles) {
        if (t.width() == org.parley.tlog.TileId.WIDTH) {
          fullTiles.put(tileKey(t.level(), t.index()), t);
        } else {
          fullTiles.remove(tileKey(t.level(), t.index()));
        }
      }
    }
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return read("read the latest checkpoint", JdbcLogIndex::latestCheckpoint);
  }

  @Override
  public boolean storeCheckpoint(Optional<StoredCheckpoint> expected, StoredCheckpoint next) {
    return inTransaction("store a checkpoint", c -> {
      if (!lease(c)) {
        return false; // another process sequences: it alone may publish
      }
      Optional<StoredCheckpoint> latest = JdbcLogIndex.latestCheckpoint(c);
      if (!sameHead(expected, latest)) {
        return false;
      }
      if (latest.isPresent()) {
        StoredCheckpoint l = latest.get();
        if (next.size() < l.size() || next.size() == l.size() && !next.root().equals(l.root())) {
          return false;
        }
        if (next.size() == l.size()) {
          return true; // the same size and root: the stored note stays the published one
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)")) {
        s.setLong(1, next.size());
        s.setBytes(2, next.root().toArray());
        s.setString(3, next.signedNote());
        s.setLong(4, micros());
        s.executeUpdate();
      }
      return true;
    });
  }

  private static boolean sameHead(Optional<StoredCheckpoint> a, Optional<StoredCheckpoint> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() == b.isEmpty();
    }
    return a.get().size() == b.get().size() && a.get().root().equals(b.get().root());
  }

  /** The root of the empty tree, for callers that show a log before its first checkpoint. */
  static Hash emptyRoot() {
    return Merkle.emptyRoot();
  }

  long micros() {
    java.time.Instant t = clock.instant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T read(String what, Work<T> work) {
    try (Connection c = data.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageFailure("cannot " + what, e);
    }
  }

  /** Runs {@code work} in one transaction: committed (durably) before returning, rolled back on any failure. */
  <T> T inTransaction(String what, Work<T> work) {
    writer.lock();
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageFailure("cannot " + what, e);
    } finally {
      writer.unlock();
    }
  }
}
