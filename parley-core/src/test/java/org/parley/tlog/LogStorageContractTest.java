package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link LogStorage} rules every implementation must keep; subclasses supply the storage under test. */
abstract class LogStorageContractTest {
  abstract LogStorage storage();

  static Octets o(String s) {
    return Octets.copyOf(s.getBytes());
  }

  @Test
  void sequence_assignsConsecutiveIndicesAndReadsBackTheSameBytes() {
    LogStorage s = storage();
    assertThat(s.sequence(List.of(o("a"), o("bb")))).isZero();
    assertThat(s.sequence(List.of(o("ccc")))).isEqualTo(2);
    assertThat(s.sequence(List.of(o(""), o("e")))).isEqualTo(3);
    assertThat(s.sequencedSize()).isEqualTo(5);
    assertThat(s.readEntries(1, 4)).containsExactly(o("bb"), o("ccc"), o(""), o("e"));
  }

  @Test
  void writeTiles_thenRead_returnsLatestContent() {
    LogStorage s = storage();
    assertThat(s.readTile(0, 0)).isEmpty();
    Tile one = new Tile(0, 0, Octets.copyOf(new byte[32]));
    Tile two = new Tile(0, 0, Octets.copyOf(new byte[64]));
    s.writeTiles(List.of(one));
    s.writeTiles(List.of(two, new Tile(1, 1234067, Octets.copyOf(new byte[32]))));
    assertThat(s.readTile(0, 0)).contains(two);
    assertThat(s.readTile(1, 1234067)).isPresent();
  }

  @Test
  void storeCheckpoint_isACompareAndSetThatNeverForks() {
    LogStorage s = storage();
    StoredCheckpoint a = new StoredCheckpoint(3, Merkle.leafHash(new byte[] {1}), "a\n\n\u2014 x AAAAAA==\n");
    StoredCheckpoint b = new StoredCheckpoint(3, Merkle.leafHash(new byte[] {2}), "b");
    StoredCheckpoint c = new StoredCheckpoint(9, Merkle.leafHash(new byte[] {3}), "c");
    assertThat(s.storeCheckpoint(Optional.of(c), a)).isFalse();
    assertThat(s.storeCheckpoint(Optional.empty(), a)).isTrue();
    assertThat(s.storeCheckpoint(Optional.empty(), c)).isFalse();
    assertThat(s.storeCheckpoint(Optional.of(a), b)).isFalse();
    assertThat(s.storeCheckpoint(Optional.of(a), c)).isTrue();
    assertThat(s.storeCheckpoint(Optional.of(c), a)).isFalse();
    assertThat(s.latestCheckpoint()).contains(c);
  }
}
