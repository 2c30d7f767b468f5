package org.parley.node.federation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.node.store.ConnectionPools;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignerKey;
import org.parley.tlog.VerifierKey;

/**
 * The federation's durable state in the node's database. Every method MUST be durable on return; the static
 * methods taking a {@link Connection} write inside a caller's transaction (the store's single write path) and
 * MUST NOT commit it.
 */
final class FederationStore implements AutoCloseable {
  private final HikariDataSource data;

  private FederationStore(HikariDataSource data) {
    this.data = data;
  }

  static FederationStore open(String jdbcUrl) throws FederationException {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName("parley-federation");
    cfg.setMaximumPoolSize(3);
    HikariDataSource data;
    try {
      // SQLite: the node's settings (ConnectionPools); the witness's state must be durable before its cosignature
      // leaves (C2SP tlog-witness), which synchronous=FULL gives.
      data = ConnectionPools.open(cfg);
    } catch (RuntimeException e) {
      throw new FederationException("cannot open the federation's connections: " + e.getMessage(), e);
    }
    try (Connection c = data.getConnection()) {
      FederationSchema.apply(c);
    } catch (SQLException | RuntimeException e) {
      data.close();
      throw new FederationException("cannot create the federation tables: " + e.getMessage(), e);
    }
    return new FederationStore(data);
  }

  Connection connection() throws SQLException {
    return data.getConnection();
  }

  // --- peers ---

  /**
   * Adds a peer, or replaces the one of that name. A peer replaced under another log key runs another log (its log
   * was started again, docs/design/log.md): the leaf indices kept for it — its deletion cursors, and the add leaf
   * each held copy stands on (provenance) — name leaves of the retired log, and would skip the new log's deletions
   * at lower indices; they go in the same transaction.
   */
  void addPeer(Peer p, long nowMicros) throws FederationException {
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement was = c.prepareStatement("SELECT log_vkey FROM fed_peer WHERE name = ?");
          PreparedStatement put = c.prepareStatement("INSERT INTO fed_peer (name, url, token, log_vkey, witness_vkey,"
              + " added_micros) VALUES (?,?,?,?,?,?) ON CONFLICT (name) DO UPDATE SET url = excluded.url,"
              + " token = excluded.token, log_vkey = excluded.log_vkey, witness_vkey = excluded.witness_vkey")) {
        bind(was, p.name());
        Optional<String> before;
        try (ResultSet rs = was.executeQuery()) {
          before = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
        bind(put, p.name(), p.url().toString(), p.token(), p.logKey().encode(),
            p.witnessKey().map(VerifierKey::encode).orElse(null), nowMicros);
        put.executeUpdate();
        if (before.isPresent() && !before.get().equals(p.logKey().encode())) {
          try (PreparedStatement cursors = c.prepareStatement(
                  "DELETE FROM fed_cursor WHERE peer = ? AND remote_collection LIKE ?");
              PreparedStatement provenance = c.prepareStatement("DELETE FROM fed_provenance WHERE origin_party = ?")) {
            bind(cursors, p.name(), "%" + PeerDeletions.CURSOR);
            cursors.executeUpdate();
            bind(provenance, p.name());
            provenance.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new FederationException("cannot store peer " + p.name() + ": " + e.getMessage(), e);
    }
  }

  /** Removes a peer and the token it issued to this node; true when there was one of that name. */
  boolean removePeer(String name) throws FederationException {
    return update("DELETE FROM fed_peer WHERE name = ?", name) > 0;
  }

  List<Peer> peers() throws FederationException {
    List<Peer> out = new ArrayList<>();
    try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT name, url, token, log_vkey, witness_vkey FROM fed_peer ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String w = rs.getString(5);
        out.add(new Peer(rs.getString(1), URI.create(rs.getString(2)), rs.getString(3),
            VerifierKey.parse(rs.getString(4)), w == null ? Optional.empty() : Optional.of(VerifierKey.parse(w))));
      }
      return out;
    } catch (SQLException | ProofException e) {
      throw new FederationException("cannot read peers: " + e.getMessage(), e);
    }
  }

  // --- pull cursors, mirrors, provenance ---

  Optional<String> cursor(String peer, String remoteCollection) throws FederationException {
    return text("SELECT added_after FROM fed_cursor WHERE peer = ? AND remote_collection = ?", peer,
        remoteCollection);
  }

  static void setCursor(Connection c, String peer, String remoteCollection, String addedAfter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO fed_cursor (peer, remote_collection, added_after)"
        + " VALUES (?,?,?) ON CONFLICT (peer, remote_collection) DO UPDATE SET added_after = excluded.added_after")) {
      ps.setString(1, peer);
      ps.setString(2, remoteCollection);
      ps.setString(3, addedAfter);
      ps.executeUpdate();
    }
  }

  void setCursor(String peer, String remoteCollection, String addedAfter) throws FederationException {
    try (Connection c = data.getConnection()) {
      setCursor(c, peer, remoteCollection, addedAfter);
    } catch (SQLException e) {
      throw new FederationException("cannot store cursor: " + e.getMessage(), e);
    }
  }

  Optional<String> mirror(String peer, String remoteCollection, boolean restricted) throws FederationException {
    return text("SELECT local_collection FROM fed_mirror WHERE peer = ? AND remote_collection = ? AND restricted = ?",
        peer, remoteCollection, restricted ? 1L : 0L);
  }

  /**
   * Records the local collection made for a peer collection, for {@code self} as its member; false, recording
   * nothing, when {@code self} is no longer this node's own party (changed meanwhile). One statement, as is
   * {@link #changeSelf}: on SQLite (one writer at a time) the two never both succeed on a stale view of each
   * other; on PostgreSQL under READ COMMITTED they could, in the instant of a first pull.
   */
  boolean putMirror(String peer, String remoteCollection, boolean restricted, String local, String self)
      throws FederationException {
    return update("INSERT INTO fed_mirror (peer, remote_collection, restricted, local_collection) SELECT ?,?,?,?"
        + " WHERE EXISTS (SELECT 1 FROM fed_setting WHERE name = ? AND value = ?)",
        peer, remoteCollection, restricted ? 1L : 0L, local, Federation.SELF, self) > 0;
  }

  /** Every local collection made so far for a peer's objects. */
  List<Mirror> mirrors() throws FederationException {
    List<Mirror> out = new ArrayList<>();
    try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT local_collection, peer, remote_collection, restricted FROM fed_mirror ORDER BY local_collection");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Mirror(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4) != 0));
      }
      return out;
    } catch (SQLException e) {
      throw new FederationException("cannot read the collections made for peers' objects: " + e.getMessage(), e);
    }
  }

  /** The local collections made so far for a peer's objects ({@code null}: for any peer's). */
  long mirrorCount(String peer) throws FederationException {
    return Long.parseLong(text(peer == null ? "SELECT CAST(COUNT(*) AS TEXT) FROM fed_mirror"
        : "SELECT CAST(COUNT(*) AS TEXT) FROM fed_mirror WHERE peer = ?",
        peer == null ? new Object[0] : new Object[] {peer}).orElse("0"));
  }

  static void insertProvenance(Connection c, Provenance p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO fed_provenance (local_collection, object_id,"
        + " version, origin_party, origin_collection, origin_leaf_index, origin_tree_size) VALUES (?,?,?,?,?,?,?)"
        // a later add of the same version (the origin deleted it, then shared it again) is where the copy now
        // comes from: a deletion leaf between the two must not remove it
        + " ON CONFLICT (local_collection, object_id, version) DO UPDATE SET origin_leaf_index ="
        + " excluded.origin_leaf_index, origin_tree_size = excluded.origin_tree_size"
        + " WHERE excluded.origin_leaf_index > fed_provenance.origin_leaf_index")) {
      ps.setString(1, p.localCollection());
      ps.setString(2, p.objectId());
      ps.setString(3, p.version());
      ps.setString(4, p.originParty());
      ps.setString(5, p.originCollection());
      ps.setLong(6, p.originLeafIndex());
      ps.setLong(7, p.originTreeSize());
      ps.executeUpdate();
    }
  }

  /** Where a stored object version came from; empty when it was not pulled from a peer. */
  Optional<Provenance> provenance(String localCollection, String objectId, String version)
      throws FederationException {
    try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT origin_party, origin_collection, origin_leaf_index, origin_tree_size FROM fed_provenance"
            + " WHERE local_collection = ? AND object_id = ? AND version = ?")) {
      ps.setString(1, localCollection);
      ps.setString(2, objectId);
      ps.setString(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Provenance(localCollection, objectId, version, rs.getString(1),
            rs.getString(2), rs.getLong(3), rs.getLong(4))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new FederationException("cannot read provenance: " + e.getMessage(), e);
    }
  }

  // --- log-owner side: witnesses' progress and collected cosignatures ---

  long witnessProgress(String peer) throws FederationException {
    return text("SELECT CAST(size AS TEXT) FROM fed_witness_progress WHERE peer = ?", peer).map(Long::parseLong)
        .orElse(0L);
  }

  void setWitnessProgress(String peer, long size) throws FederationException {
    update("INSERT INTO fed_witness_progress (peer, size) VALUES (?,?)"
        + " ON CONFLICT (peer) DO UPDATE SET size = excluded.size", peer, size);
  }

  /** Keeps, for one size, the note with the most cosignatures seen. */
  void putCosigned(long size, String note, int cosignatures) throws FederationException {
    update("INSERT INTO fed_cosigned (size, note, cosignatures) VALUES (?,?,?) ON CONFLICT (size) DO UPDATE"
        + " SET note = excluded.note, cosignatures = excluded.cosignatures"
        + " WHERE excluded.cosignatures >= fed_cosigned.cosignatures", size, note, (long) cosignatures);
  }

  /** The largest checkpoint carrying at least {@code min} cosignatures. */
  Optional<String> latestCosigned(int min) throws FederationException {
    return text("SELECT note FROM fed_cosigned WHERE cosignatures >= ? ORDER BY size DESC LIMIT 1", (long) min);
  }

  Optional<String> cosigned(long size) throws FederationException {
    return text("SELECT note FROM fed_cosigned WHERE size = ?", size);
  }

  // --- witness side ---

  /** The witness key named {@code name}, generated from {@code random} and stored on first use. */
  SignerKey witnessKey(String name, SecureRandom random) throws FederationException {
    Optional<String> secret = text("SELECT secret FROM fed_key WHERE name = ?", name);
    if (secret.isEmpty()) {
      update("INSERT INTO fed_key (name, secret) VALUES (?,?) ON CONFLICT (name) DO NOTHING", name,
          SignerKey.generate(name, random).encodeSecret());
      secret = text("SELECT secret FROM fed_key WHERE name = ?", name);
    }
    try {
      return SignerKey.parse(secret.orElseThrow());
    } catch (ProofException e) {
      throw new FederationException("stored witness key does not parse: " + e.rule(), e);
    }
  }

  void setWitnessedNote(String origin, String note) throws FederationException {
    update("UPDATE fed_witness_state SET note = ? WHERE origin = ?", note, origin);
  }

  /** Whether {@code table} exists (names as created: lower case, which PostgreSQL folds to and SQLite keeps). */
  static boolean exists(java.sql.Connection c, String table) throws java.sql.SQLException {
    try (java.sql.ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  Optional<String> witnessedNote(String origin) throws FederationException {
    return text("SELECT note FROM fed_witness_state WHERE origin = ? AND note IS NOT NULL", origin);
  }

  /** A setting set once: returns the stored value, storing {@code value} if none was. */
  String settingOrInit(String name, String value) throws FederationException {
    update("INSERT INTO fed_setting (name, value) VALUES (?,?) ON CONFLICT (name) DO NOTHING", name, value);
    return text("SELECT value FROM fed_setting WHERE name = ?", name).orElseThrow();
  }

  /**
   * Sets this node's own party name, or changes it while no collection has been made for peers' objects yet
   * (their member is the name in force then). One conditional statement, paired with {@link #putMirror}. False
   * when refused.
   */
  boolean changeSelf(String name) throws FederationException {
    return update("INSERT INTO fed_setting (name, value) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM fed_mirror)"
        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value", Federation.SELF, name) > 0;
  }

  void setSetting(String name, String value) throws FederationException {
    update("INSERT INTO fed_setting (name, value) VALUES (?,?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        name, value);
  }

  Optional<String> setting(String name) throws FederationException {
    return text("SELECT value FROM fed_setting WHERE name = ?", name);
  }

  /** The policy stored by {@code parley peer policy}, else {@code fallback}. */
  CosignaturePolicy policy(CosignaturePolicy fallback) throws FederationException {
    boolean own = setting("policy_require_own").map(Boolean::parseBoolean).orElse(fallback.requireOwn());
    java.util.OptionalInt extra = setting("policy_extra_witnesses")
        .map(v -> v.equals("auto") ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(v)))
        .orElse(fallback.extraWitnesses());
    return new CosignaturePolicy(own, extra);
  }

  void setPolicy(CosignaturePolicy p) throws FederationException {
    setSetting("policy_require_own", Boolean.toString(p.requireOwn()));
    setSetting("policy_extra_witnesses", p.extraWitnesses().isPresent()
        ? Integer.toString(p.extraWitnesses().getAsInt()) : "auto");
  }

  // --- helpers ---

  Optional<String> text(String sql, Object... args) throws FederationException {
    try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new FederationException("federation read failed: " + e.getMessage(), e);
    }
  }

  int update(String sql, Object... args) throws FederationException {
    try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new FederationException("federation write failed: " + e.getMessage(), e);
    }
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (args[i] == null) {
        ps.setNull(i + 1, java.sql.Types.VARCHAR);
      } else {
        ps.setString(i + 1, args[i].toString());
      }
    }
  }

  @Override
  public void close() {
    data.close();
  }
}
