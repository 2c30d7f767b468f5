package org.parley.tlog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rerunnable benchmark of the log's figures (not a test: timing goals live here, never in assertions).
 *
 * <pre>
 * mvn -q -B -o -pl parley-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp parley-core/target/classes:parley-core/target/test-classes:$(cat parley-core/target/cp.txt) \
 *     org.parley.tlog.LogBench [entries=1000000] [batch=1000] [fileEntries=200000] [proofs]
 * </pre>
 */
public final class LogBench {
  private LogBench() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int fileEntries = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    boolean proofsOnly = args.length > 3 && args[3].equals("proofs");
    System.out.printf("java %s, %d cores%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    Log memory = Log.open(new InMemoryLogStorage(), LogTest.key());
    double memRate = appendAndIntegrate(memory, entries, batch);
    System.out.printf("append+integrate, in memory: %,d entries in batches of %d: %,.0f entries/s%n",
        entries, batch, memRate);

    proofLatencies(memory, entries);
    if (proofsOnly) {
      return;
    }

    Path dir = Files.createTempDirectory("parley-tlog-bench");
    try (FileLogStorage storage = FileLogStorage.open(dir)) {
      Log file = Log.open(storage, LogTest.key());
      double fileRate = appendAndIntegrate(file, fileEntries, batch);
      System.out.printf("append+integrate, FileLogStorage (fsync per batch): %,d entries in batches of %d: "
          + "%,.0f durable entries/s%n", fileEntries, batch, fileRate);
      double sequencer = appendAndIntegrate(file, fileEntries, batch, 10);
      System.out.printf("append (durable, batches of %d) with integrate+checkpoint every 10 batches, FileLogStorage: "
          + "%,.0f durable entries/s%n", batch, sequencer);
      double small = appendAndIntegrate(file, Math.min(fileEntries, 20_000), 100);
      System.out.printf("append+integrate, FileLogStorage, batches of 100: %,.0f durable entries/s%n", small);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }

    ed25519();
  }

  static double appendAndIntegrate(Log log, int n, int batch) throws ProofException {
    return appendAndIntegrate(log, n, batch, 1);
  }

  /** Appends {@code n} entries in durable batches, integrating (and signing a checkpoint) every few batches. */
  static double appendAndIntegrate(Log log, int n, int batch, int batchesPerCheckpoint) throws ProofException {
    Random random = new Random(1);
    long start = System.nanoTime();
    int batches = 0;
    for (int done = 0; done < n; done += batch) {
      List<byte[]> entries = new ArrayList<>(batch);
      for (int i = 0; i < Math.min(batch, n - done); i++) {
        byte[] e = new byte[200]; // about the size of a canonical leaf record
        random.nextBytes(e);
        entries.add(e);
      }
      log.append(entries);
      if (++batches % batchesPerCheckpoint == 0 || done + batch >= n) {
        log.integrate();
      }
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Wall-clock latency and the thread's own CPU time per proof: on a shared, overloaded machine the wall-clock
   * tail measures the scheduler (time spent preempted), the CPU-time tail measures the code.
   */
  static void proofLatencies(Log log, long size) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Random random = new Random(2);
    int rounds = 100_000;
    for (int i = 0; i < 20_000; i++) { // warm-up
      log.inclusionProof((long) (random.nextDouble() * size), size);
    }
    long[] wall = new long[rounds];
    long[] cpu = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long index = (long) (random.nextDouble() * size);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      log.inclusionProof(index, size);
      wall[i] = System.nanoTime() - t0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    report("inclusion proof at " + size + " entries, wall clock", wall);
    report("inclusion proof at " + size + " entries, thread CPU time", cpu);
    for (int i = 0; i < rounds; i++) {
      long old = 1 + (long) (random.nextDouble() * (size - 1));
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      log.consistencyProof(old, size);
      wall[i] = System.nanoTime() - t0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    report("consistency proof to " + size + " entries, wall clock", wall);
    report("consistency proof to " + size + " entries, thread CPU time", cpu);
    System.out.printf("system load average during the run: %.1f on %d cores%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("%s (%,d samples): p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", what,
        sorted.length, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
  }

  static double ms(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  static void ed25519() throws ProofException {
    SignerKey key = LogTest.key();
    Checkpoint c = new Checkpoint(key.name(), 1_000_000, Merkle.leafHash(new byte[] {1}));
    String body = c.body();
    int n = 20_000;
    for (int i = 0; i < 2_000; i++) {
      key.sign(body);
    }
    long t0 = System.nanoTime();
    NoteSignature sig = null;
    for (int i = 0; i < n; i++) {
      sig = key.sign(body);
    }
    double signRate = n / ((System.nanoTime() - t0) / 1e9);
    Note note = new Note(body, List.of(sig));
    List<VerifierKey> keys = List.of(key.verifierKey());
    for (int i = 0; i < 2_000; i++) {
      note.verify(keys);
    }
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      note.verify(keys);
    }
    double verifyRate = n / ((System.nanoTime() - t0) / 1e9);
    System.out.printf("Ed25519 (BouncyCastle) checkpoint note: sign %,.0f/s, verify %,.0f/s%n", signRate, verifyRate);
  }
}
