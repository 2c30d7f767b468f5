package org.parley.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link SessionStore} over the node's database (table {@code console_sessions}, migration step 2). */
final class JdbcSessionStore implements SessionStore {
  private final Database db;

  JdbcSessionStore(Database db) {
    this.db = db;
  }

  private interface Statement<T> {
    T run(PreparedStatement s) throws SQLException;
  }

  private <T> T run(String what, String sql, Statement<T> body) throws StoreException {
    try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      return body.run(s); // one statement in auto-commit: durable on return (SQLite synchronous=FULL)
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void insert(StoredSession x) throws StoreException {
    run("store a console session", "INSERT INTO console_sessions (id_hash, party, csrf, created_at, last_seen,"
        + " token_hash) VALUES (?, ?, ?, ?, ?, ?)", s -> {
          s.setString(1, x.idHash());
          s.setString(2, x.party());
          s.setString(3, x.csrf());
          s.setLong(4, x.createdMicros());
          s.setLong(5, x.lastSeenMicros());
          s.setString(6, x.tokenHash().orElse(null));
          return s.executeUpdate();
        });
  }

  @Override
  public Optional<StoredSession> find(String idHash) throws StoreException {
    return run("read a console session", "SELECT party, csrf, created_at, last_seen, token_hash FROM"
        + " console_sessions WHERE id_hash = ?", s -> {
          s.setString(1, idHash);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new StoredSession(idHash, rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getLong(4), Optional.ofNullable(rs.getString(5)))) : Optional.empty();
          }
        });
  }

  @Override
  public void touch(String idHash, long lastSeenMicros) throws StoreException {
    run("touch a console session", "UPDATE console_sessions SET last_seen = ? WHERE id_hash = ? AND last_seen < ?",
        s -> {
          s.setLong(1, lastSeenMicros);
          s.setString(2, idHash);
          s.setLong(3, lastSeenMicros);
          return s.executeUpdate();
        });
  }

  @Override
  public void remove(String idHash) throws StoreException {
    run("remove a console session", "DELETE FROM console_sessions WHERE id_hash = ?", s -> {
      s.setString(1, idHash);
      return s.executeUpdate();
    });
  }

  @Override
  public int trimParty(String party, int keep) throws StoreException {
    return run("trim a party's console sessions", "DELETE FROM console_sessions WHERE party = ? AND id_hash NOT IN"
        + " (SELECT id_hash FROM console_sessions WHERE party = ? ORDER BY created_at DESC, id_hash LIMIT ?)", s -> {
          s.setString(1, party);
          s.setString(2, party);
          s.setInt(3, keep);
          return s.executeUpdate();
        });
  }

  @Override
  public int count() throws StoreException {
    return run("count console sessions", "SELECT COUNT(*) FROM console_sessions", s -> {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Override
  public int removeExpired(long idleBefore, long createdBefore) throws StoreException {
    return run("sweep console sessions", "DELETE FROM console_sessions WHERE last_seen < ? OR created_at < ?", s -> {
      s.setLong(1, idleBefore);
      s.setLong(2, createdBefore);
      return s.executeUpdate();
    });
  }
}
