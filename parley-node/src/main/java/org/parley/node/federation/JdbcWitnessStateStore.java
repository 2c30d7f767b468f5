package org.parley.node.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.parley.tlog.Hash;
import org.parley.tlog.WitnessState;
import org.parley.tlog.WitnessStateStore;

/**
 * The witness's memory in the node's database. Compare-and-set is one conditional UPDATE (or an INSERT that
 * the primary key refuses when a state already exists), so a check and its write are atomic even with several
 * node processes; the commit returns only once durable (SQLite synchronous=FULL, PostgreSQL commit).
 */
final class JdbcWitnessStateStore implements WitnessStateStore {
  private final FederationStore store;

  JdbcWitnessStateStore(FederationStore store) {
    this(store, Optional.empty());
  }

  /**
   * A store whose successful compare-and-set also records {@code note}, the signed checkpoint being cosigned, in the
   * same statement: written after it, a crash in between left the state moved on without the peer's signed note
   * that later fork evidence quotes.
   */
  JdbcWitnessStateStore(FederationStore store, Optional<String> note) {
    this.store = store;
    this.note = note;
  }

  private final Optional<String> note;

  @Override
  public Optional<WitnessState> latest(String origin) {
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT size, root FROM fed_witness_state WHERE origin = ?")) {
      ps.setString(1, origin);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new WitnessState(origin, rs.getLong(1), Hash.fromHex(rs.getString(2))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("witness state unreadable: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean compareAndSet(String origin, Optional<WitnessState> expected, WitnessState next) {
    if (!next.origin().equals(origin) || expected.isPresent() && next.size() < expected.get().size()) {
      return false;
    }
    try (Connection c = store.connection()) {
      if (expected.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fed_witness_state (origin, size, root, note)"
            + " VALUES (?,?,?,?) ON CONFLICT (origin) DO NOTHING")) {
          ps.setString(1, origin);
          ps.setLong(2, next.size());
          ps.setString(3, next.root().hex());
          ps.setString(4, note.orElse(null));
          return ps.executeUpdate() == 1;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE fed_witness_state SET size = ?, root = ?, note = ?"
          + " WHERE origin = ? AND size = ? AND root = ?")) {
        ps.setLong(1, next.size());
        ps.setString(2, next.root().hex());
        ps.setString(3, note.orElse(null));
        ps.setString(4, origin);
        ps.setLong(5, expected.get().size());
        ps.setString(6, expected.get().root().hex());
        return ps.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      // Not durable, so not stored: the witness must not cosign.
      return false;
    }
  }
}
