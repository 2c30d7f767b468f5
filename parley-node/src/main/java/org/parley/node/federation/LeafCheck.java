package org.parley.node.federation;

import org.parley.node.log.LogLeaf;
import org.parley.node.log.ProofBundle;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;

/**
 * Checks one pulled object against the peer's log: the proof leads from the leaf to the root of the checkpoint
 * this node accepted under its policy (RFC 9162 §2.1.3.2), and the leaf records this very object version
 * (collection, id, version, and the SHA-256 of its RFC 8785 canonical JSON, computed as the log computes it).
 */
final class LeafCheck {
  private LeafCheck() {}

  static LogLeaf verify(ProofBundle served, SignedCheckpoint accepted, VerifierKey logKey, String collection,
      String objectId, String version, byte[] objectJson) throws ProofException {
    long size = accepted.checkpoint().size();
    if (served.proof().size() != size) {
      throw new ProofException("proof-tree-size", Long.toString(size), Long.toString(served.proof().size()));
    }
    // Re-anchored on the checkpoint we accepted, whatever note the peer attached.
    LogLeaf leaf = new ProofBundle(served.entry(), served.proof(), accepted.encode())
        .verifyObject(logKey, objectJson);
    expect("leaf-op", LogLeaf.Op.ADD.toString(), leaf.op().toString());
    expect("leaf-collection", collection, leaf.collection());
    expect("object-version", version, leaf.version());
    return leaf;
  }

  private static void expect(String rule, String expected, String actual) throws ProofException {
    if (!expected.equals(actual)) {
      throw new ProofException(rule, expected, actual);
    }
  }
}
