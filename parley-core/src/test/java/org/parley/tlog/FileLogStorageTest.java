package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogStorageTest extends LogStorageContractTest {
  @TempDir
  Path dir;
  final List<FileLogStorage> opened = new ArrayList<>();

  @Override
  LogStorage storage() {
    return open();
  }

  FileLogStorage open() {
    FileLogStorage s = FileLogStorage.open(dir);
    opened.add(s);
    return s;
  }

  void closeAll() {
    opened.forEach(FileLogStorage::close);
    opened.clear();
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }

  @Test
  void log_reopenedFromDisk_hasSameCheckpointEntriesAndProofs() throws ProofException {
    Log log = Log.open(open(), LogTest.key());
    List<byte[]> all = LogTest.entries(700, 1);
    log.append(all.subList(0, 300));
    log.append(all.subList(300, 700));
    SignedCheckpoint cp = log.integrate();
    closeAll();

    Log reopened = Log.open(open(), LogTest.key());
    assertThat(reopened.latestCheckpoint()).contains(cp);
    assertThat(reopened.entry(650).orElseThrow().toArray()).isEqualTo(all.get(650));
    reopened.inclusionProof(650, 700).verify(Merkle.leafHash(all.get(650)), cp.checkpoint().root());
    assertThat(cp.checkpoint().root()).isEqualTo(MerkleReference.mth(all));
    assertThat(Files.exists(dir.resolve("tile/0/000"))).isTrue();
    assertThat(Files.exists(dir.resolve("tile/1/000"))).isTrue();
  }

  @Test
  void open_tornLastBatch_isCutOffAndAppendingContinues() throws IOException {
    FileLogStorage s = open();
    s.sequence(List.of(o("one"), o("two")));
    closeAll();
    byte[] torn = {0, 0, 0, 2, 0, 0, 0, 50, 1, 2, 3, 4, 0, 0};
    Files.write(dir.resolve("entries.log"), torn, StandardOpenOption.APPEND);

    FileLogStorage again = open();
    assertThat(again.sequencedSize()).isEqualTo(2);
    assertThat(again.sequence(List.of(o("three")))).isEqualTo(2);
    assertThat(again.readEntries(0, 3)).containsExactly(o("one"), o("two"), o("three"));
  }

  @Test
  void open_corruptedEarlierBatch_refusesToOpen() throws IOException {
    FileLogStorage s = open();
    s.sequence(List.of(o("one")));
    s.sequence(List.of(o("two")));
    closeAll();
    byte[] file = Files.readAllBytes(dir.resolve("entries.log"));
    file[12 + 4] ^= 1; // inside the first entry's bytes
    Files.write(dir.resolve("entries.log"), file);
    assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void open_sameDirectoryTwice_isRefused() {
    open();
    assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void log_tileFilesDeleted_areRebuiltOnOpen() throws ProofException, IOException {
    Log log = Log.open(open(), LogTest.key());
    log.append(LogTest.entries(600, 2));
    SignedCheckpoint cp = log.integrate();
    closeAll();
    try (var files = Files.walk(dir.resolve("tile"))) {
      files.filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
    }
    Log reopened = Log.open(open(), LogTest.key());
    assertThat(reopened.root(600)).isEqualTo(cp.checkpoint().root());
  }
}
