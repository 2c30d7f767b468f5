package org.parley.tlog;

/**
 * The address of a C2SP tlog-tiles v0.1.0 resource: a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry bundle
 * {@code tile/entries/<N>[.p/<W>]}, where N is written in zero-padded 3-digit path elements, all but the last
 * prefixed with {@code x} (1234067 is {@code x001/x234/067}).
 *
 * @param entries true for an entry bundle, false for a hash tile
 * @param level the tile level (0..63; 0 for entry bundles)
 * @param index the tile index within its level
 * @param width the number of hashes or entries: 256 for a full tile, 1..255 for a partial one
 */
public record TileId(boolean entries, int level, long index, int width) {
  public static final int WIDTH = 256;

  public TileId {
    if (level < 0 || level > 63 || (entries && level != 0)) {
      throw new IllegalArgumentException("tile level must be 0..63 (0 for entry bundles), got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("tile index must not be negative");
    }
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width must be 1..256, got " + width);
    }
  }

  public static TileId hashes(int level, long index, int width) {
    return new TileId(false, level, index, width);
  }

  public static TileId entryBundle(long index, int width) {
    return new TileId(true, 0, index, width);
  }

  /**
   * The tile at {@code (level, index)} as it is in the tree of {@code treeSize} leaves (C2SP tlog-tiles §Partial
   * Tiles: the partial tile at level l has floor(s / 256^l) mod 256 entries), or empty if it does not exist.
   */
  public static java.util.Optional<TileId> inTree(boolean entries, int level, long index, long treeSize) {
    long available = level * 8 >= 64 ? 0 : treeSize >>> (8 * level);
    long width = Math.min(WIDTH, available - index * WIDTH);
    if (index < 0 || width <= 0 || index > Long.MAX_VALUE / WIDTH) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new TileId(entries, level, index, (int) width));
  }

  public boolean isPartial() {
    return width < WIDTH;
  }

  /** The path below the log's prefix, e.g. {@code tile/0/x001/x234/067.p/5}. */
  public String path() {
    StringBuilder out = new StringBuilder("tile/").append(entries ? "entries" : Integer.toString(level)).append('/');
    out.append(encodeIndex(index));
    if (isPartial()) {
      out.append(".p/").append(width);
    }
    return out.toString();
  }

  static String encodeIndex(long n) {
    String last = String.format("%03d", n % 1000);
    StringBuilder prefix = new StringBuilder();
    for (long rest = n / 1000; rest > 0; rest /= 1000) {
      prefix.insert(0, String.format("x%03d/", rest % 1000));
    }
    return prefix + last;
  }

  /** Parses a path produced by {@link #path()}; anything not in canonical form is rejected. */
  public static TileId parse(String path) throws ProofException {
    ProofException bad = new ProofException("tile-path", "tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]",
        Texts.quote(path));
    if (!path.startsWith("tile/") || path.length() > 200) {
      throw bad;
    }
    String rest = path.substring(5);
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw bad;
    }
    String levelPart = rest.substring(0, slash);
    rest = rest.substring(slash + 1);
    int width = WIDTH;
    int partial = rest.indexOf(".p/");
    if (partial >= 0) {
      String w = rest.substring(partial + 3);
      if (!isCanonicalDecimal(w) || w.length() > 3) {
        throw bad;
      }
      width = Integer.parseInt(w);
      if (width < 1 || width > 255) {
        throw bad;
      }
      rest = rest.substring(0, partial);
    }
    long index = 0;
    String[] parts = rest.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      boolean last = i == parts.length - 1;
      String digits = last ? p : (p.startsWith("x") ? p.substring(1) : "");
      if (digits.length() != 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || (last && p.startsWith("x"))
          || index > (Long.MAX_VALUE - 999) / 1000) {
        throw bad;
      }
      index = index * 1000 + Integer.parseInt(digits);
    }
    boolean entries = levelPart.equals("entries");
    if (!entries && (!isCanonicalDecimal(levelPart) || levelPart.length() > 2 || Integer.parseInt(levelPart) > 63)) {
      throw bad;
    }
    TileId id = new TileId(entries, entries ? 0 : Integer.parseInt(levelPart), index, width);
    if (!id.path().equals(path)) { // rejects e.g. x000/005 for 5
      throw bad;
    }
    return id;
  }

  private static boolean isCanonicalDecimal(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9') && (s.length() == 1 || s.charAt(0) != '0');
  }
}
