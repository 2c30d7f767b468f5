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
import org.parley.tlog.NoteSignature;
import org.parley.tlog.Octets;
import org.parley.tlog.StoredCheckpoint;

/** The log's queries beyond {@link org.parley.tlog.LogStorage}: finding a version's leaf, checkpoints, cosignatures. */
final class JdbcLogIndex {
  private JdbcLogIndex() {}

  static List<Octets> entries(Connection c, long from, int count) throws SQLException {
    List<Octets> out = new ArrayList<>(count);
    try (PreparedStatement s = c.prepareStatement(
        "SELECT idx, entry FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx")) {
      s.setLong(1, from);
      s.setLong(2, from + count);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) != from + out.size()) {
            break;
          }
          out.add(Octets.copyOf(rs.getBytes(2)));
        }
      }
    }
    if (out.size() != count) {
      throw new IllegalArgumentException("entries [" + from + ", " + (from + count) + ") are not all sequenced");
    }
    return out;
  }

  static Optional<StoredCheckpoint> latestCheckpoint(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT size, root, note FROM log_checkpoints"
        + " WHERE size = (SELECT MAX(size) FROM log_checkpoints)")) {
      return one(s);
    }
  }

  static Optional<StoredCheckpoint> checkpoint(Connection c, long size) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT size, root, note FROM log_checkpoints WHERE size = ?")) {
      s.setLong(1, size);
      return one(s);
    }
  }

  /** Every stored checkpoint with the time it was stored (microseconds), by size. */
  static List<Timed> checkpoints(Connection c) throws SQLException {
    List<Timed> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size")) {
      while (rs.next()) {
        out.add(new Timed(new StoredCheckpoint(rs.getLong(1), Hash.copyOf(rs.getBytes(2)), rs.getString(3)),
            rs.getLong(4)));
      }
    }
    return out;
  }

  /** A stored checkpoint and when it was stored. */
  record Timed(StoredCheckpoint checkpoint, long storedAtMicros) {}

  private static Optional<StoredCheckpoint> one(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(new StoredCheckpoint(rs.getLong(1), Hash.copyOf(rs.getBytes(2)), rs.getString(3)))
          : Optional.empty();
    }
  }

  /**
   * One object version's latest leaf of an op (through log_entries_by_object; QueryPlanTest checks the planner
   * agrees): the latest, because a version deleted and then shared again is held by virtue of its second add, and a
   * puller weighs a deletion leaf against the add its copy came from.
   */
  static final String INDEX_OF_SQL = "SELECT MAX(idx) FROM log_entries"
      + " WHERE collection_id = ? AND object_id = ? AND version_micros = ? AND op = ?";
  /** op = 'delete' written out, not bound: only then may the planner use the partial index log_entries_deletions. */
  static final String DELETIONS_SQL = "SELECT idx FROM log_entries WHERE collection_id = ? AND op = '"
      + LogLeaf.Op.DELETE.word + "' AND idx > ? AND idx < ? ORDER BY idx LIMIT ?";

  /** Indexes of the {@code delete} leaves of {@code collection} in (after, before), in order, at most {@code limit}. */
  static List<Long> deletions(Connection c, String collection, long after, long before, int limit)
      throws SQLException {
    List<Long> out = new java.util.ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(DELETIONS_SQL)) {
      s.setString(1, collection);
      s.setLong(2, after);
      s.setLong(3, before);
      s.setInt(4, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  static Optional<Long> indexOf(Connection c, String collection, String objectId, long versionMicros, String op)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INDEX_OF_SQL)) {
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

  static boolean isPending(Connection c, String collection, String objectId, long versionMicros, String op)
      throws SQLException {
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

  static long pendingCount(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM log_pending")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The cosignature lines recorded for checkpoint {@code size}, in the order they were added. */
  static List<NoteSignature> cosignatures(Connection c, long size) throws SQLException {
    List<NoteSignature> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT name, key_id, signature FROM log_cosignatures"
        + " WHERE size = ? ORDER BY added_at, name")) {
      s.setLong(1, size);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new NoteSignature(rs.getString(1), (int) rs.getLong(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  /** Records cosignature lines of checkpoint {@code size}; a witness's later line for the same size is ignored. */
  static void addCosignatures(Connection c, long size, List<NoteSignature> lines, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO log_cosignatures"
        + " (size, name, key_id, signature, added_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
        + " (SELECT 1 FROM log_cosignatures WHERE size = ? AND name = ? AND key_id = ?)")) {
      for (NoteSignature line : lines) {
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
