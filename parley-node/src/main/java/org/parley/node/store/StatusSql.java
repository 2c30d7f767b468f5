package org.parley.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Status resources, written in the append transaction so a reported success is never ahead of the data. */
final class StatusSql {
  private StatusSql() {}

  static void insert(Connection c, Status s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO statuses (id, collection_id, party,"
        + " request_timestamp, total) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, s.id());
      ps.setString(2, s.collectionId());
      ps.setString(3, s.party());
      ps.setLong(4, s.requestTimestamp());
      ps.setInt(5, s.outcomes().size());
      ps.executeUpdate();
    }
    if (s.outcomes().isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO status_items (status_id, idx, object_id, version,"
        + " ok, message) VALUES (?, ?, ?, ?, ?, ?)")) {
      int i = 0;
      for (Outcome o : s.outcomes()) {
        ps.setString(1, s.id());
        ps.setInt(2, i++);
        ps.setString(3, o.id().orElse(null));
        ps.setString(4, o.version().orElse(null));
        ps.setInt(5, o.success() ? 1 : 0);
        ps.setString(6, o.message().orElse(null));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static Optional<Status> load(Connection c, String id) throws SQLException {
    String collection;
    String party;
    long requested;
    try (PreparedStatement ps =
             c.prepareStatement("SELECT collection_id, party, request_timestamp FROM statuses WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        collection = rs.getString(1);
        party = rs.getString(2);
        requested = rs.getLong(3);
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT object_id, version, ok, message FROM status_items WHERE status_id = ? ORDER BY idx")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outcomes.add(new Outcome(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
              rs.getInt(3) != 0, Optional.ofNullable(rs.getString(4))));
        }
      }
    }
    return Optional.of(new Status(id, collection, party, requested, outcomes));
  }
}
