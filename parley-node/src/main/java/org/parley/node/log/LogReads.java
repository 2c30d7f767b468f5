package org.parley.node.log;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.tlog.ConsistencyProof;
import org.parley.tlog.Hash;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.Merkle;
import org.parley.tlog.NoteSignature;
import org.parley.tlog.Octets;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;

/** The read side of {@link TransparencyLog}: everything served is bounded by the latest signed checkpoint. */
final class LogReads {
  private final JdbcLog store;
  private final VerifierKey logKey;

  LogReads(JdbcLog store, VerifierKey logKey) {
    this.store = store;
    this.logKey = logKey;
  }

  Optional<SignedCheckpoint> checkpoint() throws LogException {
    try (JdbcLogReader r = store.reader()) {
      Optional<JdbcLog.StoredCheckpoint> latest = r.latestCheckpoint();
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      SignedCheckpoint signed = SignedCheckpoint.parse(latest.get().note());
      List<NoteSignature> cosigs = r.cosignatures(latest.get().size());
      return Optional.of(cosigs.isEmpty() ? signed : signed.withCosignatures(cosigs));
    } catch (SQLException | ProofException e) {
      throw new LogException("cannot read the latest checkpoint: " + e.getMessage(), e);
    }
  }

  Optional<byte[]> tile(TilePaths tile) throws LogException {
    try (JdbcLogReader r = store.reader()) {
      long size = r.latestCheckpoint().map(JdbcLog.StoredCheckpoint::size).orElse(0L);
      int shift = tile.isEntries() ? 0 : 8 * tile.level();
      long available = shift >= 63 ? 0 : size >>> shift; // full subtrees at that level
      long first = tile.index() * TilePaths.WIDTH;
      if (tile.index() > Long.MAX_VALUE / TilePaths.WIDTH || available - first < tile.width()) {
        return Optional.empty();
      }
      if (tile.width() < TilePaths.WIDTH && available - first >= TilePaths.WIDTH) {
        // C2SP tlog-tiles: a partial tile is only served while its full tile does not exist yet.
        return Optional.empty();
      }
      if (!tile.isEntries()) {
        return Optional.of(r.hashes(shift, first, tile.width()));
      }
      // C2SP tlog-tiles: an entry bundle is each entry as a big-endian uint16 length followed by the entry.
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] e : r.entries(first, tile.width())) {
        out.write(e.length >>> 8);
        out.write(e.length & 0xff);
        out.write(e, 0, e.length);
      }
      return Optional.of(out.toByteArray());
    } catch (SQLException e) {
      throw new LogException("cannot read " + tile.path() + ": " + e.getMessage(), e);
    }
  }

  Optional<ProofBundle> proof(String collection, String objectId, long versionMicros, LogLeaf.Op op)
      throws LogException {
    try (JdbcLogReader r = store.reader()) {
      Optional<JdbcLog.StoredCheckpoint> latest = r.latestCheckpoint();
      Optional<Long> index = r.indexOf(collection, objectId, versionMicros, op.word);
      if (latest.isEmpty() || index.isEmpty() || index.get() >= latest.get().size()) {
        return Optional.empty();
      }
      byte[] entry = r.entries(index.get(), 1).get(0);
      InclusionProof proof = new StoredTree(r).inclusion(index.get(), latest.get().size());
      return Optional.of(new ProofBundle(Octets.copyOf(entry), proof, latest.get().note()));
    } catch (SQLException e) {
      throw new LogException("cannot build the proof of " + objectId + ": " + e.getMessage(), e);
    }
  }

  boolean isPending(String collection, String objectId, long versionMicros, LogLeaf.Op op) throws LogException {
    try (JdbcLogReader r = store.reader()) {
      if (r.isPending(collection, objectId, versionMicros, op.word)) {
        return true;
      }
      Optional<Long> index = r.indexOf(collection, objectId, versionMicros, op.word);
      long signed = r.latestCheckpoint().map(JdbcLog.StoredCheckpoint::size).orElse(0L);
      return index.isPresent() && index.get() >= signed;
    } catch (SQLException e) {
      throw new LogException("cannot read the pending leaves: " + e.getMessage(), e);
    }
  }

  InclusionProof inclusionProof(long index, long size) throws LogException {
    try (JdbcLogReader r = store.reader()) {
      checkSigned(r, size);
      return new StoredTree(r).inclusion(index, size);
    } catch (SQLException | IllegalArgumentException e) {
      throw new LogException("cannot build the inclusion proof of " + index + " in " + size + ": "
          + e.getMessage(), e);
    }
  }

  ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogException {
    try (JdbcLogReader r = store.reader()) {
      checkSigned(r, newSize);
      return new StoredTree(r).consistency(oldSize, newSize);
    } catch (SQLException | IllegalArgumentException e) {
      throw new LogException("cannot build the consistency proof " + oldSize + " -> " + newSize + ": "
          + e.getMessage(), e);
    }
  }

  private static void checkSigned(JdbcLogReader r, long size) throws SQLException {
    long signed = r.latestCheckpoint().map(JdbcLog.StoredCheckpoint::size).orElse(0L);
    if (size > signed) {
      throw new IllegalArgumentException("size " + size + " is beyond the latest checkpoint " + signed);
    }
  }

  int addCosignatures(long size, List<NoteSignature> lines, List<VerifierKey> witnesses, long now)
      throws LogException {
    try (JdbcLogReader r = store.reader()) {
      JdbcLog.StoredCheckpoint stored = r.checkpoint(size).orElseThrow(
          () -> new LogException("no checkpoint of size " + size + " to cosign"));
      SignedCheckpoint cosigned = SignedCheckpoint.parse(stored.note()).withCosignatures(lines);
      List<NoteSignature> verified = new ArrayList<>();
      cosigned.cosignatures(witnesses).forEach(c -> verified.add(c.line()));
      store.addCosignatures(size, verified, now);
      return verified.size();
    } catch (SQLException | ProofException e) {
      throw new LogException("cannot record cosignatures of size " + size + ": " + e.getMessage(), e);
    }
  }

  LogStatus status() throws LogException {
    try (JdbcLogReader r = store.reader()) {
      Optional<JdbcLog.StoredCheckpoint> latest = r.latestCheckpoint();
      long size = latest.map(JdbcLog.StoredCheckpoint::size).orElse(0L);
      Hash root = latest.map(JdbcLog.StoredCheckpoint::root).orElse(Merkle.emptyRoot());
      return new LogStatus(logKey.name(), size, root, r.head().size(), r.pendingCount(),
          latest.isEmpty() ? List.of() : r.cosignatures(size));
    } catch (SQLException e) {
      throw new LogException("cannot read the log status: " + e.getMessage(), e);
    }
  }
}
