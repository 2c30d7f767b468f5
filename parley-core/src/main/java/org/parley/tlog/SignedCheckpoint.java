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
   * §Signatures) and its name should match the origin; signatures from other known keys are verified too.
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

  /** The cosignatures in this note by the given witnesses that verify; others are ignored. */
  public List<Cosignature> cosignatures(List<VerifierKey> witnesses) {
    List<Cosignature> out = new ArrayList<>();
    for (NoteSignature sig : note.signatures()) {
      for (VerifierKey w : witnesses) {
        if (w.type() == VerifierKey.TYPE_COSIGNATURE_V1 && w.matches(sig)
            && w.verifies(note.text(), sig.signature().unsafeArray())) {
          out.add(Cosignature.from(sig));
          break;
        }
      }
    }
    return out;
  }

  /** This checkpoint with cosignature lines added (e.g. from a witness's add-checkpoint response). */
  public SignedCheckpoint withCosignatures(List<NoteSignature> cosignatures) {
    return new SignedCheckpoint(checkpoint, note.withSignatures(cosignatures));
  }

  public String encode() {
    return note.encode();
  }
}
