package org.parley.tlog;

import java.util.HashMap;
import java.util.List;

/**
 * Client side of C2SP tlog-tiles: builds and verifies proofs from the tiles of another party's log, so that a node
 * pulling from a peer (or an auditor) can check an entry or a new checkpoint with nothing but tiles and keys.
 */
public final class TileProofs {
  private TileProofs() {}

  /** Verifies that {@code entry} is at {@code index} in the tree of {@code checkpoint}, using fetched tiles. */
  public static void verifyInclusion(TileFetcher fetcher, byte[] entry, long index, Checkpoint checkpoint)
      throws ProofException {
    if (index < 0 || index >= checkpoint.size()) {
      throw new ProofException("inclusion-index", "0 <= index < size " + checkpoint.size(), Long.toString(index));
    }
    InclusionProof proof = inclusionProof(fetcher, index, checkpoint.size());
    proof.verify(Merkle.leafHash(entry), checkpoint.root());
  }

  /** Verifies that {@code newer} extends {@code older}, using tiles fetched at {@code newer}'s size. */
  public static void verifyConsistency(TileFetcher fetcher, Checkpoint older, Checkpoint newer)
      throws ProofException {
    if (older.size() > newer.size()) {
      throw new ProofException("consistency-sizes", "old size <= " + newer.size(), Long.toString(older.size()));
    }
    consistencyProof(fetcher, older.size(), newer.size()).verify(older.root(), newer.root());
  }

  /** RFC 9162 inclusion proof computed from fetched tiles (unverified until checked against a root). */
  public static InclusionProof inclusionProof(TileFetcher fetcher, long index, long treeSize) throws ProofException {
    try {
      return new InclusionProof(index, treeSize, Proofs.inclusion(tree(fetcher, treeSize), index, treeSize));
    } catch (BadTile e) {
      throw e.cause;
    }
  }

  /** RFC 9162 consistency proof computed from fetched tiles (unverified until checked against both roots). */
  public static ConsistencyProof consistencyProof(TileFetcher fetcher, long oldSize, long newSize)
      throws ProofException {
    try {
      return new ConsistencyProof(oldSize, newSize, Proofs.consistency(tree(fetcher, newSize), oldSize, newSize));
    } catch (BadTile e) {
      throw e.cause;
    }
  }

  /** The root of a tree's first leaves, with the consistency proof from it to the tree's root. */
  record Prefix(Hash root, List<Hash> path) {}

  /**
   * The root of the first {@code size} leaves of {@code checkpoint}'s tree and the RFC 9162 consistency proof from
   * it to {@code checkpoint}'s root, computed from fetched tiles and verified against that root (so a tile of another
   * tree is an error, not an answer).
   */
  static Prefix prefix(TileFetcher fetcher, long size, Checkpoint checkpoint) throws ProofException {
    if (size < 0 || size > checkpoint.size()) {
      throw new ProofException("prefix-size", "0 <= size <= " + checkpoint.size(), Long.toString(size));
    }
    Prefix p;
    try {
      TileTree t = tree(fetcher, checkpoint.size());
      p = new Prefix(Proofs.root(t, size), Proofs.consistency(t, size, checkpoint.size()));
    } catch (BadTile e) {
      throw e.cause;
    }
    Merkle.verifyConsistency(size, checkpoint.size(), p.root(), checkpoint.root(), p.path());
    return p;
  }

  /**
   * The entries of entry bundle {@code bundleIndex} in the tree of {@code checkpoint}, each checked against the
   * level-0 tile hashes, which are checked against the checkpoint's root.
   */
  public static List<Octets> verifiedEntries(TileFetcher fetcher, long bundleIndex, Checkpoint checkpoint)
      throws ProofException {
    TileId id = TileId.inTree(true, 0, bundleIndex, checkpoint.size()).orElseThrow(() -> new ProofException(
        "entry-bundle", "a bundle inside the tree of size " + checkpoint.size(), Long.toString(bundleIndex)));
    List<Octets> entries = EntryBundle.decode(fetcher.fetch(id).toArray());
    if (entries.size() != id.width()) {
      throw new ProofException("entry-bundle", id.width() + " entries", Integer.toString(entries.size()));
    }
    for (int i = 0; i < entries.size(); i++) {
      long index = bundleIndex * TileId.WIDTH + i;
      verifyInclusion(fetcher, entries.get(i).unsafeArray(), index, checkpoint);
    }
    return entries;
  }

  private static TileTree tree(TileFetcher fetcher, long treeSize) {
    return new TileTree((level, index, width) -> {
      TileId id = TileId.hashes(level, index, width);
      byte[] tile = fetcher.fetch(id).toArray();
      if (tile.length != width * Hash.SIZE) {
        throw new BadTile(new ProofException("tile-size", width * Hash.SIZE + " bytes for " + id.path(),
            tile.length + " bytes"));
      }
      return tile;
    }, treeSize, new HashMap<>());
  }

  /** Carries a checked exception out of the tile-reading callback. */
  private static final class BadTile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ProofException cause;

    BadTile(ProofException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
