package org.parley.node.log;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.parley.tlog.ConsistencyProof;
import org.parley.tlog.Hash;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.Merkle;

/**
 * Proofs over the stored full-subtree hashes: RFC 9162 §2.1.3.1 PATH and §2.1.4.1 PROOF, where every MTH of a
 * range is composed from the stored full subtrees that tile it. (The same iteration as the tlog package's proof
 * builder, over a reader that can fail with {@link SQLException}.)
 */
final class StoredTree {
  private final JdbcLogReader reader;

  StoredTree(JdbcLogReader reader) {
    this.reader = reader;
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf upwards. */
  InclusionProof inclusion(long index, long size) throws SQLException {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("need 0 <= index < size, got " + index + ", " + size);
    }
    List<Hash> topDown = new ArrayList<>(64);
    long start = 0;
    long m = index;
    long n = size;
    while (n > 1) {
      long k = Long.highestOneBit(n - 1);
      if (m < k) {
        topDown.add(range(start + k, start + n));
        n = k;
      } else {
        topDown.add(range(start, start + k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return new InclusionProof(index, size, topDown);
  }

  /** RFC 9162 §2.1.4.1 PROOF(oldSize, D[0:newSize]); empty when oldSize is 0 or equals newSize. */
  ConsistencyProof consistency(long oldSize, long newSize) throws SQLException {
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("need 0 <= old <= new, got " + oldSize + " -> " + newSize);
    }
    List<Hash> topDown = new ArrayList<>(64);
    if (oldSize != 0 && oldSize != newSize) {
      long start = 0;
      long m = oldSize;
      long n = newSize;
      boolean complete = true;
      while (m != n) {
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
          topDown.add(range(start + k, start + n));
          n = k;
        } else {
          topDown.add(range(start, start + k));
          start += k;
          m -= k;
          n -= k;
          complete = false;
        }
      }
      if (!complete) {
        topDown.add(range(start, start + n));
      }
      Collections.reverse(topDown);
    }
    return new ConsistencyProof(oldSize, newSize, topDown);
  }

  /** MTH(D[0:size]). */
  Hash root(long size) throws SQLException {
    return size == 0 ? Merkle.emptyRoot() : range(0, size);
  }

  /** MTH(D[start:end]) for the ranges the RFC recursion produces: its full subtrees, hashed right to left. */
  private Hash range(long start, long end) throws SQLException {
    long width = end - start;
    List<Hash> parts = new ArrayList<>(Long.bitCount(width));
    long at = start;
    for (int level = 63 - Long.numberOfLeadingZeros(width); level >= 0; level--) {
      if ((width & (1L << level)) != 0) {
        long idx = at >>> level;
        int lvl = level;
        parts.add(reader.node(level, idx).orElseThrow(() -> new SQLException(
            "log_hashes lacks the full subtree at level " + lvl + " index " + idx)));
        at += 1L << level;
      }
    }
    Hash h = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      h = Merkle.nodeHash(parts.get(i), h);
    }
    return h;
  }
}
