package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash consistency: with crashes injected at every point of the storage protocol, no acknowledged entry is lost
 * and no two checkpoints of one size ever carry different roots; every checkpoint extends the previous ones.
 */
class LogCrashTest {
  @ParameterizedTest
  @EnumSource(FaultyLogStorage.Point.class)
  void crashAtEachPoint_restartLosesNothingAndNeverForks(FaultyLogStorage.Point point) throws ProofException {
    FaultyLogStorage storage = new FaultyLogStorage();
    Log log = Log.open(storage, LogTest.key());
    List<byte[]> acknowledged = new ArrayList<>(LogTest.entries(300, 1));
    log.append(acknowledged);
    SignedCheckpoint first = log.integrate();

    storage.crashAt(point, 1);
    List<byte[]> batch = LogTest.entries(50, 2);
    boolean appended = false;
    try {
      log.append(batch);
      appended = true;
      log.integrate();
    } catch (FaultyLogStorage.Crash expected) {
      // the process dies here
    }
    storage.disarm();
    if (appended) {
      acknowledged.addAll(batch);
    }

    Log restarted = Log.open(storage, LogTest.key());
    SignedCheckpoint after = restarted.integrate();
    long size = after.checkpoint().size();
    assertThat(size).isGreaterThanOrEqualTo(acknowledged.size());
    for (int i = 0; i < acknowledged.size(); i++) {
      assertThat(restarted.entry(i).orElseThrow().toArray()).isEqualTo(acknowledged.get(i));
    }
    restarted.consistencyProof(first.checkpoint().size(), size).verify(first.checkpoint().root(),
        after.checkpoint().root());
    assertNoFork(storage.history());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomCrashes_manyRounds_keepEveryAcknowledgedEntryAndNeverFork(long seed) throws ProofException {
    Random random = new Random(seed);
    FaultyLogStorage storage = new FaultyLogStorage();
    Log log = Log.open(storage, LogTest.key());
    Map<Long, byte[]> acknowledged = new HashMap<>();
    List<SignedCheckpoint> published = new ArrayList<>();
    FaultyLogStorage.Point[] points = FaultyLogStorage.Point.values();
    for (int round = 0; round < 60; round++) {
      if (random.nextInt(3) == 0) {
        storage.crashAt(points[random.nextInt(points.length)], 1 + random.nextInt(3));
      }
      try {
        List<byte[]> batch = LogTest.entries(1 + random.nextInt(random.nextBoolean() ? 3 : 300), round);
        List<Long> indices = log.append(batch);
        for (int i = 0; i < batch.size(); i++) {
          acknowledged.put(indices.get(i), batch.get(i));
        }
        if (random.nextBoolean()) {
          published.add(log.integrate());
        }
      } catch (FaultyLogStorage.Crash crash) {
        storage.disarm();
        log = Log.open(storage, LogTest.key());
      }
    }
    storage.disarm();
    SignedCheckpoint last = log.integrate();
    published.add(last);
    for (Map.Entry<Long, byte[]> e : acknowledged.entrySet()) {
      assertThat(log.entry(e.getKey()).orElseThrow().toArray()).isEqualTo(e.getValue());
    }
    for (SignedCheckpoint cp : published) {
      log.consistencyProof(cp.checkpoint().size(), last.checkpoint().size())
          .verify(cp.checkpoint().root(), last.checkpoint().root());
    }
    assertNoFork(storage.history());
  }

  @Test
  void storage_refusesSecondRootForAStoredSize_evenWithMatchingExpectation() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    Hash a = Merkle.leafHash(new byte[] {1});
    Hash b = Merkle.leafHash(new byte[] {2});
    StoredCheckpoint first = new StoredCheckpoint(5, a, "note a");
    assertThat(storage.storeCheckpoint(java.util.Optional.empty(), first)).isTrue();
    assertThat(storage.storeCheckpoint(java.util.Optional.of(first), new StoredCheckpoint(5, b, "note b"))).isFalse();
    assertThat(storage.storeCheckpoint(java.util.Optional.of(first), new StoredCheckpoint(4, b, "note b"))).isFalse();
    assertThat(storage.storeCheckpoint(java.util.Optional.empty(), new StoredCheckpoint(6, b, "note b"))).isFalse();
    assertThat(storage.latestCheckpoint()).contains(first);
  }

  @Test
  void secondSequencer_afterAHandover_adoptsTheOthersCheckpointAndExtendsIt() throws ProofException {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    Log a = Log.open(storage, LogTest.key());
    Log b = Log.open(storage, LogTest.key());
    a.append(LogTest.entries(5, 1));
    SignedCheckpoint byA = a.integrate();
    b.append(LogTest.entries(5, 2));
    SignedCheckpoint byB = b.integrate();
    assertThat(byB.checkpoint().size()).isEqualTo(10);
    b.consistencyProof(5, 10).verify(byA.checkpoint().root(), byB.checkpoint().root());
  }

  @Test
  void twoSequencersRacing_theLoserOfTheCompareAndSetSignsNothingPublished() throws ProofException {
    FaultyLogStorage storage = new FaultyLogStorage();
    Log a = Log.open(storage, LogTest.key());
    Log b = Log.open(storage, LogTest.key());
    a.append(LogTest.entries(5, 1));
    storage.beforeNextStoreCheckpoint(() -> {
      try {
        b.integrate(); // b wins the race while a is about to store
      } catch (ProofException e) {
        throw new AssertionError(e);
      }
    });
    org.assertj.core.api.Assertions.assertThatThrownBy(a::integrate).isInstanceOf(ProofException.class)
        .extracting("rule").isEqualTo("checkpoint-conflict");
    assertThat(storage.history()).hasSize(1);
    assertNoFork(storage.history());
  }

  static void assertNoFork(List<StoredCheckpoint> history) {
    Map<Long, Hash> rootBySize = new HashMap<>();
    long previous = -1;
    for (StoredCheckpoint c : history) {
      Hash prior = rootBySize.putIfAbsent(c.size(), c.root());
      assertThat(prior == null || prior.equals(c.root())).as("one root for size %d", c.size()).isTrue();
      assertThat(c.size()).isGreaterThanOrEqualTo(previous);
      previous = c.size();
    }
  }
}
