package org.parley.tlog;

import java.util.List;

/** An RFC 9162 §2.1.3 inclusion proof: the audit path of leaf {@code index} in the tree of {@code size} leaves. */
public record InclusionProof(long index, long size, List<Hash> path) {
  public InclusionProof {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("need 0 <= index < size, got index " + index + ", size " + size);
    }
    path = List.copyOf(path);
    if (path.size() > 64) {
      throw new IllegalArgumentException("an audit path has at most 64 elements, got " + path.size());
    }
  }

  /** Throws unless the leaf with {@code leafHash} is at {@link #index()} in the tree with root {@code root}. */
  public void verify(Hash leafHash, Hash root) throws ProofException {
    Merkle.verifyInclusion(leafHash, index, size, path, root);
  }
}
