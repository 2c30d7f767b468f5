package org.parley.tlog;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link Log} keeps its entries, its tree (as C2SP tlog-tiles hash tiles) and its latest signed checkpoint.
 * Failures are thrown as unchecked exceptions (e.g. {@link java.io.UncheckedIOException}); a method that throws
 * MUST leave the storage in a state that satisfies every rule below (nothing half-applied that breaks them).
 *
 * <p>The rules, which every implementation (in memory, files, JDBC) MUST keep:
 * <ol>
 *   <li>{@link #sequence} MUST NOT return before the entries are durable: after it returns, no crash, power loss or
 *       restart may lose them or change them. It MUST assign consecutive indices starting at the current
 *       {@link #sequencedSize()}, atomically: after a crash either all entries of the batch are there or none.
 *       If it is called concurrently, it MUST serialise index assignment.</li>
 *   <li>Entries are immutable: {@link #readEntries} MUST return exactly the bytes given to {@link #sequence}.</li>
 *   <li>{@link #writeTiles} MUST NOT return before the tiles are durable. A tile's stored content MUST only be
 *       replaced by content that agrees with it on every position both hold (tiles are derived from entries, so
 *       rewriting them after a crash yields the same hashes); it MAY keep the longer of the two.</li>
 *   <li>{@link #storeCheckpoint} is a compare-and-set: it MUST atomically store {@code next} only if the latest
 *       stored checkpoint is {@code expected} (same size and root; empty meaning none stored), and MUST NOT
 *       return {@code true} before {@code next} is durable. It MUST refuse (return {@code false}) a {@code next}
 *       smaller than the latest stored size, or of the same size with a different root, whatever
 *       {@code expected} says: a checkpoint is never signed twice for one size with different roots, even across
 *       a crash, because the log stores a signed checkpoint before it publishes it.</li>
 *   <li>{@link #latestCheckpoint} MUST return the checkpoint of the last successful {@link #storeCheckpoint}.</li>
 * </ol>
 */
public interface LogStorage {
  /** Appends {@code entries} durably after all sequenced ones and returns the index of the first. */
  long sequence(List<Octets> entries);

  /** The number of durably sequenced entries. */
  long sequencedSize();

  /** Entries {@code [from, from + count)}, all of which MUST have been sequenced. */
  List<Octets> readEntries(long from, int count);

  /** The stored content of hash tile {@code (level, index)}, if any. */
  Optional<Tile> readTile(int level, long index);

  /** Stores the given tiles durably (see rule 3). */
  void writeTiles(List<Tile> tiles);

  /** The latest stored signed checkpoint. */
  Optional<StoredCheckpoint> latestCheckpoint();

  /** Compare-and-set of the latest checkpoint (see rule 4); true if {@code next} is now durably stored. */
  boolean storeCheckpoint(Optional<StoredCheckpoint> expected, StoredCheckpoint next);
}
