package org.parley.node.backup;

import static org.parley.node.backup.Backups.DATABASE;
import static org.parley.node.backup.Backups.LIVE_DATABASE_FILES;
import static org.parley.node.backup.Backups.RESTORING;
import static org.parley.node.backup.Backups.audit;
import static org.parley.node.backup.Backups.deleteQuietly;
import static org.parley.node.backup.Backups.find;
import static org.parley.node.backup.Backups.matchesLog;
import static org.parley.node.backup.Backups.ownerOnly;
import static org.parley.node.backup.Backups.ownerOnlyDirectory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.parley.node.backup.Backups.FileEntry;
import org.parley.node.backup.Backups.Manifest;
import org.parley.node.store.Database;

/** A backup put back into a data directory: see {@link Backups#restore(Path, Path)} for what it promises. */
final class Restore {
  private Restore() {}

  /** {@link Backups#restore(Path, Path, java.util.function.Consumer)}. */
  static Manifest run(Path backup, Path dataDir, java.util.function.Consumer<String> progress)
      throws BackupException {
    progress.accept("checking every file against the manifest");
    Manifest m = Manifests.checked(backup);
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new BackupException(dataDir + " is not a directory: restore into a new or empty data directory;"
          + " nothing was changed");
    }
    refuseANode(dataDir);
    List<FileEntry> toCopy = new ArrayList<>();
    for (FileEntry f : m.files()) {
      if (!f.name().equals(DATABASE) && !copiedAlready(backup, dataDir, f)) {
        toCopy.add(f);
      }
    }
    Path db = Database.sqliteFile(dataDir);
    Path partial = dataDir.resolve(RESTORING);
    List<Path> written = new ArrayList<>();
    try {
      if (!Files.isDirectory(dataDir)) {
        Files.createDirectories(dataDir, ownerOnlyDirectory());
      }
      for (FileEntry f : toCopy) {
        Path to = dataDir.resolve(f.name());
        Files.createDirectories(to.getParent());
        if (!to.getParent().toRealPath().startsWith(dataDir.toRealPath())) {
          throw new BackupException(to.getParent() + " leads out of " + dataDir + " (a symbolic link): restore into a"
              + " new or empty data directory; nothing was restored");
        }
        Files.copy(backup.resolve(f.name()), to);
        written.add(to);
        ownerOnly(to);
      }
      // the database last, under a temporary name (left by a restore that was stopped, it is replaced): a node
      // started during the restore finds no database, not half of one, nor one whose log is not yet audited
      for (String journal : List.of("-wal", "-shm", "-journal")) {
        Files.deleteIfExists(dataDir.resolve(RESTORING + journal));
      }
      written.add(partial);
      Files.copy(backup.resolve(DATABASE), partial, StandardCopyOption.REPLACE_EXISTING);
      ownerOnly(partial);
      if (!Manifests.entry(dataDir, partial).sha256().equals(find(m, DATABASE).sha256())) {
        throw new BackupException("the copy of " + DATABASE + " in " + dataDir + " does not match the backup"
            + " (disk full? a failing disk?); nothing was restored");
      }
      endSessions(partial);
      progress.accept("auditing the restored log (" + m.logSize() + " entries)");
      matchesLog(m, audit(partial), backup);
      refuseANode(dataDir);
      putInPlace(partial, db, dataDir);
      return m;
    } catch (IOException e) {
      written.forEach(Backups::deleteQuietly);
      throw new BackupException("cannot restore into " + dataDir + ": " + e.getMessage()
          + "; the files copied were removed", e);
    } catch (BackupException | RuntimeException e) {
      written.forEach(Backups::deleteQuietly);
      throw e;
    }
  }

  private static void refuseANode(Path dataDir) throws BackupException {
    for (String live : LIVE_DATABASE_FILES) {
      if (Files.exists(dataDir.resolve(live), LinkOption.NOFOLLOW_LINKS)) {
        throw new BackupException(dataDir + " already holds a node (" + live + "): stop that node and move its"
            + " data directory aside, or restore into a new directory; nothing was changed");
      }
    }
  }

  /**
   * Whether {@code f} is in {@code dataDir} already, as the backup holds it (copied by a restore that was stopped);
   * refuses any other file of that name, which a restore must not overwrite.
   */
  private static boolean copiedAlready(Path backup, Path dataDir, FileEntry f) throws BackupException {
    Path there = dataDir.resolve(f.name());
    if (!Files.exists(there, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      if (Files.isRegularFile(there, LinkOption.NOFOLLOW_LINKS)
          && Manifests.entry(dataDir, there).equals(Manifests.entry(backup, backup.resolve(f.name())))) {
        return true;
      }
    } catch (IOException e) {
      // unreadable: refused below like any other file in the way
    }
    throw new BackupException(there + " exists: restore into a new or empty data directory; nothing was changed");
  }

  /** Links the audited copy in as the database, never over one that is there: a node that started meanwhile. */
  private static void putInPlace(Path partial, Path db, Path dataDir) throws IOException, BackupException {
    try {
      try {
        Files.createLink(db, partial);
        deleteQuietly(partial); // the database is in place: a copy left behind is replaced by the next restore
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (e instanceof FileAlreadyExistsException) {
          throw e;
        }
        Files.move(partial, db); // no hard links here (FAT, some network file systems): a move that refuses a target
      }
    } catch (FileAlreadyExistsException e) {
      throw new BackupException(dataDir + " already holds a node (" + DATABASE + " appeared during the restore:"
          + " was a node started on it?): stop it and restore into a new directory; its database was left alone", e);
    }
  }

  /**
   * A restore brings the node back to the moment of the backup, but a console session that ended since — a logout,
   * a session a lost laptop held — must not come back with it: the parties log in again.
   */
  private static void endSessions(Path db) throws BackupException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement s = c.prepareStatement("DELETE FROM console_sessions")) {
      s.executeUpdate();
    } catch (SQLException e) {
      throw new BackupException("cannot end the console sessions in " + db + ": " + e.getMessage(), e);
    }
  }
}
