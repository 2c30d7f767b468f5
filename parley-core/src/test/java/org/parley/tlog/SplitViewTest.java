package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Two checkpoints one log signed, compared from the tiles of the larger tree: a split view is proven, or not. */
class SplitViewTest {
  /** A log of {@code n} entries of seed 1, with entry {@code changed} (if in range) rewritten. */
  static Log log(int n, int changed) throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), LogTest.key());
    List<byte[]> entries = new ArrayList<>(LogTest.entries(n, 1));
    if (changed >= 0 && changed < n) {
      entries.set(changed, "rewritten".getBytes());
    }
    log.append(entries);
    log.integrate();
    return log;
  }

  static Checkpoint checkpoint(Log log) {
    return log.latestCheckpoint().orElseThrow().checkpoint();
  }

  static TileFetcher tiles(Log log) {
    return id -> log.tile(id).orElseThrow();
  }

  @Test
  void compare_aTreeThatRewroteAnEntryOfTheOther_provesTheSplit_overRandomSizes() throws ProofException {
    Random r = new Random(20261128L);
    for (int round = 0; round < 60; round++) {
      int small = 1 + r.nextInt(700);
      int large = small + r.nextInt(700);
      Log honest = log(large, -1);
      Log forked = log(small, r.nextInt(small)); // shows another history of the same first leaves

      Optional<SplitView> split = SplitView.compare(tiles(honest), checkpoint(forked), checkpoint(honest));

      assertThat(split).as("sizes %d and %d", small, large).isPresent();
      split.get().verify();
      assertThat(split.get().smaller()).isEqualTo(checkpoint(forked));
      assertThat(split.get().prefixRoot()).isNotEqualTo(checkpoint(forked).root());
    }
  }

  @Test
  void compare_aTreeThatExtendsTheOther_isNoSplit_inEitherOrder() throws ProofException {
    Random r = new Random(7);
    for (int round = 0; round < 40; round++) {
      int small = r.nextInt(500);
      int large = small + r.nextInt(500);
      Log newer = log(large, -1);
      Log older = log(small, -1);

      assertThat(SplitView.compare(tiles(newer), checkpoint(older), checkpoint(newer))).isEmpty();
      assertThat(SplitView.compare(tiles(newer), checkpoint(newer), checkpoint(older))).isEmpty();
    }
  }

  @Test
  void compare_twoRootsForOneSize_isASplitWithoutTiles() throws ProofException {
    TileFetcher none = id -> {
      throw new AssertionError("no tile is needed for two roots of one size");
    };
    Optional<SplitView> split = SplitView.compare(none, checkpoint(log(300, 299)), checkpoint(log(300, -1)));

    assertThat(split).isPresent();
    split.get().verify();
    assertThat(SplitView.compare(none, checkpoint(log(300, -1)), checkpoint(log(300, -1)))).isEmpty();
  }

  @Test
  void compare_withTilesOfAnotherTree_throwsInsteadOfConcluding() throws ProofException {
    Log honest = log(600, -1);
    Log other = log(600, 3);

    assertThatThrownBy(() -> SplitView.compare(tiles(other), checkpoint(log(200, 5)), checkpoint(honest)))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void verify_evidenceWhosePrefixRootIsTheSmallerRoot_orAForgedProof_throws() throws ProofException {
    Log honest = log(500, -1);
    Checkpoint small = checkpoint(log(100, -1));
    Checkpoint large = checkpoint(honest);
    TileProofs.Prefix p = TileProofs.prefix(tiles(honest), 100, large);

    assertThatThrownBy(() -> new SplitView(small, large, p.root(), p.path()).verify())
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("split-view-consistent");
    Hash made = Merkle.leafHash("a root nobody's tree has".getBytes());
    assertThatThrownBy(() -> new SplitView(small, large, made, p.path()).verify()).isInstanceOf(ProofException.class);
  }

  @Test
  void verify_checkpointsOfTwoLogs_throws() throws ProofException {
    Checkpoint a = checkpoint(log(10, -1));
    Checkpoint b = new Checkpoint("another.example/log", 10, Merkle.leafHash(new byte[1]));

    assertThatThrownBy(() -> new SplitView(a, b, b.root(), List.of()).verify())
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("split-view-origin");
  }
}
