package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;

/** {@code parley backup create|verify|restore} on a real node's data directory. */
class BackupCliTest {
  @TempDir Path tmp;

  @Test
  void backupOfARunningNode_verifiesAndRestoresIntoANewDirectory_whereItsTokenStillWorks() throws Exception {
    String data = tmp.resolve("data").toString();
    CliTest.run("party", "add", "cert-a", "--data", data);
    String token = CliTest.run("token", "issue", "cert-a", "--data", data).out();
    String backup = tmp.resolve("backup").toString();
    String vkey;
    try (Node node = Node.start(NodeConfig.local(tmp.resolve("data")))) {
      vkey = node.log().verifierKey().encode();
      CliTest.Run made = CliTest.run("backup", "create", backup, "--data", data);

      assertThat(made.exit()).isZero();
      assertThat(made.out()).startsWith("backup written to " + backup).contains("key:     " + vkey);
    }

    CliTest.Run checked = CliTest.run("backup", "verify", backup);
    String restored = tmp.resolve("restored").toString();
    CliTest.Run back = CliTest.run("backup", "restore", backup, "--data", restored);
    CliTest.Run again = CliTest.run("backup", "restore", backup, "--data", restored);

    assertThat(checked.exit()).isZero();
    assertThat(checked.out()).contains("every file matches its manifest, the log audits");
    assertThat(back.exit()).isZero();
    assertThat(back.out()).startsWith("restored into " + restored).contains("Before 'parley serve --data " + restored)
        .contains("tokens revoked and members removed since are live again");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already holds a node").contains("nothing was changed");
    assertThat(CliTest.run("log", "vkey", "--data", restored).out()).isEqualTo(vkey);
    assertThat(CliTest.run("token", "revoke", "cert-a", "--token", token, "--data", restored).exit())
        .as("the restored node knows the token").isZero();
  }

  @Test
  void serveWithABackupDirectory_backsUpAtOnce_andStopsCleanlyOnSigterm() throws Exception {
    String data = tmp.resolve("data").toString();
    CliTest.run("party", "add", "cert-a", "--data", data);
    Path backups = tmp.resolve("backups");
    Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0", "--data", data,
        "--backup-dir", backups.toString(), "--backup-every", "1h", "--backup-keep", "2")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline && !hasBackup(backups)) {
        Thread.sleep(100);
      }
    } finally {
      serve.destroy(); // SIGTERM: the shutdown hook stops the schedule, then the node
      assertThat(serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    assertThat(Files.readString(tmp.resolve("serve.log"))).contains("backing up into " + backups + " every 1h")
        .contains("event=backup_written");
    try (var made = Files.list(backups)) {
      Path backup = made.filter(p -> p.getFileName().toString().startsWith("parley-")).findFirst().orElseThrow();
      assertThat(CliTest.run("backup", "verify", backup.toString()).exit()).isZero();
    }
  }

  private static boolean hasBackup(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var all = Files.list(dir)) {
      return all.anyMatch(p -> p.getFileName().toString().startsWith("parley-")
          && Files.isRegularFile(p.resolve("manifest.json")));
    }
  }

  @Test
  void serveWithBackupOptionsItCannotHonour_isAUsageError() {
    String data = tmp.resolve("data").toString();

    CliTest.Run tooOften = CliTest.run("serve", "--data", data, "--backup-dir", tmp.resolve("b").toString(),
        "--backup-every", "10s");
    CliTest.Run none = CliTest.run("serve", "--data", data, "--backup-dir", tmp.resolve("b").toString(),
        "--backup-keep", "0");
    CliTest.Run postgres = CliTest.run("serve", "--database", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
        "--backup-dir", tmp.resolve("b").toString());

    assertThat(tooOften.exit()).isEqualTo(2);
    assertThat(tooOften.err()).contains("at least 1m");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(postgres.exit()).isEqualTo(2);
    assertThat(postgres.err()).contains("pg_dump");
    assertThat(tmp.resolve("b")).doesNotExist();
  }

  @Test
  void backup_refusesWhatItCannotDo_sayingWhatToDoInstead() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));

    CliTest.Run noNode = CliTest.run("backup", "create", tmp.resolve("b").toString(), "--data",
        tmp.resolve("empty").toString());
    CliTest.Run postgres = CliTest.run("backup", "create", tmp.resolve("b").toString(), "--database",
        "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    CliTest.Run notABackup = CliTest.run("backup", "verify", tmp.resolve("empty").toString());

    assertThat(noNode.exit()).isEqualTo(1);
    assertThat(noNode.err()).contains("no Parley database at");
    String fresh = tmp.resolve("fresh").toString();
    CliTest.run("party", "add", "cert-a", "--data", fresh); // set up, never served
    CliTest.Run neverStarted = CliTest.run("backup", "create", tmp.resolve("b").toString(), "--data", fresh);
    assertThat(neverStarted.exit()).isEqualTo(1);
    assertThat(neverStarted.err()).contains("the node has never started").doesNotContain("partial");
    CliTest.Run noRoles = CliTest.run("collection", "add", "Nobody's", "--data", fresh);
    assertThat(noRoles.exit()).isZero();
    assertThat(noRoles.err()).contains("no party may use").contains("parley collection member set");
    assertThat(postgres.exit()).isEqualTo(2);
    assertThat(postgres.err()).contains("pg_dump");
    assertThat(notABackup.exit()).isEqualTo(1);
    assertThat(notABackup.err()).contains("is " + tmp.resolve("empty") + " a Parley backup?");
    assertThat(tmp.resolve("b")).doesNotExist();
  }
}
