package org.parley.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.tlog.Hash;

/** Read access to sequenced entries, hashes and checkpoints. Not thread-safe; close after use. */
final class JdbcLogReader implements AutoCloseable {
  private final Connection c;
  private PreparedStatement nodeQuery;

  JdbcLogReader(Connection c) {
    this.c = c;
  }

  JdbcLog.TreeHead head() throws SQLException {
    return JdbcLog.readHead(c);
  }

  /** The hash of the full subtree (level, idx); empty when that subtree is not complete yet. */
  Optional<Hash> node(int level, long idx) throws SQLException {
    if (nodeQuery == null) {
      nodeQuery = c.prepareStatement("SELECT hash FROM log_hashes WHERE level = ? AND idx = ?");
    }
    nodeQuery.setInt(1, level);
    nodeQuery.setLong(2, idx);
    try (ResultSet rs = nodeQuery.executeQuery()) {
      return rs.next() ? Optional.of(Hash.copyOf(rs.getBytes(1))) : Optional.empty();
    }
  }

  /** The stored hashes at {@code level}, indexes {@code from} to {@code from + count - 1}, concatenated. */
  byte[] hashes(int level, long from, int count) throws SQLException {
    byte[] out = new byte[count * Hash.SIZE];
    int n = 0;
    try (PreparedStatement s = c.prepareStatement("SELECT idx, hash FROM log_hashes"
        + " WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
      s.setInt(1, level);
      s.setLong(2, from);
      s.setLong(3, from + count);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) != from + n) {
            throw new SQLException("log_hashes lacks level " + level + " index " + (from + n));
          }
          System.arraycopy(rs.getBytes(2), 0, out, n++ * Hash.SIZE, Hash.SIZE);
        }
      }
    }
    if (n != count) {
      throw new SQLException("log_hashes holds " + n + " of " + count + " hashes at level " + level);
    }
    return out;
  }

  /** The entries {@code from} to {@code from + count - 1}, in order. */
  List<byte[]> entries(long from, int count) throws SQLException {
    List<byte[]> out = new ArrayList<>(count);
    try (PreparedStatement s = c.prepareStatement(
        "SELECT idx, entry FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx")) {
      s.setLong(1, from);
      s.setLong(2, from + count);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) != from + out.size()) {
            throw new SQLException("log_entries lacks index " + (from + out.size()));
          }
          out.add(rs.getBytes(2));
        }
      }
    }
    if (out.size() != count) {
      throw new SQLException("log_entries holds " + out.size() + " of " + count + " entries from " + from);
    }
    return out;
  }

  /** The index of the entry for (collection, object, version, op), if sequenced. */
  Optional<Long> indexOf(String collection, String objectId, long versionMicros, String op)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MIN(idx) FROM log_entries"
        + " WHERE collection_id = ? AND object_id = ? AND version_micros = ? AND op = ?")) {
      s.setString(1, collection);
      s.setString(2, objectId);
      s.setLong(3, versionMicros);
      s.setString(4, op);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long idx = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(idx);
      }
    }
  }

  /** Whether (collection, object, version, op) waits in the pending queue. */
  boolean isPending(String collection, String objectId, long versionMicros, String op) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM log_pending"
        + " WHERE collection_id = ? AND object_id = ? AND version_micros = ? AND op = ?")) {
      s.setString(1, collection);
      s.setString(2, objectId);
      s.setLong(3, versionMicros);
      s.setString(4, op);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  Optional<JdbcLog.StoredCheckpoint> latestCheckpoint() throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT size, root, note, signed_at FROM log_checkpoints"
        + " WHERE size = (SELECT MAX(size) FROM log_checkpoints)")) {
      return JdbcLog.oneCheckpoint(s);
    }
  }

  Optional<JdbcLog.StoredCheckpoint> checkpoint(long size) throws SQLException {
    return JdbcLog.checkpoint(c, size);
  }

  /** Every stored checkpoint, by size; for audits and the crash tests. */
  List<JdbcLog.StoredCheckpoint> checkpoints() throws SQLException {
    List<JdbcLog.StoredCheckpoint> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new JdbcLog.StoredCheckpoint(rs.getLong(1), Hash.copyOf(rs.getBytes(2)), rs.getString(3),
            rs.getLong(4)));
      }
    }
    return out;
  }

  long pendingCount() throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM log_pending")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The cosignature lines recorded for checkpoint {@code size}, in the order they were added. */
  List<org.parley.tlog.NoteSignature> cosignatures(long size) throws SQLException {
    List<org.parley.tlog.NoteSignature> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT name, key_id, signature FROM log_cosignatures"
        + " WHERE size = ? ORDER BY added_at, name")) {
      s.setLong(1, size);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new org.parley.tlog.NoteSignature(rs.getString(1), (int) rs.getLong(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    try {
      if (nodeQuery != null) {
        nodeQuery.close();
      }
    } finally {
      c.close();
    }
  }
}
