package org.parley.tlog;

import java.util.List;

/** An RFC 9162 §2.1.4 consistency proof between the trees of {@code oldSize} and {@code newSize} leaves. */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> path) {
  public ConsistencyProof {
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("need 0 <= oldSize <= newSize, got " + oldSize + " -> " + newSize);
    }
    path = List.copyOf(path);
    if (path.size() > 64) {
      throw new IllegalArgumentException("a consistency proof has at most 64 elements, got " + path.size());
    }
  }

  /** Throws unless the tree with {@code newRoot} extends the tree with {@code oldRoot}. */
  public void verify(Hash oldRoot, Hash newRoot) throws ProofException {
    Merkle.verifyConsistency(oldSize, newSize, oldRoot, newRoot, path);
  }
}
