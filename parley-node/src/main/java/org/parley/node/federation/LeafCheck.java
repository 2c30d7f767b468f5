package org.parley.node.federation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.parley.node.log.LogException;
import org.parley.node.log.LogLeaf;
import org.parley.node.log.LogLeaves;
import org.parley.node.log.ProofBundle;
import org.parley.stix.Bytes;
import org.parley.stix.Stix;
import org.parley.stix.StixException;
import org.parley.tlog.Merkle;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;

/**
 * Checks one pulled object against the peer's log: the proof leads from the leaf to the root of the cosigned
 * checkpoint (RFC 9162 §2.1.3.2), and the leaf records this very object version (collection, id, version, and
 * the SHA-256 of its RFC 8785 canonical JSON).
 */
final class LeafCheck {
  private LeafCheck() {}

  static LogLeaf verify(ProofBundle bundle, SignedCheckpoint cosigned, String collection, String objectId,
      String version, byte[] objectJson) throws ProofException, LogException {
    long size = cosigned.checkpoint().size();
    if (bundle.proof().size() != size) {
      throw new ProofException("proof-tree-size", Long.toString(size), Long.toString(bundle.proof().size()));
    }
    byte[] entry = bundle.entry().toArray();
    bundle.proof().verify(Merkle.leafHash(entry), cosigned.checkpoint().root());
    LogLeaf leaf = LogLeaves.parse(entry);
    expect("leaf-op", LogLeaf.Op.ADD.toString(), leaf.op().toString());
    expect("leaf-collection", collection, leaf.collection());
    expect("object-id", objectId, leaf.objectId());
    expect("object-version", version, leaf.version());
    String sha;
    try {
      sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Stix.canonicalize(Bytes.copyOf(objectJson)).toArray()));
    } catch (StixException e) {
      throw new ProofException("object-json", "canonicalisable JSON", e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    expect("object-sha256", leaf.sha256(), sha);
    return leaf;
  }

  private static void expect(String rule, String expected, String actual) throws ProofException {
    if (!expected.equals(actual)) {
      throw new ProofException(rule, expected, actual);
    }
  }
}
