package org.parley.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.parley.tlog.Hash;
import org.parley.tlog.Merkle;

/**
 * The log's tables in one SQLite or PostgreSQL database, through one JDBC code path.
 *
 * <p>Contract (MUST words, as {@code docs/design/log.md} states them):
 * <ul>
 *   <li>{@link #enqueue} MUST be called inside the transaction that stores the object version, so that the
 *       object and its pending leaf commit or roll back together.</li>
 *   <li>{@link #integrate} MUST give every pending leaf exactly one index, in one transaction that also stores
 *       the leaf's hashes and the new size and root: once it returns, the root of each size up to the new size
 *       is fixed for ever.</li>
 *   <li>{@link #storeCheckpoint} MUST refuse a second note for a size already signed (the primary key makes it
 *       impossible), and MUST only be given notes over the root that {@link #integrate} fixed for that size.</li>
 *   <li>Only the lease holder integrates and signs; the lease is the state row itself, so two processes can
 *       never extend the tree from the same size.</li>
 * </ul>
 */
final class JdbcLog {
  static final int MAX_LEVELS = 64;

  private final DataSource data;
  private final LogDialect dialect;

  JdbcLog(DataSource data, LogDialect dialect) {
    this.data = data;
    this.dialect = dialect;
  }

  /** Creates the tables and the initial state row (size 0, the empty-tree root) if missing. */
  void migrate() throws SQLException {
    try (Connection c = data.getConnection()) {
      LogSchema.apply(c, dialect);
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO log_state (id, size, root, holder, lease_until) SELECT 1, 0, ?, '', 0"
              + " WHERE NOT EXISTS (SELECT 1 FROM log_state WHERE id = 1)")) {
        s.setBytes(1, Merkle.emptyRoot().toArray());
        s.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Adds {@code leaf} to the pending queue, inside the caller's open transaction {@code tx}. */
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

  /** The tree's size and root as last integrated. */
  record TreeHead(long size, Hash root) {}

  /**
   * Takes or renews the lease for {@code holder} until {@code leaseUntil} (microseconds), then integrates up to
   * {@code maxBatch} pending leaves. Empty when another holder's lease is still running at {@code now}.
   */
  Optional<TreeHead> integrate(String holder, long now, long leaseUntil, int maxBatch) throws SQLException {
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try {
        // The UPDATE comes first: it takes SQLite's write lock and PostgreSQL's row lock before anything is read.
        if (!lease(c, holder, now, leaseUntil)) {
          c.rollback();
          return Optional.empty();
        }
        TreeHead head = readHead(c);
        List<Pending> pending = readPending(c, maxBatch);
        if (pending.isEmpty()) {
          c.commit();
          return Optional.of(head);
        }
        TreeHead next = append(c, head, pending);
        c.commit();
        return Optional.of(next);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Renews the lease; false when {@code holder} does not (or no longer) hold it. */
  private static boolean lease(Connection c, String holder, long now, long leaseUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE log_state SET holder = ?, lease_until = ?"
        + " WHERE id = 1 AND (holder = ? OR lease_until < ?)")) {
      s.setString(1, holder);
      s.setLong(2, leaseUntil);
      s.setString(3, holder);
      s.setLong(4, now);
      return s.executeUpdate() == 1;
    }
  }

  /** Gives up the lease if {@code holder} holds it, so that another process can take over at once. */
  void release(String holder) throws SQLException {
    try (Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement(
            "UPDATE log_state SET lease_until = 0 WHERE id = 1 AND holder = ?")) {
      s.setString(1, holder);
      s.executeUpdate();
    }
  }

  TreeHead head() throws SQLException {
    try (Connection c = data.getConnection()) {
      return readHead(c);
    }
  }

  static TreeHead readHead(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT size, root FROM log_state WHERE id = 1")) {
      if (!rs.next()) {
        throw new SQLException("log_state has no row 1: the log was not migrated");
      }
      return new TreeHead(rs.getLong(1), Hash.copyOf(rs.getBytes(2)));
    }
  }

  private record Pending(long id, String collection, String objectId, long versionMicros, String op,
      byte[] entry) {}

  private static List<Pending> readPending(Connection c, int maxBatch) throws SQLException {
    List<Pending> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, collection_id, object_id, version_micros, op, entry"
        + " FROM log_pending ORDER BY id LIMIT ?")) {
      s.setInt(1, maxBatch);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
              rs.getBytes(6)));
        }
      }
    }
    return out;
  }

  /** Sequences {@code pending} after {@code head}: entries, every new full-subtree hash, the new head. */
  private TreeHead append(Connection c, TreeHead head, List<Pending> pending) throws SQLException {
    Map<Long, Hash> edge = new HashMap<>();
    for (int level = 0; level < MAX_LEVELS - 1; level++) {
      if ((head.size() >>> level & 1) == 1) {
        long idx = (head.size() >>> level) - 1;
        edge.put(key(level, idx), node(c, level, idx).orElseThrow(
            () -> new SQLException("log_hashes lacks a right-edge node of the tree: storage is corrupt")));
      }
    }
    long size = head.size();
    try (PreparedStatement entries = c.prepareStatement("INSERT INTO log_entries"
            + " (idx, collection_id, object_id, version_micros, op, entry) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement hashes = c.prepareStatement(
            "INSERT INTO log_hashes (level, idx, hash) VALUES (?, ?, ?)");
        PreparedStatement done = c.prepareStatement("DELETE FROM log_pending WHERE id = ?")) {
      for (Pending p : pending) {
        long n = size++;
        entries.setLong(1, n);
        entries.setString(2, p.collection());
        entries.setString(3, p.objectId());
        entries.setLong(4, p.versionMicros());
        entries.setString(5, p.op());
        entries.setBytes(6, p.entry());
        entries.addBatch();
        // RFC 9162 §2.1.1: the leaf hash, then each full subtree this leaf completes.
        Hash h = Merkle.leafHash(p.entry());
        int level = 0;
        long idx = n;
        addHash(hashes, edge, level, idx, h);
        while ((idx & 1) == 1) {
          Hash left = edge.remove(key(level, idx - 1));
          edge.remove(key(level, idx));
          h = Merkle.nodeHash(left, h);
          level++;
          idx >>>= 1;
          addHash(hashes, edge, level, idx, h);
        }
        done.setLong(1, p.id());
        done.addBatch();
      }
      entries.executeBatch();
      hashes.executeBatch();
      done.executeBatch();
    }
    Hash root = rootOfEdge(edge, size);
    try (PreparedStatement s = c.prepareStatement("UPDATE log_state SET size = ?, root = ? WHERE id = 1")) {
      s.setLong(1, size);
      s.setBytes(2, root.toArray());
      s.executeUpdate();
    }
    return new TreeHead(size, root);
  }

  private static void addHash(PreparedStatement hashes, Map<Long, Hash> edge, int level, long idx, Hash h)
      throws SQLException {
    edge.put(key(level, idx), h);
    hashes.setInt(1, level);
    hashes.setLong(2, idx);
    hashes.setBytes(3, h.toArray());
    hashes.addBatch();
  }

  /** RFC 9162 §2.1.1: MTH of the whole tree from its right-edge full subtrees, hashed right to left. */
  private static Hash rootOfEdge(Map<Long, Hash> edge, long size) {
    Hash root = null;
    for (int level = 0; level < MAX_LEVELS - 1; level++) {
      if ((size >>> level & 1) == 1) {
        Hash part = edge.get(key(level, (size >>> level) - 1));
        root = root == null ? part : Merkle.nodeHash(part, root);
      }
    }
    return root == null ? Merkle.emptyRoot() : root;
  }

  private static long key(int level, long idx) {
    return (idx << 6) | level;
  }

  private static Optional<Hash> node(Connection c, int level, long idx) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT hash FROM log_hashes WHERE level = ? AND idx = ?")) {
      s.setInt(1, level);
      s.setLong(2, idx);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(Hash.copyOf(rs.getBytes(1))) : Optional.empty();
      }
    }
  }

  /** Reads of the sequenced log; one connection, held until the reader is closed. */
  JdbcLogReader reader() throws SQLException {
    return new JdbcLogReader(data.getConnection());
  }

  /** A stored checkpoint note with the size and root it signs. */
  record StoredCheckpoint(long size, Hash root, String note, long signedAt) {}

  /**
   * Stores the signed note of {@code size} if {@code holder} still holds the lease and no note of that size
   * exists; returns the note now stored for {@code size} (the earlier one when it already existed).
   *
   * @throws SQLException when the lease is lost or the tree head is not {@code (size, root)}
   */
  StoredCheckpoint storeCheckpoint(String holder, long now, long leaseUntil, TreeHead head, String note)
      throws SQLException {
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!lease(c, holder, now, leaseUntil)) {
          throw new SQLException("lease lost to another process: not storing checkpoint " + head.size());
        }
        TreeHead current = readHead(c);
        if (current.size() < head.size()) {
          throw new SQLException("checkpoint " + head.size() + " is beyond the tree size " + current.size());
        }
        Optional<StoredCheckpoint> existing = checkpoint(c, head.size());
        if (existing.isPresent()) {
          c.commit();
          return existing.get();
        }
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)")) {
          s.setLong(1, head.size());
          s.setBytes(2, head.root().toArray());
          s.setString(3, note);
          s.setLong(4, now);
          s.executeUpdate();
        }
        c.commit();
        return new StoredCheckpoint(head.size(), head.root(), note, now);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  static Optional<StoredCheckpoint> checkpoint(Connection c, long size) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT size, root, note, signed_at FROM log_checkpoints WHERE size = ?")) {
      s.setLong(1, size);
      return oneCheckpoint(s);
    }
  }

  static Optional<StoredCheckpoint> oneCheckpoint(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(new StoredCheckpoint(rs.getLong(1), Hash.copyOf(rs.getBytes(2)), rs.getString(3),
              rs.getLong(4)))
          : Optional.empty();
    }
  }

  /** Records verified cosignature lines of checkpoint {@code size}; a witness's later line for it is ignored. */
  void addCosignatures(long size, List<org.parley.tlog.NoteSignature> lines, long now) throws SQLException {
    try (Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO log_cosignatures"
            + " (size, name, key_id, signature, added_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM log_cosignatures WHERE size = ? AND name = ? AND key_id = ?)")) {
      for (org.parley.tlog.NoteSignature line : lines) {
        s.setLong(1, size);
        s.setString(2, line.name());
        s.setLong(3, Integer.toUnsignedLong(line.keyId()));
        s.setString(4, line.base64());
        s.setLong(5, now);
        s.setLong(6, size);
        s.setString(7, line.name());
        s.setLong(8, Integer.toUnsignedLong(line.keyId()));
        s.executeUpdate();
      }
    }
  }
}
