package org.parley.node.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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
  private static final List<String> LIVE_DATABASE_FILES = List.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm",
      DATABASE + "-journal");
  private static final ObjectMapper JSON = new ObjectMapper();

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
   * Backs up the node whose data directory is {@code dataDir} into the new directory {@code out}; the node may be
   * running. Nothing is left at {@code out} when this fails.
   *
   * @throws BackupException when {@code dataDir} holds no database, {@code out} exists, the snapshot fails or its
   *     log does not audit
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
      List<Path> copied = new ArrayList<>();
      try (Stream<Path> files = Files.walk(dataDir)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          Path rel = dataDir.relativize(f);
          if (rel.getNameCount() == 1 && LIVE_DATABASE_FILES.contains(rel.toString())) {
            continue;
          }
          Path to = work.resolve(rel.toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
          ownerOnly(to);
          copied.add(to);
        }
      }
      progress.accept("auditing the snapshot's log (every entry and tile recomputed)");
      Audited log = audit(work.resolve(DATABASE));
      List<FileEntry> entries = new ArrayList<>();
      entries.add(entry(work, work.resolve(DATABASE)));
      for (Path f : copied) {
        entries.add(entry(work, f));
      }
      Manifest m = new Manifest(clock.instant(), log.origin(), log.verifierKey(), log.size(), log.root(),
          log.pending(), entries);
      Path manifest = work.resolve(MANIFEST);
      Files.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(m)));
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
    Manifest m = checkedManifest(backup);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("parley-verify-", ownerOnlyDirectory());
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
   * any is copied, and the restored log is audited before this returns; on any failure the files copied are removed.
   *
   * @throws BackupException when the backup does not check, or {@code dataDir} holds a database
   */
  public static Manifest restore(Path backup, Path dataDir) throws BackupException {
    return restore(backup, dataDir, step -> { });
  }

  /** As {@link #restore(Path, Path)}, telling {@code progress} each step as it starts. */
  public static Manifest restore(Path backup, Path dataDir, java.util.function.Consumer<String> progress)
      throws BackupException {
    progress.accept("checking every file against the manifest");
    Manifest m = checkedManifest(backup);
    Path db = Database.sqliteFile(dataDir);
    for (String live : LIVE_DATABASE_FILES) {
      if (Files.exists(db.resolveSibling(live), LinkOption.NOFOLLOW_LINKS)) {
        throw new BackupException(dataDir + " already holds a node (" + live + "): stop that node and move its"
            + " data directory aside, or restore into a new directory; nothing was changed");
      }
    }
    for (FileEntry f : m.files()) {
      if (Files.exists(dataDir.resolve(f.name()), LinkOption.NOFOLLOW_LINKS)) {
        throw new BackupException(dataDir.resolve(f.name()) + " exists: restore into a new or empty data directory;"
            + " nothing was changed");
      }
    }
    List<Path> written = new ArrayList<>();
    try {
      if (!Files.isDirectory(dataDir)) {
        Files.createDirectories(dataDir, ownerOnlyDirectory());
      }
      // the database last, under a temporary name: a node started during the restore finds no database, not half
      for (FileEntry f : m.files()) {
        if (!f.name().equals(DATABASE)) {
          Path to = dataDir.resolve(f.name());
          Files.createDirectories(to.getParent());
          written.add(to);
          Files.copy(backup.resolve(f.name()), to);
          ownerOnly(to);
        }
      }
      Path partial = dataDir.resolve(DATABASE + ".restoring");
      written.add(partial);
      Files.copy(backup.resolve(DATABASE), partial, StandardCopyOption.REPLACE_EXISTING);
      ownerOnly(partial);
      if (!entry(dataDir, partial).sha256().equals(find(m, DATABASE).sha256())) {
        throw new BackupException("the copy of " + DATABASE + " in " + dataDir + " does not match the backup"
            + " (disk full? a failing disk?); nothing was restored");
      }
      written.add(db);
      Files.move(partial, db, StandardCopyOption.ATOMIC_MOVE);
      progress.accept("auditing the restored log (" + m.logSize() + " entries)");
      matchesLog(m, audit(db), backup);
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

  private record Audited(String origin, String verifierKey, long size, Optional<String> root, long pending) {}

  /** Opens the log of the database file {@code db} and audits it whole (LogAudit) against its own key. */
  private static Audited audit(Path db) throws BackupException {
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
      throw new BackupException("the log in " + db + " cannot be opened: " + e.getMessage(), e);
    } catch (ProofException e) {
      throw new BackupException("the log in " + db + " does not audit: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BackupException("cannot read the log in " + db + ": " + e.getMessage(), e);
    }
  }

  private static void matchesLog(Manifest m, Audited a, Path backup) throws BackupException {
    if (!a.origin().equals(m.origin()) || !a.verifierKey().equals(m.verifierKey()) || a.size() != m.logSize()
        || !a.root().equals(m.logRoot())) {
      throw new BackupException("the log in " + backup.resolve(DATABASE) + " (" + a.origin() + ", size " + a.size()
          + ") is not the one its manifest describes (" + m.origin() + ", size " + m.logSize() + ")");
    }
  }

  private static Manifest checkedManifest(Path backup) throws BackupException {
    Path file = backup.resolve(MANIFEST);
    Manifest m;
    try {
      if (Files.size(file) > 1 << 20) {
        throw new BackupException(file + " is over 1 MiB: not a Parley backup manifest");
      }
      m = fromJson(JSON.readTree(Files.readAllBytes(file)), file);
    } catch (IOException e) {
      throw new BackupException("cannot read " + file + " (is " + backup + " a Parley backup?): " + e.getMessage(), e);
    }
    find(m, DATABASE);
    for (FileEntry f : m.files()) {
      Path p = backup.resolve(f.name()).normalize();
      if (!p.startsWith(backup.normalize()) || f.name().isEmpty() || Path.of(f.name()).isAbsolute()) {
        throw new BackupException(file + " names a file outside the backup: " + f.name());
      }
      FileEntry actual;
      try {
        actual = entry(backup, p);
      } catch (IOException e) {
        throw new BackupException("the backup lacks " + f.name() + " (" + e.getMessage() + ")", e);
      }
      if (actual.size() != f.size() || !actual.sha256().equals(f.sha256())) {
        throw new BackupException(p + " does not match the manifest (size " + actual.size() + ", SHA-256 "
            + actual.sha256() + "; the manifest says " + f.size() + ", " + f.sha256() + "): the backup was changed"
            + " or damaged; nothing was restored");
      }
    }
    return m;
  }

  private static FileEntry find(Manifest m, String name) throws BackupException {
    return m.files().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new BackupException("the manifest lists no " + name));
  }

  private static FileEntry entry(Path root, Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
        size += n;
      }
    }
    return new FileEntry(root.relativize(file).toString().replace('\\', '/'), size,
        HexFormat.of().formatHex(sha.digest()));
  }

  private static ObjectNode toJson(Manifest m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("created", m.created().toString());
    ObjectNode log = o.putObject("log");
    log.put("origin", m.origin());
    log.put("verifier_key", m.verifierKey());
    log.put("size", m.logSize());
    m.logRoot().ifPresent(r -> log.put("root", r));
    log.put("pending", m.pending());
    var files = o.putArray("files");
    for (FileEntry f : m.files()) {
      files.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
    }
    return o;
  }

  private static Manifest fromJson(JsonNode o, Path file) throws BackupException {
    if (!FORMAT.equals(o.path("format").asText())) {
      throw new BackupException(file + " is not a " + FORMAT + " manifest (format: " + o.path("format") + ")");
    }
    try {
      JsonNode log = o.path("log");
      List<FileEntry> files = new ArrayList<>();
      for (JsonNode f : o.path("files")) {
        files.add(new FileEntry(text(f, "name"), f.path("size").asLong(-1), text(f, "sha256")));
      }
      return new Manifest(Instant.parse(text(o, "created")), text(log, "origin"), text(log, "verifier_key"),
          log.path("size").asLong(-1), Optional.ofNullable(log.get("root")).map(JsonNode::asText),
          log.path("pending").asLong(0), files);
    } catch (RuntimeException e) {
      throw new BackupException(file + " is malformed: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("no text field " + field);
    }
    return v.asText();
  }

  private static java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> ownerOnlyDirectory() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  }

  private static void ownerOnly(Path file) throws IOException {
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

  private static void deleteQuietly(Path p) {
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
