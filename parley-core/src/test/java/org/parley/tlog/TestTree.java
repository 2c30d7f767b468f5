package org.parley.tlog;

import java.util.ArrayList;
import java.util.List;

/** Full-subtree hashes computed level by level from leaves held in memory: the input of {@link Proofs} in tests. */
final class TestTree implements NodeReader {
  private final List<List<Hash>> levels = new ArrayList<>();

  TestTree(List<byte[]> leaves) {
    List<Hash> level = new ArrayList<>();
    for (byte[] leaf : leaves) {
      level.add(Merkle.leafHash(leaf));
    }
    levels.add(level);
    while (level.size() > 1) {
      List<Hash> up = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        up.add(Merkle.nodeHash(level.get(i), level.get(i + 1)));
      }
      levels.add(up);
      level = up;
    }
  }

  @Override
  public Hash node(int level, long index) {
    return levels.get(level).get(Math.toIntExact(index));
  }

  static List<byte[]> leaves(int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      out.add(b);
    }
    return out;
  }
}
