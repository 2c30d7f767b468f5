package org.parley.cli.attribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.attribution.AttributionEngine;
import org.parley.attribution.Evaluation;
import org.parley.attribution.Incident;
import org.parley.attribution.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley kb bench BUNDLE DIR}: the speed goals, rerunnable — knowledge-base load (ATT&CK bundle and
 * compact file), one incident after load (full assessment: matrix and sensitivity included), 1,000 incidents.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time knowledge-base load, one incident, and 1,000 incidents (cases from an eval DIR).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUNDLE", description = "ATT&CK bundle (.json or .json.gz)") Path bundle;
  @Parameters(index = "1", paramLabel = "DIR", description = "eval directory whose cases are replayed") Path dir;
  @Option(names = "--rounds", defaultValue = "5", description = "load repetitions (default 5)") int rounds;

  @Override
  public Integer call() throws Exception {
    byte[] raw = Files.readAllBytes(bundle);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] load = new double[rounds];
    double[] loadCpu = new double[rounds];
    double[] loadProcessCpu = new double[rounds];
    KnowledgeBase kb = null;
    for (int i = 0; i < rounds; i++) {
      long pc = processCpuNanos();
      long c = cpu.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      kb = KnowledgeBase.read(new ByteArrayInputStream(raw));
      load[i] = ms(t);
      loadCpu[i] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
      loadProcessCpu[i] = (processCpuNanos() - pc) / 1e6;
    }
    ByteArrayOutputStream compact = new ByteArrayOutputStream();
    kb.writeCompact(compact);
    double[] loadCompact = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      KnowledgeBase.read(new ByteArrayInputStream(compact.toByteArray()));
      loadCompact[i] = ms(t);
    }
    long t0 = System.nanoTime();
    AttributionEngine engine = AttributionEngine.create(kb);
    double engineMs = ms(t0);
    List<Incident> incidents = new ArrayList<>();
    Evaluation.load(dir, kb).forEach(c -> incidents.add(c.incident()));
    for (int i = 0; i < 200; i++) { // JIT warm-up
      engine.attribute(incidents.get(i % incidents.size()));
    }
    // Each case five times, in rounds: a case's time is the median of its five (a JIT compilation or a pause
    // landing in one run is not the case's cost); the single slowest run is reported too.
    int runs = 5;
    double[][] wall = new double[incidents.size()][runs];
    double[][] wallCpu = new double[incidents.size()][runs];
    for (int r = 0; r < runs; r++) {
      for (int i = 0; i < incidents.size(); i++) {
        long c = cpu.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        engine.attribute(incidents.get(i));
        wall[i][r] = ms(t);
        wallCpu[i][r] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
      }
    }
    double[] one = new double[incidents.size()];
    double[] oneCpu = new double[incidents.size()];
    double slowestRun = 0;
    int slowest = 0;
    for (int i = 0; i < incidents.size(); i++) {
      one[i] = median(wall[i]);
      oneCpu[i] = median(wallCpu[i]);
      slowestRun = Math.max(slowestRun, max(wall[i]));
      slowest = one[i] > one[slowest] ? i : slowest;
    }
    long c1 = cpu.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      engine.attribute(incidents.get(i % incidents.size()));
    }
    double thousand = ms(t1);
    double thousandCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e6;
    System.out.printf(Locale.ROOT, "knowledge base: %s%n", kb);
    System.out.printf(Locale.ROOT, "load ATT&CK bundle (%d bytes): median %.0f ms wall / %.0f ms thread CPU / %.0f ms"
        + " process CPU (GC and JIT included), worst %.0f ms wall (goal ≤ 3000 ms)%n", raw.length, median(load),
        median(loadCpu), median(loadProcessCpu), max(load));
    System.out.printf(Locale.ROOT, "load compact file (%d bytes): median %.0f ms, worst %.0f ms%n",
        compact.size(), median(loadCompact), max(loadCompact));
    System.out.printf(Locale.ROOT, "engine index: %.0f ms%n", engineMs);
    System.out.printf(Locale.ROOT, "one incident (%d cases × %d runs, full assessment; per case the median run):"
        + " median %.2f ms wall / %.2f ms CPU, p95 %.2f wall / %.2f CPU, worst %.2f wall / %.2f CPU (%s, %d items)"
        + " (goal ≤ 20 ms); slowest single run %.2f ms%n", one.length, runs, median(one), median(oneCpu),
        percentile(one, 0.95), percentile(oneCpu, 0.95), max(one), max(oneCpu), incidents.get(slowest).name(),
        incidents.get(slowest).evidence().size(), slowestRun);
    System.out.printf(Locale.ROOT, "1,000 incidents: %.0f ms wall, %.0f ms CPU of this thread (goal ≤ 10000 ms)%n",
        thousand, thousandCpu);
    System.out.printf(Locale.ROOT, "(wall times include waiting for a CPU: compare with the load average, %.1f now)%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return 0;
  }

  /** CPU time of the whole JVM (all threads), or -1 where the platform does not report it. */
  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] v) {
    return percentile(v, 0.5);
  }

  private static double percentile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))];
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
