package org.parley.tlog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link LogStorage} fake with fault injection: it "crashes" (throws {@link Crash}) at a chosen point of a
 * chosen call, keeping exactly what a durable storage would keep at that instant. Tests then "restart" by opening
 * a new {@link Log} over the same object. It also records every checkpoint ever stored, and can be tampered with.
 */
final class FaultyLogStorage implements LogStorage {
  enum Point {
    BEFORE_SEQUENCE, AFTER_SEQUENCE, BEFORE_WRITE_TILES, MIDWAY_WRITE_TILES, AFTER_WRITE_TILES,
    BEFORE_STORE_CHECKPOINT, AFTER_STORE_CHECKPOINT
  }

  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(Point point) {
      super("injected crash at " + point);
    }
  }

  private final InMemoryLogStorage inner = new InMemoryLogStorage();
  private final Map<Point, Integer> armed = new EnumMap<>(Point.class);
  private final List<StoredCheckpoint> history = new ArrayList<>();
  private final Map<Long, Octets> rewritten = new java.util.HashMap<>();
  private final Map<String, Tile> tiles = new java.util.HashMap<>();
  private Runnable beforeNextStore;

  /** Crash at {@code point} on its {@code nth} next occurrence (1 = the next one). */
  void crashAt(Point point, int nth) {
    armed.put(point, nth);
  }

  void disarm() {
    armed.clear();
  }

  /** Runs {@code action} once, just before the next checkpoint compare-and-set (to stage a race). */
  void beforeNextStoreCheckpoint(Runnable action) {
    beforeNextStore = action;
  }

  /** Every checkpoint ever stored, in order. */
  List<StoredCheckpoint> history() {
    return List.copyOf(history);
  }

  /** Tampering: entry {@code index} reads back as {@code bytes} from now on. */
  void rewriteEntry(long index, byte[] bytes) {
    rewritten.put(index, Octets.copyOf(bytes));
  }

  /** Simulates a storage that lost every tile (e.g. a cache directory wiped): reads find none until rewritten. */
  void loseAllTiles() {
    tiles.clear();
  }

  private void point(Point p) {
    Integer n = armed.get(p);
    if (n != null) {
      if (n <= 1) {
        armed.remove(p);
        throw new Crash(p);
      }
      armed.put(p, n - 1);
    }
  }

  @Override
  public long sequence(List<Octets> entries) {
    point(Point.BEFORE_SEQUENCE);
    long first = inner.sequence(entries);
    point(Point.AFTER_SEQUENCE); // durable, but the caller never hears of it
    return first;
  }

  @Override
  public long sequencedSize() {
    return inner.sequencedSize();
  }

  @Override
  public List<Octets> readEntries(long from, int count) {
    List<Octets> out = new ArrayList<>(inner.readEntries(from, count));
    for (int i = 0; i < count; i++) {
      Octets r = rewritten.get(from + i);
      if (r != null) {
        out.set(i, r);
      }
    }
    return out;
  }

  @Override
  public Optional<Tile> readTile(int level, long index) {
    return Optional.ofNullable(tiles.get(level + "/" + index));
  }

  @Override
  public void writeTiles(List<Tile> written) {
    point(Point.BEFORE_WRITE_TILES);
    for (int i = 0; i < written.size(); i++) {
      if (i == written.size() / 2) {
        point(Point.MIDWAY_WRITE_TILES); // half of the tiles are durable, half are not
      }
      Tile t = written.get(i);
      tiles.put(t.level() + "/" + t.index(), t);
    }
    point(Point.AFTER_WRITE_TILES);
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return inner.latestCheckpoint();
  }

  @Override
  public boolean storeCheckpoint(Optional<StoredCheckpoint> expected, StoredCheckpoint next) {
    point(Point.BEFORE_STORE_CHECKPOINT);
    if (beforeNextStore != null) {
      Runnable action = beforeNextStore;
      beforeNextStore = null;
      action.run();
    }
    boolean stored = inner.storeCheckpoint(expected, next);
    if (stored) {
      history.add(next);
    }
    point(Point.AFTER_STORE_CHECKPOINT);
    return stored;
  }
}
