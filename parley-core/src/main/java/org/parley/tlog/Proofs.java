package org.parley.tlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds roots and proofs from full-subtree hashes, iteratively: RFC 9162 §2.1.3.1 PATH and §2.1.4.1
 * PROOF/SUBPROOF, where every MTH of a range is composed from the full subtrees that tile the range.
 */
final class Proofs {
  private Proofs() {}

  /** MTH(D[0:size]). */
  static Hash root(NodeReader reader, long size) {
    return size == 0 ? Merkle.emptyRoot() : range(reader, 0, size);
  }

  /**
   * MTH(D[start:end]) for a range whose start is a multiple of the largest power of two below its width (true of
   * every range the RFC recursion produces): the full subtrees of the range, hashed right to left.
   */
  static Hash range(NodeReader reader, long start, long end) {
    long width = end - start;
    List<Hash> parts = new ArrayList<>(Long.bitCount(width));
    long at = start;
    for (int level = 63 - Long.numberOfLeadingZeros(width); level >= 0; level--) {
      if ((width & (1L << level)) != 0) {
        parts.add(reader.node(level, at >>> level));
        at += 1L << level;
      }
    }
    Hash h = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      h = Merkle.nodeHash(parts.get(i), h);
    }
    return h;
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[0:n]), ordered from the leaf upwards. */
  static List<Hash> inclusion(NodeReader reader, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("need 0 <= index < size, got " + index + ", " + size);
    }
    List<Hash> topDown = new ArrayList<>(64);
    long start = 0;
    long m = index;
    long n = size;
    while (n > 1) {
      long k = largestPowerOfTwoBelow(n);
      if (m < k) {
        topDown.add(range(reader, start + k, start + n));
        n = k;
      } else {
        topDown.add(range(reader, start, start + k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true); empty when m == 0 or m == n. */
  static List<Hash> consistency(NodeReader reader, long oldSize, long newSize) {
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("need 0 <= old <= new, got " + oldSize + " -> " + newSize);
    }
    if (oldSize == 0 || oldSize == newSize) {
      return List.of();
    }
    List<Hash> topDown = new ArrayList<>(64);
    long start = 0;
    long m = oldSize;
    long n = newSize;
    boolean b = true;
    while (m != n) {
      long k = largestPowerOfTwoBelow(n);
      if (m <= k) {
        topDown.add(range(reader, start + k, start + n));
        n = k;
      } else {
        topDown.add(range(reader, start, start + k));
        start += k;
        m -= k;
        n -= k;
        b = false;
      }
    }
    if (!b) {
      topDown.add(range(reader, start, start + n));
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** The k of RFC 9162 §2.1.1: the largest power of two smaller than n (n >= 2). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
