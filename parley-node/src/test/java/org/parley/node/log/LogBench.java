package org.parley.node.log;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.parley.tlog.Hash;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.Merkle;
import org.parley.tlog.SignedCheckpoint;

/**
 * The log's figures on this machine, against a real SQLite file (synchronous=FULL: every commit is durable):
 * <ol>
 *   <li>durable appends/s, batched: leaves enqueued in transactions of {@code BATCH} (as an envelope's objects
 *       are), while the sequencer thread integrates and signs; timed until a checkpoint covers them all;</li>
 *   <li>checkpoint interval: the gaps between stored checkpoints during that load;</li>
 *   <li>inclusion-proof generation at N entries: p50/p99/max over random leaves, both the raw RFC 9162 proof
 *       and the whole {@code /log/proof} lookup (index, entry, proof, checkpoint).</li>
 * </ol>
 * Run: {@code parley-node/bench-log.sh [entries=1000000] [batch=1000]}.
 */
public final class LogBench {
  private LogBench() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Path dir = Files.createTempDirectory("parley-log-bench");
    String url = "jdbc:sqlite:" + dir.resolve("parley.db");
    System.out.printf("log bench: %,d entries, %,d per transaction, SQLite at %s%n", total, batch, dir);
    // As in the node: store writers and the log share one fair SQLite writer lock.
    java.util.concurrent.locks.ReentrantLock writer = new java.util.concurrent.locks.ReentrantLock(true);
    try (TransparencyLog log = TransparencyLog.open(url, java.util.Optional.of("bench.parley.invalid/log"),
            Clock.systemUTC(), new SecureRandom(), TransparencyLog.Options.defaults(), java.util.Optional.of(writer));
        HikariDataSource store = LogDataSources.open(url, 2)) {
      log.start();
      long t0 = System.nanoTime();
      for (int done = 0; done < total; ) {
        int n = Math.min(batch, total - done);
        writer.lock();
        try (Connection tx = store.getConnection()) {
          tx.setAutoCommit(false);
          for (int i = 0; i < n; i++) {
            JdbcLogStorage.enqueue(tx, leaf(done + i), 1_767_225_600_000_000L);
          }
          tx.commit();
        } finally {
          writer.unlock();
        }
        done += n;
      }
      long enqueued = System.nanoTime();
      while (log.checkpoint().map(c -> c.checkpoint().size()).orElse(0L) < total) {
        Thread.sleep(5);
      }
      long covered = System.nanoTime();
      System.out.printf("appends: %,d leaves committed in %.2f s = %,.0f durable appends/s (enqueue only: %,.0f/s)%n",
          total, seconds(covered - t0), total / seconds(covered - t0), total / seconds(enqueued - t0));
      checkpointIntervals(url);
      proofs(log, total);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void checkpointIntervals(String url) throws Exception {
    try (HikariDataSource ds = LogDataSources.open(url, 1); Connection c = ds.getConnection()) {
      List<JdbcLogIndex.Timed> all = JdbcLogIndex.checkpoints(c);
      long[] gaps = new long[all.size() - 1];
      for (int i = 1; i < all.size(); i++) {
        gaps[i - 1] = all.get(i).storedAtMicros() - all.get(i - 1).storedAtMicros();
      }
      Arrays.sort(gaps);
      System.out.printf("checkpoints: %d signed under load; interval p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
          all.size(), gaps[gaps.length / 2] / 1e3, gaps[(int) (gaps.length * 0.99)] / 1e3,
          gaps[gaps.length - 1] / 1e3);
    }
  }

  private static void proofs(TransparencyLog log, int total) throws Exception {
    SignedCheckpoint signed = log.checkpoint().orElseThrow();
    long size = signed.checkpoint().size();
    Random random = new Random(1);
    int samples = 20_000;
    for (int warm = 0; warm < 2_000; warm++) {
      log.inclusionProof(random.nextInt(total), size);
    }
    long[] raw = new long[samples];
    long[] rawCpu = new long[samples];
    long[] full = new long[samples];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < samples; i++) {
      int index = random.nextInt(total);
      long cpu = threads.getCurrentThreadCpuTime();
      long a = System.nanoTime();
      InclusionProof proof = log.inclusionProof(index, size);
      raw[i] = System.nanoTime() - a;
      rawCpu[i] = threads.getCurrentThreadCpuTime() - cpu;
      long b = System.nanoTime();
      ProofBundle bundle = log.proof("collection", objectId(index), 1_767_225_600_000_000L, LogLeaf.Op.ADD)
          .orElseThrow();
      full[i] = System.nanoTime() - b;
      if (i % 1000 == 0) { // spot-check: the proofs are right, not just fast
        proof.verify(Merkle.leafHash(leaf(index).encode()), signed.checkpoint().root());
        bundle.verify(log.verifierKey());
      }
    }
    report("inclusion proof (RFC 9162 PATH from tiles), wall clock", raw, size);
    report("inclusion proof (RFC 9162 PATH from tiles), thread CPU time", rawCpu, size);
    report("proof bundle (/log/proof: lookup + entry + PATH), wall clock", full, size);
    System.out.printf("machine load average at the end: %.1f on %d cores%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  private static void report(String what, long[] nanos, long size) {
    Arrays.sort(nanos);
    System.out.printf("%s at %,d entries: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d samples)%n", what, size,
        nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6,
        nanos.length);
  }

  static String objectId(int i) {
    return "indicator--" + new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L | i);
  }

  static LogLeaf leaf(int i) {
    return new LogLeaf(LogLeaf.Op.ADD, "collection", objectId(i), "2026-01-01T00:00:00.000Z",
        Hash.sha256(Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex(), "bench-party",
        "2026-01-01T00:00:00.000000Z");
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
