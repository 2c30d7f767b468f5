package org.parley.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Status resources, written in the append transaction so a reported success is never ahead of the data. */
final class StatusSql {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusSql() {}

  static void insert(Connection c, Status s) throws SQLException {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Outcome o : s.outcomes()) {
      ObjectNode n = a.addObject();
      o.id().ifPresent(v -> n.put("id", v));
      o.version().ifPresent(v -> n.put("version", v));
      n.put("ok", o.success());
      o.message().ifPresent(v -> n.put("message", v));
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO statuses (id, collection_id, party,"
        + " request_timestamp, total, outcomes) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.id());
      ps.setString(2, s.collectionId());
      ps.setString(3, s.party());
      ps.setLong(4, s.requestTimestamp());
      ps.setInt(5, s.outcomes().size());
      ps.setBytes(6, JSON.writeValueAsBytes(a));
      ps.executeUpdate();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static Optional<Status> load(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT collection_id, party, request_timestamp, outcomes FROM statuses WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode n : JSON.readTree(rs.getBytes(4))) {
          outcomes.add(new Outcome(text(n, "id"), text(n, "version"), n.path("ok").asBoolean(), text(n, "message")));
        }
        return Optional.of(new Status(id, rs.getString(1), rs.getString(2), rs.getLong(3), outcomes));
      } catch (IOException e) {
        throw new SQLException("stored status " + id + " is not readable JSON", e);
      }
    }
  }

  private static Optional<String> text(JsonNode n, String field) {
    return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
  }
}
