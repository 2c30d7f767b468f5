package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code kill -9} of a process appending to a {@link FileLogStorage}: nothing acknowledged is lost. */
class FileLogKillTest {
  @TempDir
  Path dir;

  @Test
  void killMinus9WhileAppending_losesNoAcknowledgedEntryAndNeverForks() throws Exception {
    long acked = 0;
    long checkpointSize = -1;
    String checkpointRoot = null;
    for (int life = 0; life < 3; life++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), FileLogWriter.class.getName(), dir.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        int lines = 0;
        for (String line = out.readLine(); line != null && lines < 60 + 37 * life; line = out.readLine(), lines++) {
          String[] f = line.split(" ");
          if (f[0].equals("acked")) {
            acked = Math.max(acked, Long.parseLong(f[1]) + Long.parseLong(f[2]));
          } else if (f[0].equals("checkpoint")) {
            checkpointSize = Long.parseLong(f[1]);
            checkpointRoot = f[2];
          }
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(checkpointRoot).isNotNull();

      try (FileLogStorage storage = FileLogStorage.open(dir)) {
        Log log = Log.open(storage, LogTest.key());
        assertThat(storage.sequencedSize()).isGreaterThanOrEqualTo(acked);
        for (long i = 0; i < acked; i += 7) {
          assertThat(storage.readEntries(i, 1).get(0).toArray()).isEqualTo(FileLogWriter.entry(i));
        }
        assertThat(log.size()).isGreaterThanOrEqualTo(checkpointSize);
        assertThat(log.root(checkpointSize).hex()).isEqualTo(checkpointRoot);
        SignedCheckpoint after = log.integrate();
        log.consistencyProof(checkpointSize, after.checkpoint().size())
            .verify(Hash.fromHex(checkpointRoot), after.checkpoint().root());
      }
    }
  }
}
