package org.parley.node.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;

/** Backups on a schedule: written and audited in turn, the oldest removed past the count kept, nothing else. */
class BackupScheduleTest {
  @TempDir Path tmp;

  @Test
  void aSchedule_writesBackupsInTurn_keepsTheNewest_andLeavesEverythingElseAlone() throws Exception {
    Path backups = tmp.resolve("backups");
    Files.createDirectories(backups.resolve("my-notes"));
    Files.writeString(backups.resolve("parley-keep-me.txt"), "not a backup");
    BackupSchedule schedule;
    String origin;
    try (Node node = Node.start(NodeConfig.local(tmp.resolve("node")))) {
      origin = node.log().origin();
      schedule = BackupSchedule.start(tmp.resolve("node"), backups, Duration.ofMillis(200), 2, Clock.systemUTC());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      int seen = 0;
      List<Path> last = List.of();
      while (System.nanoTime() < deadline && seen < 4) {
        List<Path> now = schedule.backups();
        if (!now.isEmpty() && (last.isEmpty() || !now.get(now.size() - 1).equals(last.get(last.size() - 1)))) {
          seen++;
          last = now;
        }
        Thread.sleep(20);
      }
      schedule.close(); // the backup in flight is finished and the oldest removed before this returns
      assertThat(seen).as("backups written").isGreaterThanOrEqualTo(4);
    }
    List<Path> kept = schedule.backups();
    assertThat(kept).hasSize(2);
    for (Path b : kept) {
      assertThat(Backups.verify(b).origin()).isEqualTo(origin);
    }
    try (var names = Files.list(backups)) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
    assertThat(backups.resolve("my-notes")).isDirectory();
    assertThat(backups.resolve("parley-keep-me.txt")).hasContent("not a backup");
  }

  @Test
  void aSchedule_resumesOneIntervalAfterTheNewestBackup_afterARestart() throws Exception {
    Path backups = tmp.resolve("backups");
    try (Node node = Node.start(NodeConfig.local(tmp.resolve("node")))) {
      try (BackupSchedule first = BackupSchedule.start(tmp.resolve("node"), backups, Duration.ofHours(1), 3,
          Clock.systemUTC())) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (first.backups().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20); // none yet: the first is due at once
        }
        assertThat(first.backups()).hasSize(1);
      }
      try (BackupSchedule restarted = BackupSchedule.start(tmp.resolve("node"), backups, Duration.ofHours(1), 3,
          Clock.systemUTC())) {
        Thread.sleep(500);
        assertThat(restarted.backups()).as("the next is due an hour after the first").hasSize(1);
      }
    }
  }

  @Test
  void aBackupDirectoryInsideTheDataDirectory_isRefused() {
    assertThatThrownBy(() -> BackupSchedule.start(tmp.resolve("node"), tmp.resolve("node/backups"),
        Duration.ofHours(1), 3, Clock.systemUTC())).isInstanceOf(BackupException.class)
        .hasMessageContaining("inside the data directory");
    assertThat(tmp.resolve("node/backups")).doesNotExist();
  }
}
