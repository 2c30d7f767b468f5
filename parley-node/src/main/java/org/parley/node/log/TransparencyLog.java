package org.parley.node.log;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.node.store.AppendHook;
import org.parley.tlog.ConsistencyProof;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.NoteSignature;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.Octets;
import org.parley.tlog.TileId;
import org.parley.tlog.VerifierKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of a node's transparency log: every object version the store accepts becomes a leaf in the same
 * transaction ({@link #appendHook()}); a sequencer thread integrates pending leaves and signs a checkpoint every
 * {@link Options#interval()}; readers get checkpoints, tiles, entry bundles and proofs.
 *
 * <p>Several processes may open one PostgreSQL log: only the holder of the lease row sequences and signs, so
 * the log never signs a fork. See {@code docs/design/log.md}.
 */
public final class TransparencyLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);

  /**
   * How the log sequences.
   *
   * @param interval time between the starts of two sequencing rounds (a round that takes longer is followed at
   *     once by the next)
   * @param lease how long a sequencer's lease lasts without renewal (another process takes over after it)
   * @param maxBatch leaves integrated per transaction
   */
  public record Options(Duration interval, Duration lease, int maxBatch) {
    public Options {
      if (interval.isNegative() || interval.isZero() || lease.compareTo(interval.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException("need interval > 0 and lease >= 2 * interval");
      }
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch: expected >= 1, got " + maxBatch);
      }
    }

    public static Options defaults() {
      return new Options(Duration.ofMillis(250), Duration.ofSeconds(3), 10_000);
    }
  }

  private final HikariDataSource data;
  private final SignerKey key;
  private final Sequencer sequencer;
  private final Clock clock;
  private final Options options;
  private final LogReads reads;
  private ScheduledExecutorService thread;
  private boolean closed;

  private TransparencyLog(HikariDataSource data, JdbcLogStorage storage, SignerKey key, Clock clock,
      Options options) throws ProofException {
    this.data = data;
    this.key = key;
    this.clock = clock;
    this.options = options;
    this.sequencer = new Sequencer(storage, key, options.maxBatch());
    this.reads = new LogReads(storage, sequencer, key.name());
  }

  /**
   * Opens (creating on first use) the log in the database at {@code jdbcUrl} under {@code origin}: migrates its
   * tables, and loads the signing key, generating it from {@code random} on first start. Does not start sequencing:
   * see {@link #start()}.
   *
   * @param origin the log's C2SP origin line and key name (e.g. {@code cert.example/parley}); fixed for ever at
   *     first start, and refused when the stored log has another one
   */
  public static TransparencyLog open(String jdbcUrl, String origin, Clock clock, SecureRandom random,
      Options options) throws LogException {
    return open(jdbcUrl, Optional.of(origin), clock, random, options, Optional.empty());
  }

  /**
   * Opens (creating on first use) the log in the database at {@code jdbcUrl}; every write transaction of the log
   * also takes {@code sqliteWriteLock}: the lock the node's store writers take on SQLite, so that the sequencer
   * gets its turn fairly under a steady stream of writes.
   *
   * @param origin the origin the configuration names. Empty: the log keeps the origin it has, and a new log gets
   *     {@code parley.invalid/<16 hex>}; when several processes create the log at once, all of them adopt the
   *     origin (and key) the first of them stored. Present: the origin of a new log; an existing log with another
   *     origin is refused (a log's origin never changes: peers pin it)
   */
  public static TransparencyLog open(String jdbcUrl, Optional<String> origin, Clock clock, SecureRandom random,
      Options options, Optional<java.util.concurrent.locks.Lock> sqliteWriteLock) throws LogException {
    Objects.requireNonNull(origin, "origin");
    HikariDataSource data;
    try {
      data = LogDataSources.open(jdbcUrl, 4);
    } catch (RuntimeException e) {
      throw new LogException("cannot open the log: " + e.getMessage(), e);
    }
    try {
      JdbcLogStorage storage = new JdbcLogStorage(data, clock, "sequencer-" + UUID.randomUUID(), options.lease(),
          sqliteWriteLock.orElseGet(java.util.concurrent.locks.ReentrantLock::new));
      storage.migrate();
      SignerKey key = SignerStore.loadOrCreate(data, origin, micros(clock), random);
      return new TransparencyLog(data, storage, key, clock, options);
    } catch (SQLException | LogException | ProofException | RuntimeException e) {
      data.close();
      if (e instanceof LogException le) {
        throw le;
      }
      throw new LogException("cannot open the log: " + e.getMessage(), e);
    }
  }

  /** Opens an existing log under the origin it was created with (for tools such as {@code parley log}). */
  public static TransparencyLog openExisting(String jdbcUrl, Clock clock) throws LogException {
    String origin = storedOrigin(jdbcUrl).orElseThrow(
        () -> new LogException("no log in " + redact(jdbcUrl) + ": the node has never started"));
    return open(jdbcUrl, origin, clock, new SecureRandom(), Options.defaults());
  }

  /** The origin of the log in the database at {@code jdbcUrl}; empty when its node has never started. */
  static Optional<String> storedOrigin(String jdbcUrl) throws LogException {
    try (HikariDataSource data = LogDataSources.open(jdbcUrl, 1)) {
      try (Connection c = data.getConnection()) {
        LogSchema.apply(c, LogDialect.of(c));
      }
      return SignerStore.origin(data);
    } catch (SQLException | RuntimeException e) {
      throw new LogException("cannot open the log: " + e.getMessage(), e);
    }
  }

  /** The store hook that turns every accepted object version into a pending leaf, in the store's transaction. */
  public AppendHook appendHook() {
    return LogHook.INSTANCE;
  }

  /** Starts sequencing on a daemon thread owned by this log, until {@link #close()}. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-log-sequencer");
      t.setDaemon(true);
      return t;
    });
    long periodMillis = Math.max(1, options.interval().toMillis());
    // Fixed rate: a round starts every interval, or right after the previous one when that took longer, so the
    // time between checkpoints under load is max(interval, round), not interval + round.
    thread.scheduleAtFixedRate(this::roundQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * One scheduled round, which never throws: a ScheduledExecutorService silently stops a periodic task whose run
   * throws, and a log that stops sequencing stops signing checkpoints. An Error (OutOfMemoryError when something
   * else filled the heap) is logged too, and the next round runs on schedule.
   */
  private void roundQuietly() {
    try {
      sequencer.round();
    } catch (ProofException | RuntimeException e) {
      LOG.warn("log sequencing round failed (will retry): {}", e.getMessage());
    } catch (VirtualMachineError e) {
      LOG.error("event=log_sequencing_failed error={} cause={} — the next round runs in {} ms; if this repeats, give"
          + " the node more memory (java -Xmx) and look for what filled it", e.getClass().getSimpleName(),
          e.getMessage(), options.interval().toMillis());
    } catch (Throwable e) {
      LOG.error("event=log_sequencing_failed error={} cause={} — the next round runs in {} ms",
          e.getClass().getName(), e.getMessage(), options.interval().toMillis(), e);
    }
  }

  /**
   * Runs one sequencing round now: integrates every pending leaf and signs the new tree head. Empty when another
   * process holds the sequencing lease.
   */
  public Optional<SignedCheckpoint> sequence() throws LogException {
    try {
      return sequencer.round();
    } catch (ProofException | RuntimeException e) {
      throw new LogException("sequencing failed: " + e.getMessage(), e);
    }
  }

  public String origin() {
    return key.name();
  }

  /** The log's public key, {@code name+hex8+base64} (C2SP signed-note verifier key). */
  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  /** The latest signed checkpoint, with every cosignature recorded for it. */
  public Optional<SignedCheckpoint> checkpoint() throws LogException {
    return reads.checkpoint();
  }

  /** The bytes of a tile or entry bundle of the published tree; empty when the latest checkpoint lacks it. */
  public Optional<Octets> tile(TileId tile) throws LogException {
    return reads.tile(tile);
  }

  /**
   * The proof that the given object version's leaf is in the tree of the latest checkpoint; empty when the leaf
   * is not (yet) covered by a checkpoint.
   */
  public Optional<ProofBundle> proof(String collection, String objectId, long versionMicros, LogLeaf.Op op)
      throws LogException {
    return reads.lookup(collection, objectId, versionMicros, op).proof();
  }

  /**
   * The {@code delete} leaves of {@code collection} after leaf {@code after} and inside the tree of the signed
   * {@code size}, oldest first, at most {@code limit}, each with its inclusion proof and {@code note} (the signed
   * checkpoint of that size, with whatever cosignatures the caller has for it).
   */
  public List<ProofBundle> deletions(String collection, long after, long size, int limit, String note)
      throws LogException {
    return reads.deletions(collection, after, size, limit, note);
  }

  /**
   * The proof as {@link #proof}, or else whether the leaf is logged and waits for a checkpoint — decided on one
   * checkpoint, so the answer never says "absent" of a leaf a checkpoint has just covered.
   */
  LogReads.Lookup lookup(String collection, String objectId, long versionMicros, LogLeaf.Op op)
      throws LogException {
    return reads.lookup(collection, objectId, versionMicros, op);
  }

  /** RFC 9162 §2.1.3.1 inclusion proof of leaf {@code index} in the tree of {@code size} (a signed size). */
  public InclusionProof inclusionProof(long index, long size) throws LogException {
    return reads.inclusionProof(index, size);
  }

  /** RFC 9162 §2.1.4.1 consistency proof between two tree sizes, e.g. for a witness's add-checkpoint. */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogException {
    return reads.consistencyProof(oldSize, newSize);
  }

  /**
   * Records the cosignatures among {@code lines} that verify, with one of {@code witnesses}, over the stored
   * checkpoint of {@code size}; others are ignored. Returns how many were recorded.
   */
  public int addCosignatures(long size, List<NoteSignature> lines, List<VerifierKey> witnesses)
      throws LogException {
    return reads.addCosignatures(size, lines, witnesses, micros(clock));
  }

  /** Size, root, pending leaves and cosignatures, for {@code parley log show} and health checks. */
  public LogStatus status() throws LogException {
    return reads.status();
  }

  /** Stops sequencing and gives up the lease, then closes the log's connections. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (thread != null) {
      thread.shutdown();
      try {
        thread.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    try {
      sequencer.release();
    } catch (RuntimeException e) {
      LOG.warn("could not release the sequencing lease: {}", e.getMessage());
    }
    data.close();
  }

  static long micros(Clock clock) {
    java.time.Instant t = clock.instant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static String redact(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }
}
