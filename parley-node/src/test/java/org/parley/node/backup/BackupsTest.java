package org.parley.node.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.log.LogAudit;

/** Backups of a running node, and restores that check everything before a node may use them. */
class BackupsTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path tmp;
  Node node;
  String auth;
  String objects;

  @BeforeEach
  void startNodeWithThreeHundredObjectsInItsLog() throws Exception {
    node = Node.start(NodeConfig.local(tmp.resolve("node")).withPort(0));
    node.directory().addParty("alice");
    String token = Tokens.issue(node.directory(), "alice", new SecureRandom());
    auth = "Basic " + Base64.getEncoder().encodeToString(("alice:" + token).getBytes(StandardCharsets.UTF_8));
    String collection = node.directory().addCollection("Backed up", Optional.empty(), new SharingAgreement(
        List.of(new Member("alice", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN));
    objects = "/parley/collections/" + collection + "/objects/";
    for (int i = 0; i < 3; i++) {
      assertThat(post(node, 100)).isEqualTo(202);
    }
    while (node.log().checkpoint().map(c -> c.checkpoint().size()).orElse(0L) < 300) {
      Thread.sleep(20);
    }
    Files.writeString(tmp.resolve("node/attribution-settings.json"), "{\"unknown_share\":0.5}");
  }

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  private int post(Node n, int count) throws Exception {
    StringBuilder body = new StringBuilder("{\"objects\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--")
          .append(UUID.randomUUID()).append("\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":"
              + "\"2026-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":"
              + "\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}");
    }
    return HTTP.send(HttpRequest.newBuilder(URI.create(n.url() + objects)).header("Authorization", auth)
        .header("Content-Type", "application/taxii+json;version=2.1").header("Accept",
            "application/taxii+json;version=2.1").POST(HttpRequest.BodyPublishers.ofString(body + "]}")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static long count(Path db, String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void backup_ofANodeStillWriting_restoresItsObjectsTokensKeyAndLog() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger accepted = new AtomicInteger();
    Thread writer = new Thread(() -> {
      try {
        while (writing.get()) {
          if (post(node, 50) == 202) {
            accepted.addAndGet(50);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    while (accepted.get() < 100) {
      Thread.sleep(10);
    }
    Backups.Manifest made = Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    writing.set(false);
    writer.join();
    String key = node.log().verifierKey().encode();
    node.close();
    node = null;

    Backups.Manifest restored = Backups.restore(tmp.resolve("backup"), tmp.resolve("restored"));
    Path db = tmp.resolve("restored/parley.db");
    long rows = count(db, "objects");

    assertThat(restored).isEqualTo(made);
    assertThat(made.verifierKey()).isEqualTo(key);
    assertThat(made.logSize()).isGreaterThanOrEqualTo(300);
    // one consistent moment: every object the snapshot holds has its leaf, sequenced or pending, and no more
    assertThat(count(db, "log_entries") + count(db, "log_pending")).isEqualTo(rows);
    assertThat(rows).isBetween(400L, 300L + accepted.get());
    assertThat(Files.readString(tmp.resolve("restored/attribution-settings.json"))).contains("0.5");
    node = Node.start(NodeConfig.local(tmp.resolve("restored")).withPort(0));
    assertThat(node.log().verifierKey().encode()).isEqualTo(key);
    while (node.log().checkpoint().map(c -> c.checkpoint().size()).orElse(0L) < rows) {
      Thread.sleep(20);
    }
    assertThat(post(node, 1)).as("the old token works on the restored node").isEqualTo(202);
    LogAudit.Report audit = LogAudit.verify(LogAudit.http(node.url() + "/log/", Optional.of(auth)),
        node.log().verifierKey());
    assertThat(audit.entries()).isGreaterThanOrEqualTo(rows);
  }

  @Test
  void backup_isReadableByItsOwnerOnly() throws Exception {
    Backups.Manifest m = Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("backup"))))
        .isEqualTo("rwx------");
    for (Backups.FileEntry f : m.files()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("backup").resolve(f.name()))))
          .as(f.name()).isEqualTo("rw-------");
    }
    assertThat(m.files()).extracting(Backups.FileEntry::name).contains("parley.db", "attribution-settings.json")
        .doesNotContain("parley.db-wal", "parley.db-shm");
  }

  @Test
  void backup_intoAPathThatExists_isRefusedAndWritesNothing() throws Exception {
    Files.createDirectories(tmp.resolve("taken"));

    assertThatThrownBy(() -> Backups.create(tmp.resolve("node"), tmp.resolve("taken"), Clock.systemUTC()))
        .isInstanceOf(BackupException.class).hasMessageContaining("exists");
    assertThat(tmp.resolve("taken")).isEmptyDirectory();
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
  }

  @Test
  void restore_ofABackupWithOneByteChanged_isRefusedAndWritesNothing() throws Exception {
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Path db = tmp.resolve("backup/parley.db");
    byte[] bytes = Files.readAllBytes(db);
    bytes[bytes.length / 2] ^= 1;
    Files.write(db, bytes);

    assertThatThrownBy(() -> Backups.restore(tmp.resolve("backup"), tmp.resolve("restored")))
        .isInstanceOf(BackupException.class).hasMessageContaining("does not match the manifest");
    assertThat(tmp.resolve("restored")).doesNotExist();
  }

  @Test
  void restore_ofADatabaseWhoseLogWasRewrittenWithAMatchingManifest_isRefusedByTheLogAudit() throws Exception {
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Path db = tmp.resolve("backup/parley.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      // whoever holds the backup rewrites what the log says was shared, and the manifest's hashes to match
      s.executeUpdate("UPDATE log_entries SET entry = CAST(REPLACE(CAST(entry AS TEXT), 'party alice',"
          + " 'party mallo') AS BLOB) WHERE idx = 7");
    }
    String manifest = Files.readString(tmp.resolve("backup/manifest.json"));
    String oldHash = manifest.replaceAll("(?s).*\"name\" : \"parley.db\",\\s*\"size\" : \\d+,\\s*\"sha256\" : \"(\\w+)\".*",
        "$1");
    String newHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(db)));
    Files.writeString(tmp.resolve("backup/manifest.json"), manifest.replace(oldHash, newHash)
        .replaceAll("(\"name\" : \"parley.db\",\\s*\"size\" : )\\d+", "$1" + Files.size(db)));

    assertThatThrownBy(() -> Backups.verify(tmp.resolve("backup"))).isInstanceOf(BackupException.class)
        .hasMessageContaining("does not audit");
    assertThatThrownBy(() -> Backups.restore(tmp.resolve("backup"), tmp.resolve("restored")))
        .isInstanceOf(BackupException.class).hasMessageContaining("does not audit");
    assertThat(tmp.resolve("restored/parley.db")).doesNotExist();
  }

  @Test
  void restore_intoADataDirectoryThatHoldsANode_isRefusedAndChangesNothing() throws Exception {
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    long before = Files.size(tmp.resolve("node/parley.db"));

    assertThatThrownBy(() -> Backups.restore(tmp.resolve("backup"), tmp.resolve("node")))
        .isInstanceOf(BackupException.class).hasMessageContaining("already holds a node");
    assertThat(Files.size(tmp.resolve("node/parley.db"))).isEqualTo(before);
  }

  @Test
  void verify_ofAGoodBackup_neverWritesToIt() throws Exception {
    Backups.Manifest made = Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    byte[] before = Files.readAllBytes(tmp.resolve("backup/parley.db"));

    assertThat(Backups.verify(tmp.resolve("backup"))).isEqualTo(made);
    assertThat(Files.readAllBytes(tmp.resolve("backup/parley.db"))).isEqualTo(before);
    try (var files = Files.list(tmp.resolve("backup"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("parley.db",
          "attribution-settings.json", "manifest.json");
    }
  }
  /** Adds {@code name} to the backup's manifest as {@code bytes}, as whoever crafts a backup would. */
  private void listInManifest(Path backup, String name, byte[] bytes) throws Exception {
    String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    Path manifest = backup.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"files\" : [", "\"files\" : [ {\"name\" : \""
        + name + "\", \"size\" : " + bytes.length + ", \"sha256\" : \"" + hash + "\"},"));
  }

  @Test
  void verifyAndRestore_ofABackupWhoseFilesAreSymlinksOutOfIt_refuseThem_readingAndWritingNothingOutside()
      throws Exception {
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Path secret = Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("secret.txt"),
        "the restorer's own secret");
    Files.createSymbolicLink(tmp.resolve("backup/kb.json"), secret);
    listInManifest(tmp.resolve("backup"), "kb.json", Files.readAllBytes(secret));
    Files.createSymbolicLink(tmp.resolve("backup/dir"), tmp.resolve("elsewhere"));
    listInManifest(tmp.resolve("backup"), "dir/secret.txt", Files.readAllBytes(secret));

    assertThatThrownBy(() -> Backups.verify(tmp.resolve("backup"))).isInstanceOf(BackupException.class)
        .hasMessageContaining("not a regular file in the backup");
    assertThatThrownBy(() -> Backups.restore(tmp.resolve("backup"), tmp.resolve("restored")))
        .isInstanceOf(BackupException.class).hasMessageContaining("not a regular file in the backup");
    assertThat(tmp.resolve("restored")).doesNotExist();
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void verify_ofABackupNamingADevice_isRefusedWithoutReadingIt() throws Exception {
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Files.createSymbolicLink(tmp.resolve("backup/zero"), Path.of("/dev/zero"));
    listInManifest(tmp.resolve("backup"), "zero", new byte[] {0});

    assertThatThrownBy(() -> Backups.verify(tmp.resolve("backup"))).isInstanceOf(BackupException.class)
        .hasMessageContaining("zero is not a regular file in the backup");
  }

  @Test
  void verify_ofAManifestNamingAFileTwice_orADatabaseFileUnderAnotherName_isRefused() throws Exception {
    for (String name : List.of("parley.db", "./parley.db", "sub/../parley.db", "parley.db-wal", "manifest.json")) {
      Path backup = tmp.resolve("backup-" + Math.abs(name.hashCode()));
      Backups.create(tmp.resolve("node"), backup, Clock.systemUTC());
      Files.writeString(backup.resolve("parley.db-wal"), "a journal SQLite would apply to the checked database");
      listInManifest(backup, name, Files.readAllBytes(backup.resolve(name.endsWith(".db") ? "parley.db"
          : "parley.db-wal")));

      assertThatThrownBy(() -> Backups.verify(backup)).as(name).isInstanceOf(BackupException.class)
          .hasMessageContaining("names " + name);
    }
  }

  @Test
  void backup_intoTheDataDirectoryItself_isRefused_forItWouldCopyItself() throws Exception {
    assertThatThrownBy(() -> Backups.create(tmp.resolve("node"), tmp.resolve("node/backups/b1"), Clock.systemUTC()))
        .isInstanceOf(BackupException.class).hasMessageContaining("inside the data directory");
    assertThat(tmp.resolve("node/backups")).doesNotExist();
  }

  @Test
  void backup_whileAnotherProgramReplacesAFileOfTheDataDirectory_succeeds() throws Exception {
    AtomicBoolean churning = new AtomicBoolean(true);
    Thread kbImport = new Thread(() -> { // as 'parley kb import' does: a temporary file, then moved into place
      try {
        while (churning.get()) {
          Path t = Files.createTempFile(tmp.resolve("node"), "kb", ".tmp");
          Files.write(t, new byte[4096]);
          Files.move(t, tmp.resolve("node/attack-kb.json.gz"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    kbImport.start();
    try {
      for (int i = 0; i < 20; i++) {
        Backups.Manifest m = Backups.create(tmp.resolve("node"), tmp.resolve("backup" + i), Clock.systemUTC());
        assertThat(m.files()).extracting(Backups.FileEntry::name).contains("parley.db", "attack-kb.json.gz");
      }
    } finally {
      churning.set(false);
      kbImport.join();
    }
  }

  @Test
  void backup_ofADataDirectoryGivenAsASymbolicLink_holdsItsFilesToo() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("node-link"), tmp.resolve("node"));

    Backups.Manifest m = Backups.create(link, tmp.resolve("backup"), Clock.systemUTC());

    assertThat(m.files()).extracting(Backups.FileEntry::name).containsExactly("parley.db",
        "attribution-settings.json");
  }

  @Test
  void restore_intoAPathThatIsAFile_saysSo_andChangesNothing() throws Exception {
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Files.writeString(tmp.resolve("a-file"), "x");

    assertThatThrownBy(() -> Backups.restore(tmp.resolve("backup"), tmp.resolve("a-file")))
        .isInstanceOf(BackupException.class).hasMessageContaining(tmp.resolve("a-file") + " is not a directory");
    assertThat(Files.readString(tmp.resolve("a-file"))).isEqualTo("x");
  }

  @Test
  void restore_interruptedMidway_canBeRunAgain() throws Exception {
    Backups.Manifest made = Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Path into = Files.createDirectories(tmp.resolve("restored"));
    // what a restore killed (kill -9, power loss) before its database was in place leaves behind
    Files.copy(tmp.resolve("backup/attribution-settings.json"), into.resolve("attribution-settings.json"));
    Files.write(into.resolve("parley.db.restoring"), new byte[1000]);

    assertThat(Backups.restore(tmp.resolve("backup"), into)).isEqualTo(made);
    assertThat(into.resolve("parley.db.restoring")).doesNotExist();
  }

  @Test
  void restore_whileANodeStartsOnTheSameDirectory_neverReplacesTheDatabaseThatNodeMade() throws Exception {
    assertThat(post(node, 100)).isEqualTo(202); // a larger database: the copy takes a moment
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());
    Path into = Files.createDirectories(tmp.resolve("restored"));
    Thread starting = new Thread(() -> { // 'parley serve --data restored' run too soon: it makes a new database
      try {
        while (!Files.exists(into.resolve("parley.db.restoring"))) {
          Thread.onSpinWait();
        }
        Files.writeString(into.resolve("parley.db"), "the new node's database");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    starting.start();

    assertThatThrownBy(() -> Backups.restore(tmp.resolve("backup"), into)).isInstanceOf(BackupException.class)
        .hasMessageContaining("already holds a node");
    starting.join();
    assertThat(Files.readString(into.resolve("parley.db"))).isEqualTo("the new node's database");
  }

  @Test
  void restore_endsTheConsoleSessions_aLogoutSinceTheBackupStaysALogout() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("node/parley.db"));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.executeUpdate("INSERT INTO console_sessions (id_hash, party, csrf, created_at, last_seen) VALUES ('h',"
          + " 'alice', 'c', 0, 0)");
    }
    Backups.create(tmp.resolve("node"), tmp.resolve("backup"), Clock.systemUTC());

    Backups.restore(tmp.resolve("backup"), tmp.resolve("restored"));

    assertThat(count(tmp.resolve("backup/parley.db"), "console_sessions")).isEqualTo(1);
    assertThat(count(tmp.resolve("restored/parley.db"), "console_sessions")).isZero();
  }
}
