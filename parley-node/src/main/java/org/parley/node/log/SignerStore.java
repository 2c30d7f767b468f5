package org.parley.node.log;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
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
   * The stored key, or a new one generated from {@code random} and stored when none exists. The first key
   * committed wins: processes starting at once on a new database all end with it, whatever they generated.
   *
   * @param configured the origin the configuration names, if any. Empty adopts the stored origin, or names a new
   *     log {@code parley.invalid/<16 hex>} (from {@code random}); a configured origin that differs from the stored
   *     one is refused, because peers pin a log's origin and key.
   * @throws LogException when the stored key belongs to another origin than the configured one, or is not a
   *     valid key
   */
  static SignerKey loadOrCreate(DataSource data, Optional<String> configured, long now, SecureRandom random)
      throws SQLException, LogException {
    Optional<String[]> stored = read(data);
    if (stored.isEmpty()) {
      SignerKey fresh = SignerKey.generate(configured.orElseGet(() -> generatedOrigin(random)), random);
      try (Connection c = data.getConnection();
          PreparedStatement s = c.prepareStatement("INSERT INTO log_signer (id, origin, skey, created_at)"
              + " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) { // another process's row 1 wins
        s.setString(1, fresh.name());
        s.setString(2, fresh.encodeSecret());
        s.setLong(3, now);
        s.executeUpdate();
      }
      stored = read(data);
    }
    String[] row = stored.orElseThrow(() -> new LogException("log_signer: no key after creating one"));
    SignerKey key;
    try {
      key = SignerKey.parse(row[1]);
    } catch (ProofException e) {
      throw new LogException("log_signer: the stored signing key is malformed", e);
    }
    if (!key.name().equals(row[0])) {
      throw new LogException("log_signer: the stored key is named " + LogLeaf.quote(key.name()) + ", the stored origin"
          + " is " + LogLeaf.quote(row[0]) + "; the database was altered");
    }
    if (configured.isPresent() && !configured.get().equals(key.name())) {
      // The key name is a valid C2SP key name (no space, '+' or control character), so it is shown as it is.
      throw new LogException("this log was created with origin " + key.name() + ", and a log's origin never changes"
          + " (peers pin it): start without --log-origin, or with --log-origin " + key.name() + " (this start names "
          + LogLeaf.quote(configured.get()) + ")");
    }
    return key;
  }

  /** A new log's origin when the configuration names none: unique, and plainly not a real host name. */
  static String generatedOrigin(SecureRandom random) {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return "parley.invalid/" + HexFormat.of().formatHex(b);
  }

  /** The stored origin only; empty when the log has never started. */
  /**
   * Replaces the signing key inside the caller's transaction {@code tx} (a log started again under a new origin:
   * {@link LogRestart}); the old key goes with the old log.
   */
  static void replace(Connection tx, SignerKey key, long now) throws SQLException {
    try (Statement s = tx.createStatement()) {
      s.executeUpdate("DELETE FROM log_signer");
    }
    try (PreparedStatement s = tx.prepareStatement(
        "INSERT INTO log_signer (id, origin, skey, created_at) VALUES (1, ?, ?, ?)")) {
      s.setString(1, key.name());
      s.setString(2, key.encodeSecret());
      s.setLong(3, now);
      s.executeUpdate();
    }
  }

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
