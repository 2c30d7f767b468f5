package org.parley.node.log;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.parley.tlog.Checkpoint;
import org.parley.tlog.Note;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;

/**
 * One sequencing round: integrates every pending leaf (in batches), then signs a checkpoint of the new tree
 * head. The root of a size is committed (durably) before any signature over it is made, and the checkpoint
 * table holds at most one note per size, so no crash can lead to two checkpoints of one size with different
 * roots. Only the holder of the lease in {@code log_state} sequences or signs.
 */
final class Sequencer {
  private final JdbcLog store;
  private final SignerKey key;
  private final String origin;
  private final Clock clock;
  private final String holder;
  private final long leaseMicros;
  private final int maxBatch;

  Sequencer(JdbcLog store, SignerKey key, Clock clock, String holder, Duration lease, int maxBatch) {
    this.store = store;
    this.key = key;
    this.origin = key.name();
    this.clock = clock;
    this.holder = holder;
    this.leaseMicros = lease.toNanos() / 1000;
    this.maxBatch = maxBatch;
  }

  /**
   * Runs one round. Returns the checkpoint now stored for the tree head, or empty when another process holds
   * the lease.
   */
  Optional<JdbcLog.StoredCheckpoint> round() throws SQLException {
    long now = micros();
    long before = store.head().size();
    JdbcLog.TreeHead fixed;
    // Keep integrating while full batches come back, so that a burst is sequenced in one round (bounded).
    for (int batch = 0; ; batch++) {
      Optional<JdbcLog.TreeHead> head = store.integrate(holder, now, now + leaseMicros, maxBatch);
      if (head.isEmpty()) {
        return Optional.empty();
      }
      fixed = head.get();
      if (fixed.size() - before < maxBatch || batch == 63) {
        break;
      }
      before = fixed.size();
    }
    try (JdbcLogReader reader = store.reader()) {
      Optional<JdbcLog.StoredCheckpoint> latest = reader.latestCheckpoint();
      if (latest.isPresent() && latest.get().size() == fixed.size()) {
        return latest;
      }
    }
    Checkpoint checkpoint = new Checkpoint(origin, fixed.size(), fixed.root());
    String note = new SignedCheckpoint(checkpoint, Note.sign(checkpoint.body(), key)).encode();
    return Optional.of(store.storeCheckpoint(holder, micros(), micros() + leaseMicros, fixed, note));
  }

  /** Gives up the lease, so another process may take over without waiting for it to run out. */
  void release() throws SQLException {
    store.release(holder);
  }

  private long micros() {
    java.time.Instant t = clock.instant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
