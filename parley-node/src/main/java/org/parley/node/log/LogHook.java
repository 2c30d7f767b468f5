package org.parley.node.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.parley.node.store.AppendHook;
import org.parley.node.store.Micros;
import org.parley.node.store.StoredVersion;
import org.parley.stix.Stix;
import org.parley.stix.StixException;

/**
 * Joins the store's single write path: each accepted version becomes a pending leaf inside the store's own
 * transaction, so that an object is never stored without its leaf, nor a leaf without its object.
 */
enum LogHook implements AppendHook {
  INSTANCE;

  @Override
  public void accepted(Connection transaction, String collectionId, List<StoredVersion> accepted)
      throws SQLException {
    for (StoredVersion v : accepted) {
      JdbcLogStorage.enqueue(transaction, leafOf(collectionId, v, LogLeaf.Op.ADD, v.submitter(), v.dateAdded()),
          v.versionMicros());
    }
  }

  @Override
  public void deleted(Connection transaction, String collectionId, List<StoredVersion> deleted, String party,
      long atMicros) throws SQLException {
    for (StoredVersion v : deleted) {
      JdbcLogStorage.enqueue(transaction, leafOf(collectionId, v, LogLeaf.Op.DELETE, party, atMicros),
          v.versionMicros());
    }
  }

  /** The leaf that records {@code v}: its identity, the SHA-256 of its RFC 8785 form, who and when. */
  static LogLeaf leafOf(String collectionId, StoredVersion v, LogLeaf.Op op, String party, long atMicros)
      throws SQLException {
    return leafOf(collectionId, v.objectId(), v.versionText(), v.json().toArray(), op, party, atMicros);
  }

  /** The leaf that records one version of an object, given as its stored JSON text. */
  static LogLeaf leafOf(String collectionId, String objectId, String versionText, byte[] json, LogLeaf.Op op,
      String party, long atMicros) throws SQLException {
    String sha;
    try {
      sha = ProofBundle.sha256Hex(canonical(json));
    } catch (StixException e) {
      throw new SQLException("log leaf: cannot canonicalise " + objectId + ": " + e.getMessage(), e);
    }
    try {
      return new LogLeaf(op, collectionId, objectId, versionText, sha, party, Micros.format(atMicros));
    } catch (IllegalArgumentException e) {
      throw new SQLException("log leaf: " + e.getMessage(), e);
    }
  }

  /** RFC 8785 canonical form of a JSON text. */
  static byte[] canonical(byte[] json) throws StixException {
    return Stix.canonicalize(org.parley.stix.Bytes.copyOf(json)).toArray();
  }
}
