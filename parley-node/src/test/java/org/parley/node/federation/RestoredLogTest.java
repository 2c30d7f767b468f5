package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.node.backup.Backups;
import org.parley.node.store.Candidate;
import org.parley.node.store.TestObjects;

/**
 * What docs/design/log.md says a restore from an older backup means: the restored log cannot extend the history its
 * witness cosigned, so it gets no cosignature, says why, and the witness records the rewrite as evidence.
 */
class RestoredLogTest extends TwoNodes {

  private void share(String collection, int from, int to) throws Exception {
    List<Candidate> cs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      cs.add(Candidate.accepted(TestObjects.indicator(i, "2026-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN))));
    }
    assertThat(a.objects.append(collection, "A", cs).failureCount()).isZero();
  }

  private void sequenceTo(long size) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (a.log.checkpoint().orElseThrow().checkpoint().size() < size && System.nanoTime() < deadline) {
      a.log.sequence(); // the snapshot holds the old process's sequencing lease until it expires
      Thread.sleep(50);
    }
    assertThat(a.log.checkpoint().orElseThrow().checkpoint().size()).isEqualTo(size);
  }

  @Test
  void aLogRestoredFromBeforeWhatItsWitnessCosigned_getsNoCosignature_andTheWitnessKeepsTheRewriteAsEvidence()
      throws Exception {
    a = FedNode.start("A", tmp.resolve("a"), Duration.ofMillis(100));
    b = FedNode.start("B", tmp.resolve("b"), Duration.ofMillis(100));
    String incident = pairUp();
    share(incident, 0, 3);
    assertThat(a.round().cosignatures()).isEqualTo(1);
    Backups.create(tmp.resolve("a"), tmp.resolve("backup"), Clock.systemUTC()); // at size 3
    share(incident, 3, 6);
    assertThat(a.round().cosignatures()).isEqualTo(1); // B has now cosigned size 6
    a.close();
    a = null;

    Backups.restore(tmp.resolve("backup"), tmp.resolve("a-restored"));
    a = FedNode.start("A", tmp.resolve("a-restored"), Duration.ofMillis(100));
    share(incident, 100, 102); // two other objects: size 5, short of what B saw, with another history
    sequenceTo(5);
    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    int cosignedBehind;
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try {
      cosignedBehind = a.round().cosignatures();
    } finally {
      System.setErr(err);
    }
    share(incident, 102, 105); // size 8: past what B saw
    sequenceTo(8);
    int cosignedPast = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (b.federation.alerts().isEmpty() && System.nanoTime() < deadline) {
      cosignedPast += a.round().cosignatures(); // B is asked again once its pause after the refusal has passed
      Thread.sleep(100);
    }

    assertThat(cosignedBehind).isZero();
    assertThat(said.toString(StandardCharsets.UTF_8)).contains("event=witness_ahead peer=B witness_size=6 size=5");
    assertThat(cosignedPast).isZero();
    assertThat(b.federation.alerts()).isNotEmpty().allSatisfy(alert -> {
      assertThat(alert.peer()).isEqualTo("A");
      assertThat(alert.kind()).isIn("inconsistent-checkpoint", "fork");
    });
  }
}
