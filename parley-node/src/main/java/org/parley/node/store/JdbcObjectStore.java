package org.parley.node.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.parley.stix.Bytes;
import org.parley.stix.Stix;
import org.parley.stix.StixException;
import org.parley.stix.StixObject;

final class JdbcObjectStore implements ObjectStore {
  private static final String INSERT = "INSERT INTO objects (collection_id, date_added, object_id, type,"
      + " spec_version, version_micros, version_text, tlp, submitter, sha256, json, versioned)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private final Database db;
  private final AppendHook hook;

  JdbcObjectStore(Database db, AppendHook hook) {
    this.db = db;
    this.hook = hook;
  }

  @Override
  public Status append(String collectionId, String submitter, List<Candidate> candidates) throws StoreException {
    ReentrantLock lock = db.writeLock(collectionId);
    lock.lock();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Status status = appendIn(c, collectionId, submitter, candidates);
        c.commit();
        return status;
      } catch (SQLException | StoreException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("append to collection " + collectionId + " failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private Status appendIn(Connection c, String collectionId, String submitter, List<Candidate> candidates)
      throws SQLException, StoreException {
    long requestTime = Micros.of(db.clock().instant());
    long last = lockSequence(c, collectionId);
    Map<String, List<Stored>> existing = existing(c, collectionId, candidates);
    List<Outcome> outcomes = new ArrayList<>(candidates.size());
    List<StoredVersion> rows = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    List<Boolean> versionedFlags = new ArrayList<>();
    for (Candidate cand : candidates) {
      if (cand.object().isEmpty()) {
        outcomes.add(new Outcome(cand.id(), cand.rejectedVersion(), false, cand.rejection()));
        continue;
      }
      StixObject o = cand.object().get();
      String sha = sha256(o.json().toArray());
      OptionalLong version = o.version().map(t -> OptionalLong.of(Micros.of(t.instant()))).orElse(OptionalLong.empty());
      List<Stored> prior = existing.getOrDefault(o.id(), List.of());
      Optional<Stored> same = sameIdentity(prior, version, sha);
      if (same.isEmpty() && version.isEmpty()) {
        same = canonicalTwin(c, collectionId, o, prior);
      }
      if (same.isPresent()) {
        // TAXII 2.1 §4.3.1: the version of an unversioned object is the one the node gave it (its date_added)
        String vText = o.version().map(t -> t.text()).orElse(Micros.format(same.get().versionMicros()));
        // §5.5: an exact duplicate is no error, however it is serialised (compared in RFC 8785 canonical form)
        boolean duplicate = same.get().sha().equals(sha) || canonicallyEqual(c, collectionId, o, same.get().sha());
        outcomes.add(duplicate
            ? new Outcome(Optional.of(o.id()), Optional.of(vText), true, Optional.of("already present"))
            : new Outcome(Optional.of(o.id()), Optional.of(vText), false,
                Optional.of("conflict: a different object with this id and version is already stored")));
        continue;
      }
      if (version.isPresent() && prior.stream().anyMatch(Stored::versioned)
          && prior.stream().filter(Stored::versioned).noneMatch(p -> p.submitter().equals(submitter))) {
        // STIX 2.1 §3.5: only the object creator versions an object; anyone else creates a new object
        outcomes.add(new Outcome(Optional.of(o.id()), Optional.of(o.version().get().text()), false,
            Optional.of("another party shared this object: only it may add versions of it (STIX 2.1 §3.5); share "
                + "a new object instead, e.g. one related to it by derived-from")));
        continue;
      }
      // TAXII 2.1 §3.4.1: date_added, microseconds, strictly increasing within the collection.
      long dateAdded = Math.max(requestTime, last + 1);
      last = dateAdded;
      long vMicros = version.orElse(dateAdded);
      String vText = o.version().map(t -> t.text()).orElse(Micros.format(dateAdded));
      rows.add(new StoredVersion(collectionId, dateAdded, o.id(), o.type(), o.specVersion(), vMicros, vText,
          cand.level(), submitter, o.json()));
      hashes.add(sha);
      versionedFlags.add(version.isPresent());
      existing.computeIfAbsent(o.id(), k -> new ArrayList<>())
          .add(new Stored(version.isPresent(), vMicros, sha, submitter));
      outcomes.add(new Outcome(Optional.of(o.id()), Optional.of(vText), true, Optional.empty()));
    }
    insert(c, rows, hashes, versionedFlags);
    try (PreparedStatement ps = c.prepareStatement("UPDATE collections SET last_date_added = ? WHERE id = ?")) {
      ps.setLong(1, last);
      ps.setString(2, collectionId);
      ps.executeUpdate();
    }
    hook.accepted(c, collectionId, rows);
    Status status = new Status(db.newId().toString(), collectionId, submitter, requestTime, outcomes);
    StatusSql.insert(c, status);
    return status;
  }

  /** A stored version of an object named in the envelope: what a new one is compared with. */
  private record Stored(boolean versioned, long versionMicros, String sha, String submitter) {}

  /**
   * The stored version under the same identity, if any: for a versioned object the same id and version; for an
   * unversioned one (most SCOs) the same id and bytes. Prefers an identical match, so a repeat is a success.
   */
  private static Optional<Stored> sameIdentity(List<Stored> stored, OptionalLong version, String sha) {
    Optional<Stored> found = Optional.empty();
    for (Stored row : stored) {
      boolean match = version.isPresent()
          ? row.versioned() && row.versionMicros() == version.getAsLong() : !row.versioned() && row.sha().equals(sha);
      if (match) {
        if (row.sha().equals(sha)) {
          return Optional.of(row);
        }
        found = Optional.of(row);
      }
    }
    return found;
  }

  /**
   * An unversioned object (most SCOs) stored before in another serialisation — keys reordered, other spacing: equal
   * in RFC 8785 canonical form (TAXII 2.1 §5.5). Matched by raw bytes only, a `pull` then `push` back added a second
   * version and log leaf for every SCO (found by an audit). The latest {@link #MAX_TWINS} unversioned rows are compared.
   */
  private static Optional<Stored> canonicalTwin(Connection c, String collectionId, StixObject o, List<Stored> prior)
      throws SQLException {
    int tried = 0;
    for (int i = prior.size() - 1; i >= 0 && tried < MAX_TWINS; i--) {
      Stored row = prior.get(i);
      if (!row.versioned()) {
        tried++;
        if (canonicallyEqual(c, collectionId, o, row.sha())) {
          return Optional.of(row);
        }
      }
    }
    return Optional.empty();
  }

  private static final int MAX_TWINS = 16;

  /** Whether the stored version with this sha256 is the object in RFC 8785 canonical form (other spacing, key order). */
  private static boolean canonicallyEqual(Connection c, String collectionId, StixObject o, String storedSha)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT json FROM objects WHERE collection_id = ? AND object_id = ? AND sha256 = ?")) {
      ps.setString(1, collectionId);
      ps.setString(2, o.id());
      ps.setString(3, storedSha);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        return Stix.canonicalize(Bytes.copyOf(rs.getBytes(1))).equals(Stix.canonicalize(o.json()));
      }
    } catch (StixException e) {
      return false; // not I-JSON: compare by bytes only
    }
  }

  /** Every stored version (and sha256, submitter) of the envelope's ids, in chunks of bound parameters: one query. */
  private static Map<String, List<Stored>> existing(Connection c, String collectionId, List<Candidate> candidates)
      throws SQLException {
    List<String> ids = candidates.stream().flatMap(x -> x.object().stream()).map(StixObject::id).distinct().toList();
    Map<String, List<Stored>> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      String sql = "SELECT object_id, version_micros, versioned, sha256, submitter FROM objects"
          + " WHERE collection_id = ? AND object_id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, collectionId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            // An unversioned object's version is its date_added: compare by bytes then, never by version.
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new Stored(rs.getInt(3) != 0, rs.getLong(2), rs.getString(4), rs.getString(5)));
          }
        }
      }
    }
    return out;
  }

  private long lockSequence(Connection c, String collectionId) throws SQLException, StoreException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT last_date_added FROM collections WHERE id = ?" + db.dialect().lockRowSuffix)) {
      ps.setString(1, collectionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("no such collection: " + collectionId);
        }
        return rs.getLong(1);
      }
    }
  }

  private static void insert(Connection c, List<StoredVersion> rows, List<String> hashes, List<Boolean> versioned)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int i = 0; i < rows.size(); i++) {
        StoredVersion r = rows.get(i);
        ps.setString(1, r.collectionId());
        ps.setLong(2, r.dateAdded());
        ps.setString(3, r.objectId());
        ps.setString(4, r.type());
        ps.setString(5, r.specVersion());
        ps.setLong(6, r.versionMicros());
        ps.setString(7, r.versionText());
        if (r.level().isPresent()) {
          ps.setInt(8, r.level().get().ordinal());
        } else {
          ps.setNull(8, java.sql.Types.INTEGER);
        }
        ps.setString(9, r.submitter());
        ps.setString(10, hashes.get(i));
        ps.setBytes(11, r.json().toArray());
        ps.setInt(12, versioned.get(i) ? 1 : 0);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Page query(ObjectQuery query) throws StoreException {
    try (Connection c = db.connection(); PreparedStatement ps = QuerySql.select(query).prepare(c);
         ResultSet rs = ps.executeQuery()) {
      List<StoredVersion> rows = new ArrayList<>();
      boolean more = false;
      while (rs.next()) {
        if (rows.size() == query.limit()) {
          more = true;
          break;
        }
        rows.add(QuerySql.row(rs));
      }
      return new Page(rows, more);
    } catch (SQLException e) {
      throw new StoreException("query of collection " + query.collectionId() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Status> status(String id, String party) throws StoreException {
    try (Connection c = db.connection()) {
      return StatusSql.load(c, id).filter(s -> s.party().equals(party));
    } catch (SQLException e) {
      throw new StoreException("reading status failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int delete(String collectionId, Viewer viewer, String objectId, VersionFilter versions,
      List<String> specVersions) throws StoreException {
    ReentrantLock lock = db.writeLock(collectionId);
    lock.lock();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        lockSequence(c, collectionId);
        ObjectQuery q = new ObjectQuery(collectionId, viewer, OptionalLong.empty(), List.of(objectId), List.of(),
            specVersions, versions, OptionalLong.empty(), Integer.MAX_VALUE - 1);
        List<Long> keys = new ArrayList<>();
        List<StoredVersion> deleted = new ArrayList<>();
        try (PreparedStatement ps = QuerySql.select(q).prepare(c); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            keys.add(rs.getLong(2));
            deleted.add(QuerySql.row(rs));
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM objects WHERE collection_id = ? AND date_added = ?")) {
          for (long k : keys) {
            ps.setString(1, collectionId);
            ps.setLong(2, k);
            ps.addBatch();
          }
          if (!keys.isEmpty()) {
            ps.executeBatch();
          }
        }
        if (!deleted.isEmpty()) {
          hook.deleted(c, collectionId, deleted, viewer.party(), Micros.of(db.clock().instant()));
        }
        c.commit();
        return keys.size();
      } catch (SQLException | StoreException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("delete failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
