package org.parley.node.log;

import java.util.Optional;
import org.parley.tlog.Log;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;

/**
 * One sequencing round: renew the lease, move every pending leaf into the log (in batches), then let the tlog
 * {@link Log} integrate and sign. The {@link Log} signs only roots computed from durably sequenced entries and
 * stores its checkpoint (compare-and-set, one row per size, lease checked in the same transaction) before
 * publishing it, so no crash can yield two checkpoints of one size with different roots.
 *
 * <p>Also keeps the {@link Log} that readers use current: a process that does not hold the lease reopens it when
 * the lease holder has stored a newer checkpoint.
 */
final class Sequencer {
  private static final int MAX_BATCHES_PER_ROUND = 64;

  private final JdbcLogStorage storage;
  private final SignerKey key;
  private final int maxBatch;
  private volatile Log log;

  Sequencer(JdbcLogStorage storage, SignerKey key, int maxBatch) throws ProofException {
    this.storage = storage;
    this.key = key;
    this.maxBatch = maxBatch;
    this.log = Log.open(storage, key);
  }

  /** Runs one round; the checkpoint now published, or empty when another process holds the lease. */
  Optional<SignedCheckpoint> round() throws ProofException {
    // One turn at the writer lock for the whole round (its transactions re-enter it): under a steady stream of
    // store writes the round waits once, not once per transaction.
    storage.writer().lock();
    try {
      return roundLocked();
    } finally {
      storage.writer().unlock();
    }
  }

  private synchronized Optional<SignedCheckpoint> roundLocked() throws ProofException {
    if (!storage.renewLease()) {
      long stored = storage.latestCheckpoint().map(c -> c.size()).orElse(0L);
      if (stored > log.size()) {
        log = Log.open(storage, key);
      }
      return Optional.empty();
    }
    for (int i = 0; i < MAX_BATCHES_PER_ROUND && storage.drainPending(maxBatch) == maxBatch; i++) {
      // keep draining a burst
    }
    try {
      return Optional.of(log.integrate());
    } catch (ProofException | RuntimeException e) {
      // The stored state moved under us (e.g. the lease changed hands): start again from what is stored.
      log = Log.open(storage, key);
      throw e;
    }
  }

  /** The log as of the latest checkpoint this process knows. */
  Log log() {
    return log;
  }

  void release() {
    storage.releaseLease();
  }
}
