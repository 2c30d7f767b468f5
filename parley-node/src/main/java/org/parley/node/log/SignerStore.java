package org.parley.node.log;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignerKey;

/**
 * The log's one Ed25519 signing key, kept in the database (row {@code log_signer.id = 1}) so that every node
 * process of one party signs with the same key, and generated on first start. The key's name is the log's
 * origin (C2SP tlog-checkpoint: the origin identifies the log; Go sumdb/note: the key name).
 */
final class SignerStore {
  private SignerStore() {}

  /**
   * The stored key, or a new one generated from {@code random} and stored when none exists. Two processes
   * starting at once both end with the first key committed.
   *
   * @throws LogException when the stored key belongs to another origin, or is not a valid key
   */
  static SignerKey loadOrCreate(DataSource data, String origin, long now, SecureRandom random)
      throws SQLException, LogException {
    Optional<String[]> stored = read(data);
    if (stored.isEmpty()) {
      SignerKey fresh = SignerKey.generate(origin, random);
      try (Connection c = data.getConnection();
          PreparedStatement s = c.prepareStatement("INSERT INTO log_signer (id, origin, skey, created_at)"
              + " SELECT 1, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM log_signer WHERE id = 1)")) {
        s.setString(1, origin);
        s.setString(2, fresh.encodeSecret());
        s.setLong(3, now);
        s.executeUpdate();
      } catch (SQLException raced) {
        // Another process inserted row 1 between our read and our insert: its key wins.
      }
      stored = read(data);
    }
    String[] row = stored.orElseThrow(() -> new LogException("log_signer: no key after creating one"));
    if (!row[0].equals(origin)) {
      throw new LogException("log origin: this database's log is " + LogLeaf.quote(row[0])
          + ", the configuration names " + LogLeaf.quote(origin) + "; a log's origin never changes");
    }
    try {
      return SignerKey.parse(row[1]);
    } catch (ProofException e) {
      throw new LogException("log_signer: the stored signing key is malformed", e);
    }
  }

  /** The stored origin only; empty when the log has never started. */
  static Optional<String> origin(DataSource data) throws SQLException {
    return read(data).map(row -> row[0]);
  }

  private static Optional<String[]> read(DataSource data) throws SQLException {
    try (Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT origin, skey FROM log_signer WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
    }
  }
}
