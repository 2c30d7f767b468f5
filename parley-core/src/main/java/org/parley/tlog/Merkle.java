package org.parley.tlog;

import java.security.MessageDigest;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256, and verification of inclusion and consistency proofs
 * exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 state. Verifiers return nothing and throw {@link ProofException}.
 */
public final class Merkle {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final Hash EMPTY_ROOT = Hash.sha256(new byte[0]);

  private Merkle() {}

  /** RFC 9162 §2.1.1: MTH({}) = SHA-256(), the root of the empty tree. */
  public static Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  /** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
  public static Hash leafHash(byte[] entry) {
    MessageDigest digest = Hash.sha256();
    digest.update(LEAF_PREFIX);
    digest.update(entry);
    return Hash.wrap(digest.digest());
  }

  /** RFC 9162 §2.1.1: SHA-256(0x01 || left || right). */
  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest digest = Hash.sha256();
    digest.update(NODE_PREFIX);
    left.feed(digest);
    right.feed(digest);
    return Hash.wrap(digest.digest());
  }

  /**
   * RFC 9162 §2.1.3.2: verifies that {@code leafHash} is the leaf at {@code index} of the tree of {@code size}
   * leaves whose root is {@code root}.
   */
  public static void verifyInclusion(Hash leafHash, long index, long size, List<Hash> path, Hash root)
      throws ProofException {
    Hash computed = rootFromInclusion(leafHash, index, size, path);
    if (!computed.equals(root)) {
      throw new ProofException("inclusion-root", root.hex(), computed.hex());
    }
  }

  /** The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–5, without the final comparison). */
  static Hash rootFromInclusion(Hash leafHash, long index, long size, List<Hash> path) throws ProofException {
    // Step 1: the index is checked against the size before anything else.
    if (index < 0 || index >= size) {
      throw new ProofException("inclusion-index", "0 <= index < size " + size, Long.toString(index));
    }
    // Step 2.
    long fn = index;
    long sn = size - 1;
    // Step 3.
    Hash r = leafHash;
    // Step 4.
    for (int i = 0; i < path.size(); i++) {
      Hash p = path.get(i);
      if (sn == 0) { // 4a: the path is longer than the tree is deep.
        throw new ProofException("inclusion-length", "at most " + i + " path elements",
            path.size() + " elements");
      }
      if ((fn & 1) == 1 || fn == sn) { // 4b
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>>= 1; // 4c
      sn >>>= 1;
    }
    // Step 5: sn must be 0, i.e. the path was not too short.
    if (sn != 0) {
      throw new ProofException("inclusion-length", "a path reaching the root (sn == 0)",
          path.size() + " elements leaving sn == " + sn);
    }
    return r;
  }

  /**
   * RFC 9162 §2.1.4.2: verifies that the tree of {@code oldSize} leaves with root {@code oldRoot} is a prefix
   * of the tree of {@code newSize} leaves with root {@code newRoot}.
   *
   * <p>Edge cases the RFC leaves to the caller, defined here: {@code oldSize > newSize} fails; {@code oldSize == 0}
   * (every tree extends the empty tree) requires an empty proof; {@code oldSize == newSize} requires an empty
   * proof and equal roots.
   */
  public static void verifyConsistency(long oldSize, long newSize, Hash oldRoot, Hash newRoot, List<Hash> path)
      throws ProofException {
    if (oldSize < 0 || oldSize > newSize) {
      throw new ProofException("consistency-sizes", "0 <= old size <= new size " + newSize,
          Long.toString(oldSize));
    }
    if (oldSize == 0 || oldSize == newSize) {
      if (!path.isEmpty()) {
        throw new ProofException("consistency-length", "an empty proof for sizes " + oldSize + " -> " + newSize,
            path.size() + " elements");
      }
      if (oldSize == newSize && !oldRoot.equals(newRoot)) {
        throw new ProofException("consistency-root", "equal roots at size " + oldSize,
            oldRoot.hex() + " != " + newRoot.hex());
      }
      if (oldSize == 0 && !oldRoot.equals(EMPTY_ROOT)) {
        throw new ProofException("consistency-root", "the empty-tree root " + EMPTY_ROOT.hex(), oldRoot.hex());
      }
      return;
    }
    // Step 1.
    if (path.isEmpty()) {
      throw new ProofException("consistency-length", "a non-empty proof for sizes " + oldSize + " -> " + newSize,
          "0 elements");
    }
    // Step 2: if first is an exact power of 2, prepend first_hash.
    int start = 0;
    Hash fr;
    Hash sr;
    if (Long.bitCount(oldSize) == 1) {
      fr = oldRoot;
      sr = oldRoot;
    } else {
      fr = path.get(0);
      sr = path.get(0);
      start = 1;
    }
    // Step 3.
    long fn = oldSize - 1;
    long sn = newSize - 1;
    // Step 4.
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // Steps 5-6.
    for (int i = start; i < path.size(); i++) {
      Hash c = path.get(i);
      if (sn == 0) {
        throw new ProofException("consistency-length", "at most " + i + " proof elements",
            path.size() + " elements");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // Step 7.
    if (sn != 0) {
      throw new ProofException("consistency-length", "a proof reaching the root (sn == 0)",
          path.size() + " elements leaving sn == " + sn);
    }
    if (!fr.equals(oldRoot)) {
      throw new ProofException("consistency-old-root", oldRoot.hex(), fr.hex());
    }
    if (!sr.equals(newRoot)) {
      throw new ProofException("consistency-new-root", newRoot.hex(), sr.hex());
    }
  }
}
