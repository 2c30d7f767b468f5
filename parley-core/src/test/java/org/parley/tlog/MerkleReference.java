package org.parley.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * A naive, recursive transcription of RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF),
 * kept deliberately close to the RFC text so that the fast, tile-based code can be checked against it.
 */
final class MerkleReference {
  private MerkleReference() {}

  static Hash mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return Hash.sha256(new byte[0]);
    }
    if (n == 1) {
      return Merkle.leafHash(d.get(0));
    }
    int k = largestPowerOfTwoSmallerThan(n);
    return Merkle.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<Hash> path(int m, List<byte[]> d) {
    int n = d.size();
    List<Hash> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = largestPowerOfTwoSmallerThan(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<Hash> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<Hash> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<Hash> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = largestPowerOfTwoSmallerThan(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static int largestPowerOfTwoSmallerThan(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
