package org.parley.tlog;

import java.nio.ByteBuffer;

/** A tlog-cosignature v1.0.1 Ed25519 cosignature: who cosigned and when (POSIX seconds). */
public record Cosignature(String name, int keyId, long timestamp, NoteSignature line) {
  public Cosignature {
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must be in [0, 2^63-1]");
    }
  }

  /** Reads the timestamp of a 72-byte cosignature (8-byte big-endian timestamp || 64-byte Ed25519 signature). */
  public static Cosignature from(NoteSignature sig) {
    byte[] raw = sig.signature().unsafeArray();
    if (raw.length != 72) {
      throw new IllegalArgumentException("a cosignature v1 signature is 72 bytes, got " + raw.length);
    }
    return new Cosignature(sig.name(), sig.keyId(), ByteBuffer.wrap(raw).getLong(), sig);
  }
}
