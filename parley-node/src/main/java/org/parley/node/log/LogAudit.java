package org.parley.node.log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.parley.tlog.EntryBundle;
import org.parley.tlog.Hash;
import org.parley.tlog.Merkle;
import org.parley.tlog.Octets;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.TileId;
import org.parley.tlog.VerifierKey;

/**
 * An offline audit of a whole log with nothing but its verifier key: the checkpoint's signature, every entry
 * (each a well-formed leaf), and every hash tile the checkpoint's tree has, recomputed from the entries and
 * compared byte for byte; the recomputed root must be the signed one (RFC 9162 §2.1.1, C2SP tlog-tiles).
 */
public final class LogAudit {
  /** Where the log's files come from: {@code checkpoint} and {@code tile/...} paths below the log prefix. */
  public interface Source {
    /** The bytes at {@code path}, or empty when there is nothing there. */
    Optional<byte[]> read(String path) throws IOException;
  }

  /** What an audit established. */
  public record Report(SignedCheckpoint checkpoint, long entries, long tilesChecked) {}

  private LogAudit() {}

  /** A directory laid out as the URL space under {@code /log/} (e.g. a mirror). */
  public static Source directory(Path dir) {
    return path -> {
      Path file = dir.resolve(path).normalize();
      if (!file.startsWith(dir.normalize())) {
        throw new IOException("path escapes the directory: " + path);
      }
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    };
  }

  /**
   * A log opened from its database ({@link TransparencyLog#openExisting}) as a source: the checkpoint and tiles it
   * would serve under {@code /log/} (for auditing a copy of a node's database, e.g. a backup, without serving it).
   */
  public static Source of(TransparencyLog log) {
    return path -> {
      try {
        if (path.equals("checkpoint")) {
          return log.checkpoint().map(c -> c.encode().getBytes(StandardCharsets.UTF_8));
        }
        return log.tile(TileId.parse(path)).map(Octets::toArray);
      } catch (LogException | ProofException e) {
        throw new IOException("cannot read " + path + " from the log: " + e.getMessage(), e);
      }
    };
  }

  /** The largest log resource read from a node (a checkpoint, a tile, an entry bundle). */
  static final long MAX_RESOURCE = 16L << 20;

  /** A node's {@code /log/} over HTTP(S); {@code authorization} is sent as the Authorization header if present. */
  public static Source http(String logUrl, Optional<String> authorization) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String base = logUrl.endsWith("/") ? logUrl : logUrl + "/";
    return path -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
      authorization.ifPresent(a -> b.header("Authorization", a));
      try {
        // a tile is 8 KiB, an entry bundle of 256 small leaves well under a MiB: a node answering more is refused
        // before it exhausts the auditor's memory (BoundedBody)
        HttpResponse<byte[]> r = client.send(b.GET().build(), new org.parley.node.BoundedBody(MAX_RESOURCE));
        if (r.statusCode() == 404) {
          return Optional.empty();
        }
        if (r.statusCode() != 200) {
          throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return Optional.of(r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    };
  }

  /**
   * Audits the log at {@code source} against {@code logKey}.
   *
   * @throws ProofException naming the first rule broken (signature, missing or malformed entry, tile mismatch,
   *     root mismatch)
   */
  public static Report verify(Source source, VerifierKey logKey) throws ProofException, IOException {
    byte[] note = source.read("checkpoint").orElseThrow(() -> new IOException("no checkpoint at the source"));
    SignedCheckpoint signed = SignedCheckpoint.open(new String(note, StandardCharsets.UTF_8), logKey, List.of());
    long size = signed.checkpoint().size();
    if (size > Integer.MAX_VALUE / Hash.SIZE) {
      throw new ProofException("audit-size", "at most " + Integer.MAX_VALUE / Hash.SIZE + " entries",
          Long.toString(size));
    }
    byte[] level = new byte[(int) size * Hash.SIZE];
    long read = 0;
    for (long tile = 0; read < size; tile++) {
      TileId id = TileId.inTree(true, 0, tile, size).orElseThrow();
      byte[] bundle = source.read(id.path()).orElseThrow(() -> new ProofException("audit-entries",
          "entry bundle " + id.path(), "missing"));
      List<Octets> entries = EntryBundle.decode(bundle);
      if (entries.size() != id.width()) {
        throw new ProofException("audit-entries", id.width() + " entries in " + id.path(),
            Integer.toString(entries.size()));
      }
      for (Octets e : entries) {
        byte[] bytes = e.toArray();
        try {
          LogLeaves.parse(bytes);
        } catch (LogException bad) {
          throw new ProofException("audit-leaf", "a parley-log-leaf/v1 entry at index " + read, bad.getMessage());
        }
        System.arraycopy(Merkle.leafHash(bytes).toArray(), 0, level, (int) read * Hash.SIZE, Hash.SIZE);
        read++;
      }
    }
    byte[] leaves = level;
    long tiles = 0;
    // Walk up the tile levels: check each tile, then hash its full groups of 256 into the next level.
    for (int tileLevel = 0; level.length > 0; tileLevel++) {
      int count = level.length / Hash.SIZE;
      for (long t = 0; t * TileId.WIDTH < count; t++) {
        TileId id = TileId.inTree(false, tileLevel, t, size).orElseThrow();
        byte[] expected = Arrays.copyOfRange(level, (int) (t * TileId.WIDTH * Hash.SIZE),
            (int) ((t * TileId.WIDTH + id.width()) * Hash.SIZE));
        Optional<byte[]> served = source.read(id.path());
        if (served.isPresent() && !Arrays.equals(served.get(), expected)) {
          throw new ProofException("audit-tile", "tile " + id.path() + " as recomputed from the entries",
              "different hashes");
        }
        tiles += served.isPresent() ? 1 : 0;
      }
      int groups = count / TileId.WIDTH;
      byte[] up = new byte[groups * Hash.SIZE];
      for (int g = 0; g < groups; g++) {
        System.arraycopy(range(level, g * TileId.WIDTH, TileId.WIDTH).toArray(), 0, up, g * Hash.SIZE, Hash.SIZE);
      }
      level = up;
    }
    Hash root = size == 0 ? Merkle.emptyRoot() : range(leaves, 0, (int) size);
    if (!root.equals(signed.checkpoint().root())) {
      throw new ProofException("audit-root", signed.checkpoint().root().hex(), root.hex());
    }
    return new Report(signed, size, tiles);
  }

  /**
   * Copies the checkpoint and every tile and entry bundle of its tree from {@code source} into {@code dir}, laid
   * out as the URL space, so that the log can be audited again later, offline. Returns the checkpoint's size.
   */
  public static long mirror(Source source, Path dir) throws ProofException, IOException {
    byte[] note = source.read("checkpoint").orElseThrow(() -> new IOException("no checkpoint at the source"));
    long size = SignedCheckpoint.parse(new String(note, StandardCharsets.UTF_8)).checkpoint().size();
    Files.createDirectories(dir);
    Files.write(dir.resolve("checkpoint"), note);
    for (int level = -1; level < 8; level++) {
      for (long t = 0; ; t++) {
        Optional<TileId> id = TileId.inTree(level < 0, Math.max(level, 0), t, size);
        if (id.isEmpty()) {
          break;
        }
        byte[] bytes = source.read(id.get().path()).orElseThrow(
            () -> new IOException("the source lacks " + id.get().path()));
        Path file = dir.resolve(id.get().path());
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
      }
    }
    return size;
  }

  /** MTH of {@code count} consecutive hashes of {@code level} from {@code first} (RFC 9162 §2.1.1 over nodes). */
  private static Hash range(byte[] level, int first, int count) {
    if (count == 1) {
      return Hash.copyOf(Arrays.copyOfRange(level, first * Hash.SIZE, (first + 1) * Hash.SIZE));
    }
    int k = Integer.highestOneBit(count - 1);
    return Merkle.nodeHash(range(level, first, k), range(level, first + k, count - k));
  }
}
