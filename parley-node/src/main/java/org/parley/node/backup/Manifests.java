package org.parley.node.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.node.backup.Backups.FileEntry;
import org.parley.node.backup.Backups.Manifest;

/**
 * A backup's {@code manifest.json}: written, read, and checked against the files beside it. A backup comes from
 * wherever it was kept, so what its manifest names is checked before anything is read: a plain relative name, once,
 * of a regular file inside the backup — never a symbolic link out of it, a device that never ends, the manifest
 * itself, or a SQLite journal that SQLite would apply to the database after its hash was checked.
 */
final class Manifests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BYTES = 1 << 20;

  private Manifests() {}

  static byte[] toJson(Manifest m) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", Backups.FORMAT);
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
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
  }

  /**
   * The manifest of the backup at {@code backup}, once every file it names has been found in the backup with its
   * size and SHA-256.
   *
   * @throws BackupException naming the first thing that does not hold
   */
  static Manifest checked(Path backup) throws BackupException {
    Path file = backup.resolve(Backups.MANIFEST);
    Manifest m;
    Path root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new BackupException(file + " is over 1 MiB: not a Parley backup manifest");
      }
      m = fromJson(JSON.readTree(Files.readAllBytes(file)), file);
      root = backup.toRealPath();
    } catch (IOException e) {
      throw new BackupException("cannot read " + file + " (is " + backup + " a Parley backup?): " + e.getMessage(), e);
    }
    if (m.files().stream().noneMatch(f -> f.name().equals(Backups.DATABASE))) {
      throw new BackupException("the manifest lists no " + Backups.DATABASE);
    }
    Set<String> seen = new HashSet<>();
    for (FileEntry f : m.files()) {
      if (!plain(f.name()) || !seen.add(f.name()) || f.name().equals(Backups.MANIFEST)
          || (Backups.NOT_COPIED.contains(f.name()) && !f.name().equals(Backups.DATABASE))) {
        throw new BackupException(file + " names " + f.name() + ": a backup lists each of its files once, by a"
            + " relative name without '.' or '..', and never the manifest or a database journal; not restored");
      }
      matches(backup, root, f);
    }
    return m;
  }

  /** A relative name of slash-separated segments, none empty, {@code .} or {@code ..}. */
  private static boolean plain(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static void matches(Path backup, Path root, FileEntry f) throws BackupException {
    Path p = backup.resolve(f.name());
    FileEntry actual;
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || !p.toRealPath().startsWith(root)) {
        throw new BackupException(f.name() + " is not a regular file in the backup (a symbolic link, a directory or"
            + " a device, or reached through one): refused, nothing outside " + backup + " is read");
      }
      if (a.size() != f.size()) {
        throw new BackupException(p + " does not match the manifest (size " + a.size() + "; the manifest says "
            + f.size() + "): the backup was changed or damaged; nothing was restored");
      }
      actual = entry(backup, p);
    } catch (NoSuchFileException e) {
      throw new BackupException("the backup lacks " + f.name() + " (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new BackupException("cannot read " + f.name() + " in the backup: " + e.getMessage(), e);
    }
    if (actual.size() != f.size() || !actual.sha256().equals(f.sha256())) {
      throw new BackupException(p + " does not match the manifest (size " + actual.size() + ", SHA-256 "
          + actual.sha256() + "; the manifest says " + f.size() + ", " + f.sha256() + "): the backup was changed"
          + " or damaged; nothing was restored");
    }
  }

  /** The name (relative to {@code root}), size and SHA-256 of {@code file}. */
  static FileEntry entry(Path root, Path file) throws IOException {
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

  private static Manifest fromJson(JsonNode o, Path file) throws BackupException {
    if (!Backups.FORMAT.equals(o.path("format").asText())) {
      throw new BackupException(file + " is not a " + Backups.FORMAT + " manifest (format: " + o.path("format") + ")");
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
}
