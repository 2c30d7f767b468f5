package org.parley.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Merkle tree stored as C2SP tlog-tiles hash tiles: tile level L holds the tree's level 8L. A full subtree
 * at any level is read from one tile and hashed up within it, so a proof costs O(log n) tile reads.
 */
final class TileTree implements NodeReader {
  /** Reads the content of hash tile {@code (level, index)}; at least {@code width} hashes are needed. */
  interface TileFetcher {
    byte[] fetch(int level, long index, int width);
  }

  private static final int CACHE_TILES = 1024; // expanded full tiles, 16 KiB each

  private final TileFetcher fetcher;
  private final long treeSize;
  private final Map<Long, byte[]> fullTiles;

  /** A view of the tree of {@code treeSize} leaves; {@code fullTileCache} keeps immutable full tiles, expanded, between reads. */
  TileTree(TileFetcher fetcher, long treeSize, Map<Long, byte[]> fullTileCache) {
    this.fetcher = fetcher;
    this.treeSize = treeSize;
    this.fullTiles = fullTileCache;
  }

  static Map<Long, byte[]> newCache() {
    return new LinkedHashMap<>(CACHE_TILES, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
        return size() > CACHE_TILES;
      }
    };
  }

  @Override
  public Hash node(int level, long index) {
    int tileLevel = level / 8;
    int within = level % 8;
    long first = index << within;
    long tileIndex = first >>> 8;
    int offset = (int) (first & 0xff);
    int count = 1 << within;
    long key = ((long) tileLevel << 56) | tileIndex;
    byte[] expanded = fullTiles.get(key);
    if (expanded != null) {
      return Hash.copyOf(expanded, (LEVEL_OFFSET[within] + (offset >> within)) * Hash.SIZE);
    }
    byte[] tile = tile(tileLevel, tileIndex, offset + count);
    if (tile.length == TileId.WIDTH * Hash.SIZE) {
      expanded = expand(tile);
      fullTiles.put(key, expanded);
      return Hash.copyOf(expanded, (LEVEL_OFFSET[within] + (offset >> within)) * Hash.SIZE);
    }
    return subtree(tile, offset, count);
  }

  /** Where each of the 9 levels of a full tile's subtree starts in its expanded form, in hashes. */
  private static final int[] LEVEL_OFFSET = new int[9];

  static {
    for (int k = 1; k < 9; k++) {
      LEVEL_OFFSET[k] = LEVEL_OFFSET[k - 1] + (TileId.WIDTH >> (k - 1));
    }
  }

  /** A full tile with every inner node of its 8-level subtree: 511 hashes, so later reads hash nothing. */
  private static byte[] expand(byte[] tile) {
    byte[] out = new byte[(LEVEL_OFFSET[8] + 1) * Hash.SIZE];
    System.arraycopy(tile, 0, out, 0, tile.length);
    MessageDigest digest = Hash.sha256();
    for (int k = 1; k < 9; k++) {
      int below = LEVEL_OFFSET[k - 1] * Hash.SIZE;
      int here = LEVEL_OFFSET[k] * Hash.SIZE;
      for (int i = 0; i < TileId.WIDTH >> k; i++) {
        digest.update((byte) 0x01);
        digest.update(out, below + 2 * i * Hash.SIZE, 2 * Hash.SIZE);
        try {
          digest.digest(out, here + i * Hash.SIZE, Hash.SIZE);
        } catch (java.security.DigestException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  private byte[] tile(int level, long index, int needed) {
    int width = TileId.inTree(false, level, index, treeSize).map(TileId::width).orElse(0);
    if (width < needed) {
      throw new IllegalArgumentException("tile " + level + "/" + index + " has " + width + " hashes at size "
          + treeSize + ", " + needed + " needed");
    }
    byte[] tile = fetcher.fetch(level, index, width);
    if (tile.length < needed * Hash.SIZE) {
      throw new IllegalStateException("storage holds " + tile.length / Hash.SIZE + " hashes of tile " + level + "/"
          + index + ", " + needed + " needed: the tiles are incomplete");
    }
    return tile;
  }

  /** MTH of {@code count} (a power of two) consecutive hashes of a tile starting at {@code offset}. */
  static Hash subtree(byte[] tile, int offset, int count) {
    if (count == 1) {
      return Hash.copyOf(tile, offset * Hash.SIZE);
    }
    byte[] level = java.util.Arrays.copyOfRange(tile, offset * Hash.SIZE, (offset + count) * Hash.SIZE);
    MessageDigest digest = Hash.sha256();
    for (int n = count; n > 1; n >>= 1) {
      for (int i = 0; i < n / 2; i++) {
        digest.update((byte) 0x01);
        digest.update(level, 2 * i * Hash.SIZE, 2 * Hash.SIZE);
        try {
          digest.digest(level, i * Hash.SIZE, Hash.SIZE);
        } catch (java.security.DigestException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Hash.copyOf(level, 0);
  }

  /**
   * The tiles to write when the tree grows from {@code oldSize} to {@code oldSize + leafHashes.length / 32}
   * leaves: the touched level-0 tiles and, whenever a tile fills up, its root appended at the level above.
   *
   * @param existing reads the stored content of a tile that the growth continues
   */
  static List<Tile> grow(long oldSize, byte[] leafHashes, java.util.function.BiFunction<Integer, Long,
      Optional<Tile>> existing) {
    List<Tile> out = new ArrayList<>();
    long newSize = oldSize + leafHashes.length / Hash.SIZE;
    byte[] fresh = leafHashes;
    for (int level = 0; fresh.length > 0; level++) {
      long nOld = oldSize >>> (8 * level);
      long nNew = newSize >>> (8 * level);
      java.io.ByteArrayOutputStream completed = new java.io.ByteArrayOutputStream();
      long pos = nOld;
      int consumed = 0;
      while (pos < nNew) {
        long tileIndex = pos >>> 8;
        int startInTile = (int) (pos & 0xff);
        int take = (int) Math.min(TileId.WIDTH - startInTile, nNew - pos);
        byte[] content = new byte[(startInTile + take) * Hash.SIZE];
        if (startInTile > 0) {
          final int lvl = level;
          Tile prior = existing.apply(lvl, tileIndex).orElseThrow(() -> new IllegalStateException(
              "tile " + lvl + "/" + tileIndex + " is missing: the tiles are incomplete"));
          if (prior.width() < startInTile) {
            throw new IllegalStateException("tile " + level + "/" + tileIndex + " holds " + prior.width()
                + " hashes, " + startInTile + " expected");
          }
          System.arraycopy(prior.hashes().unsafeArray(), 0, content, 0, startInTile * Hash.SIZE);
        }
        System.arraycopy(fresh, consumed * Hash.SIZE, content, startInTile * Hash.SIZE, take * Hash.SIZE);
        consumed += take;
        pos += take;
        out.add(new Tile(level, tileIndex, Octets.wrap(content)));
        if (startInTile + take == TileId.WIDTH) {
          completed.writeBytes(subtree(content, 0, TileId.WIDTH).toArray());
        }
      }
      fresh = completed.toByteArray();
    }
    return out;
  }
}
