package org.parley.stix;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of parsing + validation, single thread, on real data: MITRE ATT&CK Enterprise v12.1 cut into
 * envelopes of 1,000 objects (the size the node ingests). Run:
 * <pre>
 * mvn -q -o -pl parley-core test-compile exec:java -Dexec.mainClass=org.parley.stix.StixBench -Dexec.classpathScope=test
 * </pre>
 * (or {@code java -cp <test classpath> org.parley.stix.StixBench [rounds]}). Prints, per object, the CPU time of
 * the benchmark thread (what a core spends, whatever else the machine runs) and the wall time.
 */
public final class StixBench {
  /** CPU time of this thread: on a shared machine wall time mostly measures the neighbours. */
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private StixBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<ParseResult> all = Stix.parseEnvelope(AttackBundle.bytes(), Compatibility.TOLERATE_2_0_OMISSIONS);
    List<byte[]> objects = new ArrayList<>();
    for (ParseResult r : all) {
      // Add what STIX 2.1 requires and ATT&CK v12.1 omits, so that the strict path (the node's) is measured.
      StixObject o = r.object().orElseThrow();
      String added = "{\"spec_version\":\"2.1\"," + ("malware".equals(o.type()) ? "\"is_family\":true," : "");
      objects.add((added + o.json().utf8().substring(1)).getBytes(StandardCharsets.UTF_8));
    }
    List<byte[]> envelopes = envelopes(objects, 1000);
    long bytes = envelopes.stream().mapToLong(e -> e.length).sum();
    System.out.printf("%d objects (%.1f MB) in %d envelopes of up to 1000%n", objects.size(), bytes / 1e6, envelopes.size());
    for (int round = 1; round <= rounds; round++) {
      long accepted = 0;
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (byte[] envelope : envelopes) {
        for (ParseResult r : Stix.parseEnvelope(envelope)) {
          accepted += r.accepted() ? 1 : 0;
        }
      }
      long t1 = System.nanoTime();
      long c1 = CPU.getCurrentThreadCpuTime();
      for (byte[] o : objects) {
        Stix.parseObject(o);
      }
      long t2 = System.nanoTime();
      long c2 = CPU.getCurrentThreadCpuTime();
      int n = objects.size();
      System.out.printf("round %d: parseEnvelope %.1f µs/object CPU (%.1f wall; %,.0f objects/s per core by CPU time; %d accepted);"
              + " parseObject %.1f µs/object CPU (%.1f wall)%n",
          round, (c1 - c0) / 1e3 / n, (t1 - t0) / 1e3 / n, n / ((c1 - c0) / 1e9), accepted, (c2 - c1) / 1e3 / n, (t2 - t1) / 1e3 / n);
    }
  }

  private static List<byte[]> envelopes(List<byte[]> objects, int size) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < objects.size(); i += size) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes("{\"objects\":[".getBytes(StandardCharsets.UTF_8));
      for (int j = i; j < Math.min(objects.size(), i + size); j++) {
        if (j > i) {
          b.write(',');
        }
        b.writeBytes(objects.get(j));
      }
      b.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
      out.add(b.toByteArray());
    }
    return out;
  }
}
