package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's data — RED objects, token hashes, the log's key — is readable by the node's user only. */
class DataFilePermissionsTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewDataDirectory_anditsDatabaseAndJournals_areTheOwnersOnly() throws Exception {
    Path dir = tmp.resolve("a/parley-data");
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      db.directory().addParty("alice"); // a write: the -wal and -shm files exist while the database is open

      assertThat(mode(dir)).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("parley.db"))).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("parley.db-wal"))).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("parley.db-shm"))).isEqualTo("rw-------");
    }
    assertThat(Database.looseFileWarning(dir.resolve("parley.db"))).isEmpty();
  }

  @Test
  void anExistingDatabaseOthersCanRead_keepsItsModeButIsNamedWithTheFix() throws Exception {
    Path dir = tmp.resolve("old");
    Files.createDirectories(dir);
    Files.createFile(dir.resolve("parley.db"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-r--r--")));
    try (Database db = Database.open(Database.sqliteUrl(dir), new MutableClock(Instant.EPOCH), UUID::randomUUID)) {
      assertThat(mode(dir.resolve("parley.db"))).isEqualTo("rw-r--r--");
    }

    assertThat(Database.looseFileWarning(dir.resolve("parley.db"))).hasValueSatisfying(w ->
        assertThat(w).contains("can be read by other local users").contains("chmod 600"));
  }
}
