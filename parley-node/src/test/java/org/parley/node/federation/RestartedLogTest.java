package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.node.log.LogRestart;
import org.parley.node.store.Candidate;
import org.parley.node.store.Database;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;

/**
 * A peer whose log was started again ({@link LogRestart}, docs/design/log.md) and added again with its new keys:
 * what it deletes afterwards still reaches this node's mirrors, though the new log's leaf indices start at 0 again.
 */
class RestartedLogTest extends TwoNodes {
  static final String V1 = "2026-01-01T00:00:00.000Z";

  @Test
  void aDeletionInThePeersRestartedLog_reachesTheMirror_onceThePeerIsAddedAgainWithItsNewKeys() throws Exception {
    a = FedNode.start("A", tmp.resolve("a"), Duration.ofMillis(100));
    b = FedNode.start("B", tmp.resolve("b"), Duration.ofMillis(100));
    String incident = pairUp();
    List<Candidate> five = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      five.add(Candidate.accepted(TestObjects.indicator(n, V1, Optional.of(Tlp.GREEN))));
    }
    assertThat(a.objects.append(incident, "A", five).failureCount()).isZero(); // leaves 0-4
    for (int n = 1; n <= 3; n++) {
      a.objects.delete(incident, new Viewer("A", Tlp.RED, Tlp.RED), TestObjects.indicator(n).id(), VersionFilter.ALL,
          List.of()); // leaves 5-7: B's deletion cursor ends at 7
    }
    rounds(() -> held(incident).size() == 2);
    assertThat(held(incident)).containsExactlyInAnyOrder(id(0), id(4)); // B's copy of 4 stands on leaf 4
    a.close();
    a = null;

    LogRestart.restart(Database.sqliteUrl(tmp.resolve("a")), "a.example/parley-2", tmp.resolve("old"),
        Clock.systemUTC(), new SecureRandom(), Federation::forgetOwnLog, m -> { }); // the new log: 0 and 4
    a = FedNode.reopen("A", tmp.resolve("a"), Duration.ofMillis(100));
    b.addPeer(a); // the new log key and witness key, as the restart says
    a.objects.delete(incident, new Viewer("A", Tlp.RED, Tlp.RED), id(4), VersionFilter.ALL, List.of()); // leaf 2

    rounds(() -> held(incident).size() == 1);
    assertThat(held(incident)).containsExactly(id(0));
  }

  static String id(int n) {
    return TestObjects.indicator(n).id();
  }

  /** The ids of A's objects that B holds in its mirror of {@code incident}. */
  List<String> held(String incident) throws Exception {
    String mirror = b.federation.mirror("A", incident, false).orElseThrow();
    return b.objects.query(new ObjectQuery(mirror, new Viewer("B", Tlp.RED, Tlp.RED), OptionalLong.empty(),
        List.of(), List.of(), List.of(), VersionFilter.ALL, OptionalLong.empty(), 100)).rows().stream()
        .map(v -> v.objectId()).distinct().toList();
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /** Rounds of both nodes until {@code done} holds, for at most 15 seconds. */
  void rounds(Condition done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    do {
      a.round();
      b.round();
      Thread.sleep(50);
    } while (!holds(done) && System.nanoTime() < deadline);
  }

  private static boolean holds(Condition done) throws Exception {
    try {
      return done.holds();
    } catch (java.util.NoSuchElementException e) {
      return false; // no mirror yet
    }
  }
}
