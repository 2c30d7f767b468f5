package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Candidate;
import org.parley.node.store.Database;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;

/**
 * Measures "object accepted at A" (the store's append returned: durable, leaf pending) to "verified and stored
 * at B" (B's store holds it, after A's log sequenced it, B and C cosigned a checkpoint covering it, and B
 * verified its inclusion), on loopback with three real {@link Node}s (production wiring) running their background loops at the
 * default intervals (log sequencing 250 ms, cosignature collection 50 ms, pull rounds 100 ms). Not part of {@code mvn test} (the class name
 * does not end in Test); run it with:
 *
 * <pre>
 * mvn -q -B -o -pl parley-node -am test -Dtest=FederationLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It prints p50, p90, p99 and max over {@code PARLEY_BENCH_OBJECTS} objects (default 40) and writes them to
 * {@code parley-node/target/federation-latency.txt}. The target is p99 ≤ 3 s.
 */
class FederationLatencyBenchmark {
  @TempDir Path tmp;

  @Test
  void acceptedAtA_toVerifiedAndStoredAtB() throws Exception {
    int n = Integer.parseInt(Optional.ofNullable(System.getenv("PARLEY_BENCH_OBJECTS")).orElse("40"));
    List<Long> millis = new ArrayList<>();
    List<Long> toSigned = new ArrayList<>();
    List<Long> toCosigned = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    try {
      for (String party : List.of("A", "B", "C")) {
        Path dir = tmp.resolve(party);
        try (PeerRegistry r = PeerRegistry.open(Database.sqliteUrl(dir), Clock.systemUTC())) {
          r.setSelf(party);
        }
        Node node = Node.start(NodeConfig.local(dir));
        node.directory().addParty(party);
        nodes.add(node);
      }
      String[] names = {"A", "B", "C"};
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          if (i != j) {
            Node other = nodes.get(j);
            other.directory().addParty(names[i]);
            String token = Tokens.issue(other.directory(), names[i], new SecureRandom());
            nodes.get(i).federation().addPeer(new Peer(names[j], URI.create(other.url()), token,
                other.log().verifierKey(), Optional.of(other.federation().witnessKey())));
          }
        }
      }
      Node a = nodes.get(0);
      Node b = nodes.get(1);
      List<org.parley.tlog.VerifierKey> witnesses = List.of(b.federation().witnessKey(),
          nodes.get(2).federation().witnessKey());
      String coll = a.directory().addCollection("bench", Optional.empty(), new SharingAgreement(List.of(
          new Member("A", Set.of(Role.READ, Role.WRITE), Tlp.RED),
          new Member("B", Set.of(Role.READ), Tlp.GREEN),
          new Member("C", Set.of(Role.READ), Tlp.GREEN)), Tlp.GREEN));
      for (int i = 0; i < n; i++) {
        StixObject o = TestObjects.indicator(1000 + i, "2026-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN));
        long t0 = System.nanoTime();
        a.objects().append(coll, "A", List.of(Candidate.accepted(o, Optional.of(Tlp.GREEN))));
        long leaves = i + 1;
        long signed = 0;
        long cosigned = 0;
        while (!storedAt(b, coll, o.id())) {
          assertThat(System.nanoTime() - t0).as("object %d did not reach B within 30 s", i)
              .isLessThan(30_000_000_000L);
          var cp = a.log().checkpoint();
          if (signed == 0 && cp.isPresent() && cp.get().checkpoint().size() >= leaves) {
            signed = System.nanoTime();
          }
          if (cosigned == 0 && cp.isPresent() && cp.get().checkpoint().size() >= leaves
              && cp.get().cosignatures(witnesses).size() >= 2) {
            cosigned = System.nanoTime();
          }
          Thread.sleep(5);
        }
        long done = System.nanoTime();
        millis.add((done - t0) / 1_000_000);
        toSigned.add(((signed == 0 ? done : signed) - t0) / 1_000_000);
        toCosigned.add(((cosigned == 0 ? done : cosigned) - t0) / 1_000_000);
      }
    } finally {
      nodes.forEach(Node::close);
    }
    assertThat(millis).hasSize(n);
    String report = line("accepted@A -> verified+stored@B", millis)
        + line("  of which accepted@A -> signed checkpoint covers it", toSigned)
        + line("  of which accepted@A -> checkpoint cosigned by B and C", toCosigned)
        + "load average at end: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores\n";
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "federation-latency.txt"), report);
  }

  static String line(String what, List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format("%s over %d objects (ms): p50=%d p90=%d p99=%d max=%d%n", what, sorted.size(),
        pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1));
  }

  static long pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static boolean storedAt(Node node, String remote, String id) throws Exception {
    Optional<String> local = node.federation().mirror("A", remote, false);
    return local.isPresent() && !node.objects().query(new ObjectQuery(local.get(),
        new Viewer("B", Tlp.RED, Tlp.RED), OptionalLong.empty(), List.of(id), List.of(), List.of(),
        VersionFilter.ALL, OptionalLong.empty(), 1)).rows().isEmpty();
  }
}
