package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A client verifying another log from its tiles alone, as a peer node or an auditor does. */
class TileProofsTest {
  @Test
  void clientProofsFromServedTiles_verifyAgainstCheckpoints() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), LogTest.key());
    List<byte[]> all = LogTest.entries(70_000, 1);
    log.append(all.subList(0, 1000));
    Checkpoint older = log.integrate().checkpoint();
    log.append(all.subList(1000, 70_000));
    Checkpoint newer = log.integrate().checkpoint();
    TileFetcher served = id -> log.tile(id).orElseThrow();

    TileProofs.verifyInclusion(served, all.get(65_432), 65_432, newer);
    TileProofs.verifyInclusion(served, all.get(999), 999, older);
    TileProofs.verifyConsistency(served, older, newer);
    assertThat(TileProofs.verifiedEntries(served, 273, newer)).hasSize(112);
    assertThat(TileProofs.inclusionProof(served, 5, 70_000)).isEqualTo(log.inclusionProof(5, 70_000));
  }

  @Test
  void tamperedTileOrEntry_isDetected() throws ProofException {
    Log log = Log.open(new InMemoryLogStorage(), LogTest.key());
    List<byte[]> all = LogTest.entries(600, 2);
    log.append(all);
    Checkpoint cp = log.integrate().checkpoint();
    TileFetcher lying = id -> {
      byte[] b = log.tile(id).orElseThrow().toArray();
      if (!id.entries() && id.level() == 0 && id.index() == 0) {
        b[4 * 32] ^= 1; // the hash of leaf 4, the sibling of leaf 5
      }
      return Octets.copyOf(b);
    };
    assertThatThrownBy(() -> TileProofs.verifyInclusion(lying, all.get(5), 5, cp)).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> TileProofs.verifyInclusion(id -> log.tile(id).orElseThrow(), "forged".getBytes(), 5, cp))
        .isInstanceOf(ProofException.class);
    TileFetcher truncating = id -> Octets.copyOf(new byte[31]);
    assertThatThrownBy(() -> TileProofs.verifyInclusion(truncating, all.get(5), 5, cp))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("tile-size");
  }
}
