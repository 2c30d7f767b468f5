package org.parley.tlog;

import java.util.ArrayList;
import java.util.List;

/** A checkpoint together with the signed note that carries it (the log's signature and any cosignatures). */
public record SignedCheckpoint(Checkpoint checkpoint, Note note) {
  public SignedCheckpoint {
    if (!note.text().equals(checkpoint.body())) {
      throw new IllegalArgumentException("the note text is not the checkpoint body");
    }
  }

  /** Parses a signed checkpoint without verifying any signature (e.g. to store evidence of misbehaviour). */
  public static SignedCheckpoint parse(String encoded) throws ProofException {
    Note note = Note.parse(encoded);
    return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
  }

  /**
   * Parses and verifies a signed checkpoint: the log's key must have signed it (C2SP tlog-checkpoint
   * §Signatures); signatures from other known keys are verified too. The key's name is not compared with the
   * origin (the spec's SHOULD: Parley's own logs name their key after the origin, a witness maps an origin to
   * its key, and some logs — Go's checksum database — name them apart).
   */
  public static SignedCheckpoint open(String encoded, VerifierKey logKey, List<VerifierKey> witnesses)
      throws ProofException {
    SignedCheckpoint signed = parse(encoded);
    List<VerifierKey> known = new ArrayList<>(witnesses);
    known.add(logKey);
    List<NoteSignature> verified = signed.note.verify(known);
    if (verified.stream().noneMatch(logKey::matches)) {
      throw new ProofException("checkpoint-log-signature", "a signature by the log key " + logKey.name(),
          "none among " + verified.size() + " verified signatures");
    }
    return signed;
  }

  /**
   * The cosignatures in this note by the given witnesses that verify, one per witness key — a (name, key ID)
   * identifies a key (C2SP signed-note), so a witness's line given twice, or two lines of one witness with
   * different timestamps, count once toward a quorum (C2SP tlog-cosignature: clients verify a quorum of witnesses
   * against split views); the newest of a witness's lines is kept. Others are ignored.
   */
  public List<Cosignature> cosignatures(List<VerifierKey> witnesses) {
    java.util.Map<String, Cosignature> byKey = new java.util.LinkedHashMap<>();
    for (NoteSignature sig : note.signatures()) {
      for (VerifierKey w : witnesses) {
        if (w.type() == VerifierKey.TYPE_COSIGNATURE_V1 && w.matches(sig)
            && w.verifies(note.text(), sig.signature().unsafeArray())) {
          Cosignature c = Cosignature.from(sig);
          byKey.merge(w.name() + "\n" + w.keyId(), c, (a, b) -> b.timestamp() > a.timestamp() ? b : a);
          break;
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /** This checkpoint with cosignature lines added (e.g. from a witness's add-checkpoint response). */
  public SignedCheckpoint withCosignatures(List<NoteSignature> cosignatures) {
    return new SignedCheckpoint(checkpoint, note.withSignatures(cosignatures));
  }

  public String encode() {
    return note.encode();
  }
}
