package org.parley.node.log;

import java.util.Optional;

/**
 * Tile coordinates and their paths, C2SP tlog-tiles v0.1.0: {@code tile/<L>/<N>[.p/<W>]} and
 * {@code tile/entries/<N>[.p/<W>]}, where N is written in zero-padded groups of three digits, all but the last
 * prefixed with {@code x} (1234067 is {@code x001/x234/067}), and W (1..255) is the width of a partial tile.
 *
 * @param level the tile level L (0..63), or -1 for an entry bundle
 * @param index N
 * @param width W: 256 for a full tile
 */
public record TilePaths(int level, long index, int width) {
  /** Hashes (or entries) per full tile: 2^8 (C2SP tlog-tiles: tile height 8). */
  public static final int WIDTH = 256;
  public static final int ENTRIES = -1;

  public TilePaths {
    if (level < ENTRIES || level > 63) {
      throw new IllegalArgumentException("tile level: expected -1 (entries) or 0..63, got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("tile index: expected >= 0, got " + index);
    }
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width: expected 1..256, got " + width);
    }
  }

  public boolean isEntries() {
    return level == ENTRIES;
  }

  /** The path below the log prefix, e.g. {@code tile/0/x001/x234/067.p/8}. */
  public String path() {
    StringBuilder out = new StringBuilder("tile/").append(isEntries() ? "entries" : Integer.toString(level))
        .append('/');
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) {
        out.append('x').append(digits, i, i + 3).append('/');
      } else {
        out.append(digits, i, i + 3);
      }
    }
    if (width < WIDTH) {
      out.append(".p/").append(width);
    }
    return out.toString();
  }

  /** Parses a path below the log prefix; empty for anything that is not exactly a canonical tile path. */
  public static Optional<TilePaths> parse(String path) {
    if (!path.startsWith("tile/") || path.length() > 100) {
      return Optional.empty();
    }
    String[] parts = path.substring(5).split("/", -1);
    if (parts.length < 2) {
      return Optional.empty();
    }
    int level;
    if (parts[0].equals("entries")) {
      level = ENTRIES;
    } else if (parts[0].matches("0|[1-9][0-9]?")) {
      level = Integer.parseInt(parts[0]);
      if (level > 63) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    int end = parts.length;
    int width = WIDTH;
    if (parts.length >= 3 && parts[end - 2].endsWith(".p")) {
      if (!parts[end - 1].matches("[1-9][0-9]{0,2}")) {
        return Optional.empty();
      }
      width = Integer.parseInt(parts[end - 1]);
      if (width >= WIDTH) {
        return Optional.empty();
      }
      parts[end - 2] = parts[end - 2].substring(0, parts[end - 2].length() - 2);
      end--;
    }
    if (end - 1 > 7) { // 2^63 has 19 digits: at most 7 groups
      return Optional.empty();
    }
    long index = 0;
    for (int i = 1; i < end; i++) {
      String group = parts[i];
      boolean last = i == end - 1;
      if (!(last ? group.matches("[0-9]{3}") : group.matches("x[0-9]{3}"))) {
        return Optional.empty();
      }
      long value = Long.parseLong(last ? group : group.substring(1));
      if (index > (Long.MAX_VALUE - value) / 1000) {
        return Optional.empty();
      }
      index = index * 1000 + value;
    }
    TilePaths tile = new TilePaths(level, index, width);
    // Only the canonical spelling names a tile (no leading x000 groups).
    return tile.path().equals(path) ? Optional.of(tile) : Optional.empty();
  }
}
