package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogTest {
  static SignerKey key() {
    try {
      return SignerKey.parse("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    } catch (ProofException e) {
      throw new AssertionError(e);
    }
  }

  static List<byte[]> entries(int n, int seed) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("entry " + seed + "/" + i).getBytes());
    }
    return out;
  }

  @Test
  void integrate_newLog_signsEmptyTreeCheckpoint() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), key());
    SignedCheckpoint cp = log.integrate();
    assertThat(cp.checkpoint().size()).isZero();
    assertThat(cp.checkpoint().root()).isEqualTo(Merkle.emptyRoot());
    SignedCheckpoint.open(cp.encode(), key().verifierKey(), List.of());
  }

  @Test
  void append_thenIntegrate_checkpointMatchesReferenceRootAndVerifies() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), key());
    List<byte[]> all = entries(1000, 1);
    assertThat(log.append(all.subList(0, 600))).first().isEqualTo(0L);
    assertThat(log.append(all.subList(600, 1000))).first().isEqualTo(600L);
    assertThat(log.size()).isZero();
    SignedCheckpoint cp = log.integrate();
    assertThat(cp.checkpoint().size()).isEqualTo(1000);
    assertThat(cp.checkpoint().root()).isEqualTo(MerkleReference.mth(all));
    assertThat(cp.checkpoint().origin()).isEqualTo("PeterNeumann");
    SignedCheckpoint.open(cp.encode(), log.verifierKey(), List.of());
  }

  @Test
  void proofs_acrossRandomBatches_matchReferenceAndVerifyAgainstCheckpoints() throws ProofException {
    Random random = new Random(2024);
    Log log = Log.open(new InMemoryLogStorage(), key());
    List<byte[]> all = new ArrayList<>();
    List<SignedCheckpoint> checkpoints = new ArrayList<>();
    while (all.size() < 3000) {
      List<byte[]> batch = entries(1 + random.nextInt(random.nextBoolean() ? 5 : 400), all.size());
      log.append(batch);
      all.addAll(batch);
      checkpoints.add(log.integrate());
    }
    TestTree reference = new TestTree(all);
    for (SignedCheckpoint cp : checkpoints) {
      long n = cp.checkpoint().size();
      assertThat(cp.checkpoint().root()).isEqualTo(Proofs.root(reference, n));
      for (int t = 0; t < 20; t++) {
        long i = random.nextInt((int) n);
        InclusionProof p = log.inclusionProof(i, n);
        assertThat(p.path()).isEqualTo(Proofs.inclusion(reference, i, n));
        p.verify(Merkle.leafHash(all.get((int) i)), cp.checkpoint().root());
      }
    }
    for (int t = 0; t < 100; t++) {
      SignedCheckpoint a = checkpoints.get(random.nextInt(checkpoints.size()));
      SignedCheckpoint b = checkpoints.get(random.nextInt(checkpoints.size()));
      if (a.checkpoint().size() > b.checkpoint().size()) {
        SignedCheckpoint x = a;
        a = b;
        b = x;
      }
      ConsistencyProof p = log.consistencyProof(a.checkpoint().size(), b.checkpoint().size());
      assertThat(p.path()).isEqualTo(MerkleReference.proof((int) a.checkpoint().size(),
          all.subList(0, (int) b.checkpoint().size())));
      p.verify(a.checkpoint().root(), b.checkpoint().root());
    }
  }

  @Test
  void tiles_treeOf70000_areExactlyThoseTheSpecListsAndHoldTreeHashes() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), key());
    List<byte[]> all = entries(70_000, 3);
    log.append(all);
    log.integrate();
    // C2SP tlog-tiles: 273 full level-0 tiles, a partial one of width 112, one full level-1 tile, a partial
    // level-1 tile of width 17 and a partial level-2 tile of width 1.
    assertThat(log.tile(TileId.hashes(0, 272, 256))).isPresent();
    assertThat(log.tile(TileId.hashes(0, 273, 256))).isEmpty();
    assertThat(log.tile(TileId.hashes(0, 273, 112))).isPresent();
    assertThat(log.tile(TileId.hashes(0, 273, 113))).isEmpty();
    assertThat(log.tile(TileId.hashes(1, 0, 256))).isPresent();
    assertThat(log.tile(TileId.hashes(1, 1, 17))).isPresent();
    assertThat(log.tile(TileId.hashes(1, 1, 18))).isEmpty();
    assertThat(log.tile(TileId.hashes(2, 0, 1))).isPresent();
    assertThat(log.tile(TileId.hashes(2, 0, 2))).isEmpty();
    assertThat(log.tile(TileId.hashes(3, 0, 1))).isEmpty();

    TestTree reference = new TestTree(all);
    byte[] level0 = log.tile(TileId.hashes(0, 1, 256)).orElseThrow().toArray();
    assertThat(Hash.copyOf(level0, 5 * 32)).isEqualTo(Merkle.leafHash(all.get(256 + 5)));
    byte[] level1 = log.tile(TileId.hashes(1, 1, 17)).orElseThrow().toArray();
    assertThat(Hash.copyOf(level1, 16 * 32)).isEqualTo(reference.node(8, 256 + 16));
    byte[] level2 = log.tile(TileId.hashes(2, 0, 1)).orElseThrow().toArray();
    assertThat(Hash.copyOf(level2, 0)).isEqualTo(reference.node(16, 0));

    List<Octets> bundle = EntryBundle.decode(log.tile(TileId.entryBundle(273, 112)).orElseThrow().toArray());
    assertThat(bundle).hasSize(112);
    assertThat(bundle.get(111).toArray()).isEqualTo(all.get(273 * 256 + 111));
  }

  @Test
  void tile_partialWiderThanCheckpoint_isNotServedBeforeIntegration() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), key());
    log.append(entries(10, 4));
    log.integrate();
    log.append(entries(10, 5));
    assertThat(log.tile(TileId.hashes(0, 0, 10))).isPresent();
    assertThat(log.tile(TileId.hashes(0, 0, 11))).isEmpty();
    assertThat(log.tile(TileId.entryBundle(0, 11))).isEmpty();
    assertThat(log.entry(10)).isEmpty();
    log.integrate();
    assertThat(log.tile(TileId.entryBundle(0, 20))).isPresent();
  }

  @Test
  void integrate_nothingNew_returnsSameCheckpointWithoutResigning() throws ProofException {
    FaultyLogStorage storage = new FaultyLogStorage();
    Log log = Log.open(storage, key());
    log.append(entries(3, 6));
    SignedCheckpoint first = log.integrate();
    assertThat(log.integrate()).isEqualTo(first);
    assertThat(storage.history()).hasSize(1);
  }

  @Test
  void open_existingStorage_continuesWhereItLeftOff() throws ProofException {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    Log log = Log.open(storage, key());
    log.append(entries(300, 7));
    SignedCheckpoint cp = log.integrate();
    Log reopened = Log.open(storage, key());
    assertThat(reopened.latestCheckpoint()).contains(cp);
    reopened.append(entries(5, 8));
    SignedCheckpoint next = reopened.integrate();
    reopened.consistencyProof(300, 305).verify(cp.checkpoint().root(), next.checkpoint().root());
  }

  @Test
  void open_withAnotherKey_refusesTheStoredCheckpoint() throws ProofException {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    Log.open(storage, key()).integrate();
    SignerKey other = SignerKey.generate("PeterNeumann", new java.security.SecureRandom());
    assertThatThrownBy(() -> Log.open(storage, other)).isInstanceOf(ProofException.class);
  }

  @Test
  void integrate_afterAnEntryWasRewritten_refusesToSign() throws ProofException {
    FaultyLogStorage storage = new FaultyLogStorage();
    Log log = Log.open(storage, key());
    log.append(entries(600, 9));
    log.integrate();
    storage.rewriteEntry(300, "forged".getBytes());
    storage.loseAllTiles(); // forces the tree to be recomputed from the (tampered) entries
    log.append(entries(10, 10));
    assertThatThrownBy(log::integrate).isInstanceOf(ProofException.class).extracting("rule")
        .isEqualTo("consistency-old-root");
    assertThatThrownBy(() -> Log.open(storage, key())).isInstanceOf(ProofException.class)
        .extracting("rule").isEqualTo("checkpoint-fork");
    assertThat(storage.history()).hasSize(1);
  }

  @Test
  void integrate_tamperedTileBelowCheckpoint_failsConsistencyAndSignsNothing() throws ProofException {
    FaultyLogStorage storage = new FaultyLogStorage();
    Log log = Log.open(storage, key());
    log.append(entries(100, 11));
    log.integrate();
    byte[] forged = storage.readTile(0, 0).orElseThrow().hashes().toArray();
    forged[40] ^= 1;
    storage.writeTiles(List.of(new Tile(0, 0, Octets.copyOf(forged))));
    log.append(entries(1, 12));
    assertThatThrownBy(log::integrate).isInstanceOf(ProofException.class).extracting("rule")
        .isEqualTo("consistency-old-root");
    assertThat(storage.history()).hasSize(1);
  }

  @Test
  void integrate_afterTilesWereLost_rebuildsThemFromEntries() throws ProofException {
    FaultyLogStorage storage = new FaultyLogStorage();
    Log log = Log.open(storage, key());
    List<byte[]> all = new ArrayList<>(entries(700, 15));
    log.append(all);
    SignedCheckpoint before = log.integrate();
    storage.loseAllTiles();
    all.addAll(entries(5, 16));
    log.append(all.subList(700, 705));
    SignedCheckpoint after = log.integrate();
    assertThat(after.checkpoint().root()).isEqualTo(MerkleReference.mth(all));
    log.consistencyProof(700, 705).verify(before.checkpoint().root(), after.checkpoint().root());
  }

  @Test
  void append_entryLargerThanBundleLimit_isRefused() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), key());
    assertThatThrownBy(() -> log.append(List.of(new byte[65536]))).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.append(List.of(new byte[65535]))).containsExactly(0L);
  }

  @Test
  void proofs_beyondCheckpointSize_areRefused() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), key());
    log.append(entries(10, 13));
    log.integrate();
    log.append(entries(10, 14));
    assertThatThrownBy(() -> log.inclusionProof(3, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.consistencyProof(3, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.inclusionProof(10, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
