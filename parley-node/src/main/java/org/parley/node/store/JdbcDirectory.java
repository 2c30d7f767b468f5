package org.parley.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;

final class JdbcDirectory implements Directory {
  private static final String DIRECTORY_LOCK = "\u0000directory";
  private final Database db;

  JdbcDirectory(Database db) {
    this.db = db;
  }

  private interface Tx<T> {
    T run(Connection c) throws SQLException, StoreException;
  }

  private <T> T write(String what, Tx<T> body) throws StoreException {
    ReentrantLock lock = db.writeLock(DIRECTORY_LOCK);
    lock.lock();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        T result = body.run(c);
        c.commit();
        db.directoryCache().clear();
        return result;
      } catch (SQLException | StoreException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private <T> T read(String what, Tx<T> body) throws StoreException {
    try (Connection c = db.connection()) {
      return body.run(c);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  private long now() {
    return Micros.of(db.clock().instant());
  }

  @Override
  public void addParty(String name) throws StoreException {
    write("add party", c -> {
      if (partyExists(c, name)) {
        throw new StoreException("party already exists: " + name);
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO parties (name, created_at) VALUES (?, ?)")) {
        ps.setString(1, name);
        ps.setLong(2, now());
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static boolean partyExists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM parties WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public List<String> parties() throws StoreException {
    return read("list parties", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM parties ORDER BY name");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Override
  public List<PartyInfo> partyInfos() throws StoreException {
    return read("list parties", c -> {
      List<PartyInfo> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT p.name, p.created_at, COUNT(t.hash) FROM parties p"
          + " LEFT JOIN tokens t ON t.party = p.name AND t.revoked = 0 AND (t.expires_at IS NULL OR t.expires_at > ?)"
          + " GROUP BY p.name, p.created_at ORDER BY p.name")) {
        ps.setLong(1, now());
        try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PartyInfo(rs.getString(1), Micros.toInstant(rs.getLong(2)), rs.getInt(3)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public void addTokenHash(String party, String tokenHash, Optional<java.time.Instant> expires)
      throws StoreException {
    write("issue token", c -> {
      if (!partyExists(c, party)) {
        throw new StoreException("no such party: " + party);
      }
      long now = now();
      if (expires.isPresent() && Micros.of(expires.get()) <= now) {
        throw new StoreException("a token that expires at " + expires.get() + " would be expired already");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO tokens (hash, party, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, tokenHash);
        ps.setString(2, party);
        ps.setLong(3, now);
        if (expires.isPresent()) {
          ps.setLong(4, Micros.of(expires.get()));
        } else {
          ps.setNull(4, java.sql.Types.BIGINT);
        }
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public int revokeTokens(String party, Optional<String> tokenHash) throws StoreException {
    return write("revoke tokens", c -> {
      if (!partyExists(c, party)) {
        throw new StoreException("no such party: " + party);
      }
      String only = tokenHash.isPresent() ? " AND hash = ?" : "";
      int n;
      try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET revoked = 1 WHERE party = ? AND revoked = 0"
          + only)) {
        ps.setString(1, party);
        if (tokenHash.isPresent()) {
          ps.setString(2, tokenHash.get());
        }
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_sessions WHERE party = ?"
          + (tokenHash.isPresent() ? " AND token_hash = ?" : ""))) { // what those tokens opened ends with them
        ps.setString(1, party);
        if (tokenHash.isPresent()) {
          ps.setString(2, tokenHash.get());
        }
        ps.executeUpdate();
      }
      return n;
    });
  }

  @Override
  public Optional<String> partyOfTokenHash(String tokenHash) throws StoreException {
    Optional<String> cached = db.directoryCache().party(tokenHash);
    if (cached.isPresent()) {
      return cached;
    }
    long now = now();
    Optional<String> found = read("look up token", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT party, expires_at FROM tokens WHERE hash = ?"
          + " AND revoked = 0 AND (expires_at IS NULL OR expires_at > ?)")) {
        ps.setString(1, tokenHash);
        ps.setLong(2, now);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          String party = rs.getString(1);
          long expires = rs.getLong(2);
          // cached no longer than the token lives: it ends on time, not when the cache entry would
          db.directoryCache().putParty(tokenHash, party,
              rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(expires)));
          return Optional.of(party);
        }
      }
    });
    return found;
  }

  @Override
  public String addCollection(String title, Optional<String> description, SharingAgreement agreement)
      throws StoreException {
    String id = db.newId().toString();
    return write("add collection", c -> {
      for (Member m : agreement.members()) {
        if (!partyExists(c, m.party())) {
          throw new StoreException("no such party: " + m.party());
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO collections (id, title, description,"
          + " unmarked_as, last_date_added, created_at) VALUES (?, ?, ?, ?, 0, ?)")) {
        ps.setString(1, id);
        ps.setString(2, title);
        ps.setString(3, description.orElse(null));
        ps.setInt(4, agreement.unmarkedAs().ordinal());
        ps.setLong(5, now());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(INSERT_MEMBER)) {
        for (Member m : agreement.members()) {
          bindMember(ps, id, m);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return id;
    });
  }

  private static final String INSERT_MEMBER = "INSERT INTO members (collection_id, party, can_read, can_write,"
      + " can_admin, ceiling) VALUES (?, ?, ?, ?, ?, ?)";

  private static void bindMember(PreparedStatement ps, String collectionId, Member m) throws SQLException {
    ps.setString(1, collectionId);
    ps.setString(2, m.party());
    ps.setInt(3, m.has(Role.READ) ? 1 : 0);
    ps.setInt(4, m.has(Role.WRITE) ? 1 : 0);
    ps.setInt(5, m.has(Role.ADMIN) ? 1 : 0);
    ps.setInt(6, m.ceiling().ordinal());
  }

  @Override
  public Optional<Member> setMember(String collectionId, Member member) throws StoreException {
    return setMember(collectionId, member.party(), was -> member);
  }

  @Override
  public Optional<Member> setRoles(String collectionId, String party, Set<Role> roles, Tlp newMemberCeiling)
      throws StoreException {
    return setMember(collectionId, party,
        was -> new Member(party, roles, was.map(Member::ceiling).orElse(newMemberCeiling)));
  }

  /** Writes the place {@code next} makes of the party's current one, both under the collection's lock. */
  private Optional<Member> setMember(String collectionId, String party, Function<Optional<Member>, Member> next)
      throws StoreException {
    return write("set member", c -> {
      List<Member> members = lockedMembers(c, collectionId);
      if (!partyExists(c, party)) {
        throw new StoreException("no such party: " + party);
      }
      Optional<Member> before = members.stream().filter(m -> m.party().equals(party)).findFirst();
      try (PreparedStatement ps = c.prepareStatement(INSERT_MEMBER + " ON CONFLICT (collection_id, party) DO UPDATE"
          + " SET can_read = excluded.can_read, can_write = excluded.can_write, can_admin = excluded.can_admin,"
          + " ceiling = excluded.ceiling")) {
        bindMember(ps, collectionId, next.apply(before));
        ps.executeUpdate();
      }
      return before;
    });
  }

  @Override
  public Member removeMember(String collectionId, String party, boolean evenIfLast) throws StoreException {
    return write("remove member", c -> {
      List<Member> before = lockedMembers(c, collectionId);
      Member gone = before.stream().filter(m -> m.party().equals(party)).findFirst().orElseThrow(() ->
          new StoreException(party + " is not a member of collection " + collectionId));
      if (before.size() == 1 && !evenIfLast) {
        throw new StoreException(party + " is the last member of collection " + collectionId
            + ": without members it is served to no party (remove it anyway with the CLI's --force; its objects stay)");
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM members WHERE collection_id = ? AND party = ?")) {
        ps.setString(1, collectionId);
        ps.setString(2, party);
        ps.executeUpdate();
      }
      return gone;
    });
  }

  /**
   * The collection's members, read under its row lock (PostgreSQL; SQLite has one writer at a time), so that two
   * processes changing one collection's members take turns: two removals could otherwise each leave the other's
   * member as the last one, and both succeed. Throws when there is no such collection.
   */
  private List<Member> lockedMembers(Connection c, String collectionId) throws SQLException, StoreException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM collections WHERE id = ?"
        + db.dialect().lockRowSuffix)) {
      ps.setString(1, collectionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("no such collection: " + collectionId);
        }
      }
    }
    return members(c, collectionId);
  }

  @Override
  public Optional<CollectionInfo> collection(String id) throws StoreException {
    Optional<CollectionInfo> cached = db.directoryCache().collection(id);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<CollectionInfo> found = read("read collection", c -> load(c, Optional.of(id)).stream().findFirst());
    found.ifPresent(info -> db.directoryCache().putCollection(id, info));
    return found;
  }

  @Override
  public List<CollectionInfo> collections() throws StoreException {
    return read("list collections", c -> load(c, Optional.empty()));
  }

  private static List<CollectionInfo> load(Connection c, Optional<String> only) throws SQLException {
    String where = only.isPresent() ? " WHERE id = ?" : "";
    List<String[]> heads = new ArrayList<>();
    List<Integer> unmarked = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, title, description, unmarked_as FROM collections" + where + " ORDER BY created_at, id")) {
      if (only.isPresent()) {
        ps.setString(1, only.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          heads.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
          unmarked.add(rs.getInt(4));
        }
      }
    }
    List<CollectionInfo> out = new ArrayList<>();
    for (int i = 0; i < heads.size(); i++) {
      String[] h = heads.get(i);
      out.add(new CollectionInfo(h[0], h[1], Optional.ofNullable(h[2]),
          new SharingAgreement(members(c, h[0]), Tlp.values()[unmarked.get(i)])));
    }
    return out;
  }

  private static List<Member> members(Connection c, String collectionId) throws SQLException {
    List<Member> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT party, can_read, can_write, can_admin, ceiling"
        + " FROM members WHERE collection_id = ? ORDER BY party")) {
      ps.setString(1, collectionId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EnumSet<Role> roles = EnumSet.noneOf(Role.class);
          if (rs.getInt(2) != 0) {
            roles.add(Role.READ);
          }
          if (rs.getInt(3) != 0) {
            roles.add(Role.WRITE);
          }
          if (rs.getInt(4) != 0) {
            roles.add(Role.ADMIN);
          }
          out.add(new Member(rs.getString(1), roles, Tlp.values()[rs.getInt(5)]));
        }
      }
    }
    return out;
  }

  @Override
  public String settingOrInit(String name, String value) throws StoreException {
    return write("read setting", c -> {
      try (PreparedStatement ps =
               c.prepareStatement("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
        ps.setString(1, name);
        ps.setString(2, value);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }
}
