package org.parley.node.backup;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.parley.node.log.LogAudit;
import org.parley.node.log.LogException;
import org.parley.node.log.LogStatus;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.Database;
import org.parley.tlog.ProofException;

/**
 * Backups of a node's data directory (SQLite): a consistent snapshot taken while the node runs, and its restore into
 * an empty data directory, each checked before it is trusted. A backup is a directory:
 *
 * <ul>
 *   <li>{@code parley.db} — the database as of one transaction ({@code VACUUM INTO}: SQLite reads a snapshot, the
 *       node keeps writing): objects, parties, token hashes, sessions, federation state, the transparency log and
 *       its signing key;</li>
 *   <li>the data directory's other files (the imported ATT&amp;CK knowledge base, attribution settings), copied;</li>
 *   <li>{@code manifest.json} ({@code parley-backup/1}): when, the log's origin, verifier key, size and root as
 *       the snapshot's log audit found them, and every file's size and SHA-256.</li>
 * </ul>
 *
 * <p>The snapshot's log is audited when the backup is made and again when it is restored ({@link LogAudit}: the
 * checkpoint's signature by the log's key, every entry, every tile recomputed to the signed root); a restore also
 * checks every file against the manifest and refuses a data directory that already holds a database, so that a
 * restore never overwrites a node. The backup holds everything the node holds — RED objects, the log's private
 * key — and is written readable by its owner only. See docs/design/log.md, "Backups and restores", for what a
 * restore means to peers that saw the log grow after the backup.
 */
public final class Backups {
  /** The manifest's format name. */
  public static final String FORMAT = "parley-backup/1";
  static final String MANIFEST = "manifest.json";
  static final String DATABASE = "parley.db";
  static final String RESTORING = DATABASE + ".restoring";
  static final List<String> LIVE_DATABASE_FILES = withJournals(DATABASE);
  /** The database and its journals, and what a restore that was stopped leaves of its copy: never copied as files. */
  static final Set<String> NOT_COPIED = java.util.stream.Stream.concat(LIVE_DATABASE_FILES.stream(),
      withJournals(RESTORING).stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** A SQLite database file and the journals SQLite may keep beside it. */
  static List<String> withJournals(String database) {
    return List.of(database, database + "-wal", database + "-shm", database + "-journal");
  }

  /** One file of a backup. */
  public record FileEntry(String name, long size, String sha256) {}

  /**
   * What a backup holds: when it was made, its log as audited (size 0 and no root when the node never published a
   * checkpoint; {@code pending} leaves accepted but not yet in a checkpoint, which the restored node sequences), and
   * its files.
   */
  public record Manifest(Instant created, String origin, String verifierKey, long logSize, Optional<String> logRoot,
      long pending, List<FileEntry> files) {
    public Manifest {
      files = List.copyOf(files);
    }
  }

  private Backups() {}

  /**
   * Backs up the node whose data directory is {@code dataDir} into the new directory {@code out}, outside it; the
   * node may be running, and other programs may replace its files meanwhile. Nothing is left at {@code out} when
   * this fails.
   *
   * @throws BackupException when {@code dataDir} holds no database, {@code out} exists or is inside
   *     {@code dataDir}, the snapshot fails or its log does not audit
   */
  public static Manifest create(Path dataDir, Path out, Clock clock) throws BackupException {
    return create(dataDir, out, clock, step -> { });
  }

  /** As {@link #create(Path, Path, Clock)}, telling {@code progress} each step as it starts (for a CLI). */
  public static Manifest create(Path dataDir, Path out, Clock clock, java.util.function.Consumer<String> progress)
      throws BackupException {
    Path db = Database.sqliteFile(dataDir);
    if (!Files.isRegularFile(db)) {
      throw new BackupException("no Parley database at " + db + ": give the node's data directory");
    }
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new BackupException(out + " exists: a backup goes into a new directory (nothing was written)");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (inside(parent, dataDir)) {
      throw new BackupException(out + " is inside the data directory " + dataDir + ": the backup would copy itself"
          + " and every backup before it; write it elsewhere, ideally on another disk (nothing was written)");
    }
    Path work;
    try {
      Files.createDirectories(parent);
      work = Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-", ownerOnlyDirectory());
    } catch (IOException | UnsupportedOperationException e) {
      throw new BackupException("cannot create " + out + ": " + e.getMessage(), e);
    }
    try {
      progress.accept("snapshotting " + db + " (" + size(db) + ")");
      snapshot(db, work.resolve(DATABASE));
      List<Path> copied = copyFiles(dataDir, work);
      progress.accept("auditing the snapshot's log (every entry and tile recomputed)");
      Audited log = audit(work.resolve(DATABASE));
      List<FileEntry> entries = new ArrayList<>();
      entries.add(Manifests.entry(work, work.resolve(DATABASE)));
      for (Path f : copied) {
        entries.add(Manifests.entry(work, f));
      }
      Manifest m = new Manifest(clock.instant(), log.origin(), log.verifierKey(), log.size(), log.root(),
          log.pending(), entries);
      Path manifest = work.resolve(MANIFEST);
      Files.write(manifest, Manifests.toJson(m));
      ownerOnly(manifest);
      try {
        Files.move(work, out, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(work, out);
      }
      return m;
    } catch (IOException e) {
      deleteQuietly(work);
      throw new BackupException("cannot write the backup to " + out + ": " + e.getMessage(), e);
    } catch (BackupException | RuntimeException e) {
      deleteQuietly(work);
      throw e;
    }
  }

  /** Whether {@code path} is {@code dir} or inside it, as written or through symbolic links. */
  static boolean inside(Path path, Path dir) throws BackupException {
    try {
      Path existing = path;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return path.normalize().startsWith(dir.toAbsolutePath().normalize())
          || existing != null && existing.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      throw new BackupException("cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies the data directory's regular files but the database into {@code work}. A file another program removes
   * or replaces while this runs ({@code parley kb import} writes a temporary file, then moves it into place) is
   * copied as found, or left out if it is gone: it belongs to no moment a backup could keep anyway.
   */
  private static List<Path> copyFiles(Path given, Path work) throws IOException {
    Path dataDir = given.toRealPath(); // a data directory given as a symbolic link: its files, not the link alone
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        Path rel = dataDir.relativize(f);
        if (Files.isRegularFile(f) && !(rel.getNameCount() == 1 && NOT_COPIED.contains(rel.toString()))) {
          found.add(rel);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    List<Path> copied = new ArrayList<>();
    for (Path rel : found) {
      Path to = work.resolve(rel.toString());
      Files.createDirectories(to.getParent());
      try {
        Files.copy(dataDir.resolve(rel), to, StandardCopyOption.COPY_ATTRIBUTES);
      } catch (NoSuchFileException gone) {
        continue;
      }
      ownerOnly(to);
      copied.add(to);
    }
    return copied;
  }

  /**
   * Checks the backup at {@code backup}: the manifest, every file's size and SHA-256, and its log (audited on a
   * temporary copy, so the backup itself is never opened for writing).
   *
   * @throws BackupException naming the first thing that does not hold
   */
  public static Manifest verify(Path backup) throws BackupException {
    return verify(backup, step -> { });
  }

  /** As {@link #verify(Path)}, telling {@code progress} each step as it starts. */
  public static Manifest verify(Path backup, java.util.function.Consumer<String> progress) throws BackupException {
    progress.accept("checking every file against the manifest");
    Manifest m = Manifests.checked(backup);
    Path tmp = null;
    try {
      try { // beside the backup, on its disk (a database of gigabytes may not fit a tmpfs /tmp) ...
        tmp = Files.createTempDirectory(backup.toAbsolutePath().getParent(), ".parley-verify-", ownerOnlyDirectory());
      } catch (IOException | UnsupportedOperationException readOnly) { // ... unless that is read-only media
        tmp = Files.createTempDirectory("parley-verify-", ownerOnlyDirectory());
      }
      Files.copy(backup.resolve(DATABASE), tmp.resolve(DATABASE));
      progress.accept("auditing the log (" + m.logSize() + " entries)");
      matchesLog(m, audit(tmp.resolve(DATABASE)), backup);
      return m;
    } catch (IOException e) {
      throw new BackupException("cannot check " + backup + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /**
   * Restores the backup at {@code backup} into {@code dataDir}, which must not hold a database (a restore never
   * overwrites a node: move the old data directory aside first). The files are checked against the manifest before
   * any is copied; the database is copied under a temporary name, its console sessions ended and its log audited
   * before it is put in place, and never over a database that appeared meanwhile (a node started too soon). On any
   * failure the files copied are removed; a restore that was stopped (kill -9) can be run again.
   *
   * @throws BackupException when the backup does not check, or {@code dataDir} holds a database
   */
  public static Manifest restore(Path backup, Path dataDir) throws BackupException {
    return restore(backup, dataDir, step -> { });
  }

  /** As {@link #restore(Path, Path)}, telling {@code progress} each step as it starts. */
  public static Manifest restore(Path backup, Path dataDir, java.util.function.Consumer<String> progress)
      throws BackupException {
    return Restore.run(backup, dataDir, progress);
  }

  private static String size(Path file) {
    try {
      return String.format(java.util.Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
    } catch (IOException e) {
      return "size unknown";
    }
  }

  private static void snapshot(Path db, Path to) throws BackupException {
    // VACUUM INTO writes the database as one read transaction sees it (https://sqlite.org/lang_vacuum.html#vacuuminto):
    // a consistent copy while the node keeps writing through WAL, without stopping it
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
      s.setString(1, to.toString());
      s.execute();
    } catch (SQLException e) {
      throw new BackupException("cannot snapshot " + db + ": " + e.getMessage(), e);
    }
    try {
      ownerOnly(to);
    } catch (IOException e) {
      throw new BackupException("cannot restrict " + to + " to its owner: " + e.getMessage(), e);
    }
  }

  record Audited(String origin, String verifierKey, long size, Optional<String> root, long pending) {}

  /** Opens the log of the database file {@code db} and audits it whole (LogAudit) against its own key. */
  static Audited audit(Path db) throws BackupException {
    try (TransparencyLog log = TransparencyLog.openExisting("jdbc:sqlite:" + db, Clock.systemUTC())) {
      LogStatus status = log.status();
      String key = log.verifierKey().encode();
      if (log.checkpoint().isEmpty()) {
        return new Audited(status.origin(), key, 0, Optional.empty(), status.pending());
      }
      LogAudit.Report r = LogAudit.verify(LogAudit.of(log), log.verifierKey());
      return new Audited(status.origin(), key, r.checkpoint().checkpoint().size(),
          Optional.of(r.checkpoint().checkpoint().root().base64()), status.pending());
    } catch (LogException e) {
      if (e.getMessage().startsWith("no log in")) { // parties and collections set up, the node never served
        throw new BackupException("the node has never started: its database holds no transparency log yet, so there"
            + " is no history to audit; start it once ('parley serve --data DIR'), then back it up", e);
      }
      throw new BackupException("the log in " + db + " cannot be opened: " + e.getMessage(), e);
    } catch (ProofException e) {
      throw new BackupException("the log in " + db + " does not audit: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BackupException("cannot read the log in " + db + ": " + e.getMessage(), e);
    }
  }

  static void matchesLog(Manifest m, Audited a, Path backup) throws BackupException {
    if (!a.origin().equals(m.origin()) || !a.verifierKey().equals(m.verifierKey()) || a.size() != m.logSize()
        || !a.root().equals(m.logRoot())) {
      throw new BackupException("the log in " + backup.resolve(DATABASE) + " (" + a.origin() + ", size " + a.size()
          + ") is not the one its manifest describes (" + m.origin() + ", size " + m.logSize() + ")");
    }
  }

  static FileEntry find(Manifest m, String name) throws BackupException {
    return m.files().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new BackupException("the manifest lists no " + name));
  }

  static java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> ownerOnlyDirectory() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  }

  static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access rules apply
    }
  }

  /** Removes a backup directory and everything in it (best effort), for a schedule's retention. */
  static void delete(Path backup) {
    deleteQuietly(backup);
  }

  static void deleteQuietly(Path p) {
    try (Stream<Path> all = Files.walk(p)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException ignored) {
          // best effort: the caller reports the failure that matters
        }
      });
    } catch (IOException ignored) {
      // already gone
    }
  }
}
