package org.parley.node.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.tlog.ConsistencyProof;
import org.parley.tlog.Hash;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.Log;
import org.parley.tlog.Merkle;
import org.parley.tlog.NoteSignature;
import org.parley.tlog.Octets;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.StoredCheckpoint;
import org.parley.tlog.TileId;
import org.parley.tlog.VerifierKey;

/** The read side of {@link TransparencyLog}: everything served is bounded by a signed checkpoint. */
final class LogReads {
  private final JdbcLogStorage storage;
  private final Sequencer sequencer;
  private final String origin;

  LogReads(JdbcLogStorage storage, Sequencer sequencer, String origin) {
    this.storage = storage;
    this.sequencer = sequencer;
    this.origin = origin;
  }

  Optional<SignedCheckpoint> checkpoint() throws LogException {
    try {
      return storage.read("read the latest checkpoint", c -> {
        Optional<StoredCheckpoint> latest = JdbcLogIndex.latestCheckpoint(c);
        if (latest.isEmpty()) {
          return Optional.<SignedCheckpoint>empty();
        }
        return Optional.of(withCosignatures(latest.get().signedNote(),
            JdbcLogIndex.cosignatures(c, latest.get().size())));
      });
    } catch (StorageFailure | IllegalStateException e) {
      throw new LogException(e.getMessage(), e);
    }
  }

  private static SignedCheckpoint withCosignatures(String note, List<NoteSignature> cosignatures) {
    try {
      SignedCheckpoint signed = SignedCheckpoint.parse(note);
      return cosignatures.isEmpty() ? signed : signed.withCosignatures(cosignatures);
    } catch (ProofException e) {
      throw new IllegalStateException("a stored checkpoint does not parse: " + e.getMessage(), e);
    }
  }

  Optional<Octets> tile(TileId tile) throws LogException {
    try {
      return sequencer.log().tile(tile);
    } catch (StorageFailure | IllegalStateException e) {
      throw new LogException("cannot read " + tile.path() + ": " + e.getMessage(), e);
    }
  }

  /** What the log can say of one object version's leaf: its proof, or that it waits for a checkpoint, or neither. */
  record Lookup(Optional<ProofBundle> proof, boolean pending) {}

  /**
   * One snapshot: the latest signed checkpoint is read once, then the leaf's index and pending state in one
   * storage read, so a checkpoint landing meanwhile cannot make a logged leaf look absent.
   */
  Lookup lookup(String collection, String objectId, long versionMicros, LogLeaf.Op op) throws LogException {
    try {
      Log log = sequencer.log();
      Optional<SignedCheckpoint> signed = log.latestCheckpoint();
      long size = signed.map(sc -> sc.checkpoint().size()).orElse(0L);
      record Found(boolean queued, Optional<Long> index) {}
      // Queued first, then sequenced: a leaf the sequencer moves between the two reads is found by the second.
      Found f = storage.read("find a leaf", c -> new Found(
          JdbcLogIndex.isPending(c, collection, objectId, versionMicros, op.word),
          JdbcLogIndex.indexOf(c, collection, objectId, versionMicros, op.word)));
      if (f.index().isEmpty() || f.index().get() >= size) {
        return new Lookup(Optional.empty(), f.queued() || f.index().isPresent());
      }
      long index = f.index().get();
      Octets entry = log.entry(index).orElseThrow();
      InclusionProof proof = log.inclusionProof(index, size);
      return new Lookup(Optional.of(new ProofBundle(entry, proof, signed.get().encode())), false);
    } catch (StorageFailure | IllegalStateException e) {
      throw new LogException("cannot build the proof of " + objectId + ": " + e.getMessage(), e);
    }
  }

  List<ProofBundle> deletions(String collection, long after, long size, int limit, String note) throws LogException {
    try {
      Log log = sequencer.log();
      if (size > log.size()) {
        return List.of();
      }
      List<Long> indexes = storage.read("find deletions", c -> JdbcLogIndex.deletions(c, collection, after, size,
          limit));
      List<ProofBundle> out = new java.util.ArrayList<>();
      for (long i : indexes) {
        out.add(new ProofBundle(log.entry(i).orElseThrow(), log.inclusionProof(i, size), note));
      }
      return out;
    } catch (StorageFailure | IllegalStateException | IllegalArgumentException e) {
      throw new LogException("cannot list the deletions of " + collection + ": " + e.getMessage(), e);
    }
  }

  InclusionProof inclusionProof(long index, long size) throws LogException {
    try {
      return sequencer.log().inclusionProof(index, size);
    } catch (StorageFailure | IllegalStateException | IllegalArgumentException e) {
      throw new LogException("cannot build the inclusion proof of " + index + " in " + size + ": "
          + e.getMessage(), e);
    }
  }

  ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogException {
    try {
      return sequencer.log().consistencyProof(oldSize, newSize);
    } catch (StorageFailure | IllegalStateException | IllegalArgumentException e) {
      throw new LogException("cannot build the consistency proof " + oldSize + " -> " + newSize + ": "
          + e.getMessage(), e);
    }
  }

  int addCosignatures(long size, List<NoteSignature> lines, List<VerifierKey> witnesses, long now)
      throws LogException {
    try {
      return storage.inTransaction("record cosignatures", c -> {
        StoredCheckpoint stored = JdbcLogIndex.checkpoint(c, size).orElseThrow(
            () -> new IllegalArgumentException("no checkpoint of size " + size + " to cosign"));
        SignedCheckpoint cosigned = withCosignatures(stored.signedNote(), lines);
        List<NoteSignature> verified = new ArrayList<>();
        cosigned.cosignatures(witnesses).forEach(cs -> verified.add(cs.line()));
        JdbcLogIndex.addCosignatures(c, size, verified, now);
        return verified.size();
      });
    } catch (StorageFailure | IllegalStateException | IllegalArgumentException e) {
      throw new LogException("cannot record cosignatures of size " + size + ": " + e.getMessage(), e);
    }
  }

  LogStatus status() throws LogException {
    try {
      return storage.read("read the log status", c -> {
        Optional<StoredCheckpoint> latest = JdbcLogIndex.latestCheckpoint(c);
        long size = latest.map(StoredCheckpoint::size).orElse(0L);
        Hash root = latest.map(StoredCheckpoint::root).orElse(Merkle.emptyRoot());
        long sequenced;
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT sequenced FROM log_state WHERE id = 1")) {
          sequenced = rs.next() ? rs.getLong(1) : 0;
        }
        return new LogStatus(origin, size, root, sequenced, JdbcLogIndex.pendingCount(c),
            latest.isEmpty() ? List.of() : JdbcLogIndex.cosignatures(c, size));
      });
    } catch (StorageFailure e) {
      throw new LogException(e.getMessage(), e);
    }
  }
}
