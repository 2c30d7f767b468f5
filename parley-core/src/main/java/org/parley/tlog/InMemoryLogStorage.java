package org.parley.tlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LogStorage} in memory: "durable" means "in this object", which is what tests and benchmarks need. */
public final class InMemoryLogStorage implements LogStorage {
  private final List<Octets> entries = new ArrayList<>();
  private final Map<Long, Tile> tiles = new HashMap<>();
  private StoredCheckpoint latest;

  @Override
  public synchronized long sequence(List<Octets> batch) {
    long first = entries.size();
    entries.addAll(batch);
    return first;
  }

  @Override
  public synchronized long sequencedSize() {
    return entries.size();
  }

  @Override
  public synchronized List<Octets> readEntries(long from, int count) {
    if (from < 0 || count < 0 || from + count > entries.size()) {
      throw new IllegalArgumentException("entries [" + from + ", " + (from + count) + ") not sequenced");
    }
    return List.copyOf(entries.subList((int) from, (int) from + count));
  }

  @Override
  public synchronized Optional<Tile> readTile(int level, long index) {
    return Optional.ofNullable(tiles.get(key(level, index)));
  }

  @Override
  public synchronized void writeTiles(List<Tile> written) {
    for (Tile t : written) {
      tiles.put(key(t.level(), t.index()), t);
    }
  }

  @Override
  public synchronized Optional<StoredCheckpoint> latestCheckpoint() {
    return Optional.ofNullable(latest);
  }

  @Override
  public synchronized boolean storeCheckpoint(Optional<StoredCheckpoint> expected, StoredCheckpoint next) {
    if (!expected.equals(Optional.ofNullable(latest))) {
      return false;
    }
    if (latest != null && (next.size() < latest.size()
        || (next.size() == latest.size() && !next.root().equals(latest.root())))) {
      return false;
    }
    latest = next;
    return true;
  }

  private static long key(int level, long index) {
    return ((long) level << 56) | index;
  }
}
