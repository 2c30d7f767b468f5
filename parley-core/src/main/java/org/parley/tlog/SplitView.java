package org.parley.tlog;

import java.util.List;

/**
 * Evidence that two checkpoints one log signed cannot both be true — the log showed different histories to different
 * parties (a split view; RFC 9162 §8.2 calls a log that does this misbehaving, C2SP tlog-witness exists to catch it).
 *
 * <p>Either both checkpoints have the same size and different roots, or {@code smaller}'s root differs from the root
 * of the first {@code smaller.size()} leaves of {@code larger}'s tree. The latter is shown by {@code prefixRoot} and an
 * RFC 9162 §2.1.4 consistency proof from {@code prefixRoot} (size {@code smaller.size()}) to {@code larger}'s root: a
 * proof that verifies binds {@code prefixRoot} to {@code larger}'s tree (finding another would need a SHA-256
 * collision), so a {@code prefixRoot} other than {@code smaller}'s root shows that {@code smaller}'s tree is no prefix
 * of {@code larger}'s. With the log's signatures on both checkpoints, anyone holding its key can check it: no trust in
 * whoever assembled the evidence is needed.
 *
 * @param smaller the checkpoint of the smaller (or equal) size
 * @param larger the other checkpoint
 * @param prefixRoot the root of {@code larger}'s tree cut to {@code smaller.size()} leaves (for equal sizes: larger's
 *     root)
 * @param path the consistency proof from {@code prefixRoot} to {@code larger}'s root (empty for equal sizes)
 */
public record SplitView(Checkpoint smaller, Checkpoint larger, Hash prefixRoot, List<Hash> path) {
  public SplitView {
    if (smaller.size() > larger.size()) {
      throw new IllegalArgumentException("smaller has " + smaller.size() + " leaves, larger " + larger.size());
    }
    path = List.copyOf(path);
  }

  /**
   * Throws unless this shows that {@code smaller} and {@code larger} contradict each other (same origin; for equal
   * sizes, different roots; else a proof that verifies and a prefix root other than {@code smaller}'s). The
   * signatures on the two checkpoints are the caller's to check, with the log's key.
   */
  public void verify() throws ProofException {
    if (!smaller.origin().equals(larger.origin())) {
      throw new ProofException("split-view-origin", "one origin", smaller.origin() + " and " + larger.origin());
    }
    if (smaller.size() == larger.size()) {
      if (smaller.root().equals(larger.root())) {
        throw new ProofException("split-view-roots", "two roots for size " + smaller.size(), "the same root");
      }
      return;
    }
    Merkle.verifyConsistency(smaller.size(), larger.size(), prefixRoot, larger.root(), path);
    if (prefixRoot.equals(smaller.root())) {
      throw new ProofException("split-view-consistent", "a prefix root other than the smaller checkpoint's",
          "the larger tree extends the smaller one");
    }
  }

  /**
   * Compares two checkpoints of one log using tiles of {@code larger}'s tree (C2SP tlog-tiles, fetched from the log):
   * the split view when they contradict each other, empty when {@code larger} extends {@code smaller} (or they are
   * equal). Either order. Throws when the tiles do not match {@code larger}'s root (the log, or whoever serves them,
   * answered for another tree: nothing can be concluded from them).
   */
  public static java.util.Optional<SplitView> compare(TileFetcher larger, Checkpoint a, Checkpoint b)
      throws ProofException {
    Checkpoint small = a.size() <= b.size() ? a : b;
    Checkpoint large = small == a ? b : a;
    if (!small.origin().equals(large.origin())) {
      throw new ProofException("split-view-origin", "one origin", small.origin() + " and " + large.origin());
    }
    if (small.size() == large.size()) {
      return small.root().equals(large.root()) ? java.util.Optional.empty()
          : java.util.Optional.of(new SplitView(small, large, large.root(), List.of()));
    }
    TileProofs.Prefix prefix = TileProofs.prefix(larger, small.size(), large);
    if (prefix.root().equals(small.root())) {
      return java.util.Optional.empty();
    }
    // prefix() verified the proof from prefix.root() to large's root: with a different root, this is verify()'s case
    return java.util.Optional.of(new SplitView(small, large, prefix.root(), prefix.path()));
  }
}
