package org.parley.tlog;

/**
 * The stored content of hash tile {@code (level, index)}: 1 to 256 consecutive hashes (32 bytes each) starting at
 * the tile's first position. A tile only ever grows: every stored content is a prefix of the full tile.
 */
public record Tile(int level, long index, Octets hashes) {
  public Tile {
    if (level < 0 || level > 63 || index < 0) {
      throw new IllegalArgumentException("bad tile coordinates " + level + "/" + index);
    }
    if (hashes.length() == 0 || hashes.length() % Hash.SIZE != 0 || hashes.length() > TileId.WIDTH * Hash.SIZE) {
      throw new IllegalArgumentException("a tile holds 1..256 hashes of 32 bytes, got " + hashes.length() + " bytes");
    }
  }

  public int width() {
    return hashes.length() / Hash.SIZE;
  }
}
