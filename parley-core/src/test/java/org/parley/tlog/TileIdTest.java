package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** C2SP tlog-tiles v0.1.0 paths and entry bundles. */
class TileIdTest {
  @Test
  void path_specIndex1234067_isX001X234067() {
    assertThat(TileId.hashes(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
    assertThat(TileId.hashes(2, 5, 17).path()).isEqualTo("tile/2/005.p/17");
    assertThat(TileId.entryBundle(1000, 256).path()).isEqualTo("tile/entries/x001/000");
    assertThat(TileId.entryBundle(0, 1).path()).isEqualTo("tile/entries/000.p/1");
  }

  @Test
  void parse_canonicalPaths_roundTrip() throws ProofException {
    for (TileId id : List.of(TileId.hashes(0, 1234067, 256), TileId.hashes(63, 0, 1), TileId.entryBundle(999, 255),
        TileId.hashes(1, 1_000_000_000_000L, 3))) {
      assertThat(TileId.parse(id.path())).isEqualTo(id);
    }
  }

  @Test
  void parse_nonCanonicalOrMalformedPaths_throw() {
    List<String> bad = List.of("tile/0/5", "tile/0/0005", "tile/0/x000/005", "tile/0/001/005", "tile/00/005",
        "tile/64/000", "tile/0/005.p/0", "tile/0/005.p/256", "tile/0/005.p/05", "tile/0/x05/005", "tile/x/000",
        "tile/entries/x001", "tiles/0/000", "tile/0/000/", "tile/0/-01", "tile/0/000.p/", "tile/entries/000.p/1/");
    for (String path : bad) {
      assertThatThrownBy(() -> TileId.parse(path)).as(path).isInstanceOf(ProofException.class);
    }
  }

  @Test
  void inTree_widthsFollowTheSpec() {
    assertThat(TileId.inTree(false, 0, 0, 256)).contains(TileId.hashes(0, 0, 256));
    assertThat(TileId.inTree(false, 1, 0, 256)).contains(TileId.hashes(1, 0, 1));
    assertThat(TileId.inTree(false, 0, 1, 256)).isEmpty();
    assertThat(TileId.inTree(false, 0, 0, 0)).isEmpty();
    assertThat(TileId.inTree(true, 0, 273, 70_000)).contains(TileId.entryBundle(273, 112));
  }

  @Test
  void entryBundle_encodesTwoByteBigEndianLengthPrefixes() throws ProofException {
    Octets bundle = EntryBundle.encode(List.of(Octets.copyOf(new byte[] {7}), Octets.copyOf(new byte[300])));
    byte[] b = bundle.toArray();
    assertThat(b[0]).isEqualTo((byte) 0);
    assertThat(b[1]).isEqualTo((byte) 1);
    assertThat(b[2]).isEqualTo((byte) 7);
    assertThat(b[3]).isEqualTo((byte) 0x01);
    assertThat(b[4]).isEqualTo((byte) 0x2c);
    assertThat(b).hasSize(2 + 1 + 2 + 300);
    assertThat(EntryBundle.decode(b)).extracting(Octets::length).containsExactly(1, 300);
  }

  @Test
  void entryBundle_truncated_throws() {
    assertThatThrownBy(() -> EntryBundle.decode(new byte[] {0})).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> EntryBundle.decode(new byte[] {0, 2, 1})).isInstanceOf(ProofException.class);
  }
}
