package org.parley.tlog;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * One signature line of a C2SP signed-note v1.0.0: {@code — <name> base64(key ID || signature)}.
 *
 * @param name the key name
 * @param keyId the 32-bit key ID, the first four bytes of the decoded signature (big-endian)
 * @param base64 the whole base64 field exactly as it appears on the line
 */
public record NoteSignature(String name, int keyId, String base64) {
  /** U+2014 EM DASH followed by a space: the start of every signature line (C2SP signed-note §Format). */
  public static final String LINE_PREFIX = "\u2014 ";

  public NoteSignature {
    if (!Names.isValidKeyName(name)) {
      throw new IllegalArgumentException("invalid key name " + Texts.quote(name));
    }
    byte[] raw = decode(base64);
    if (raw.length < 5 || ByteBuffer.wrap(raw).getInt() != keyId) {
      throw new IllegalArgumentException("signature must be base64(key ID || signature) with key ID "
          + Names.hex8(keyId));
    }
  }

  static NoteSignature of(String name, int keyId, byte[] signature) {
    byte[] raw = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return new NoteSignature(name, keyId, Base64.getEncoder().encodeToString(raw));
  }

  /** The signature bytes after the key ID. */
  public Octets signature() {
    byte[] raw = decode(base64);
    return Octets.copyOf(raw, 4, raw.length);
  }

  /** The line as it appears in a note, including the final newline. */
  public String line() {
    return LINE_PREFIX + name + " " + base64 + "\n";
  }

  private static byte[] decode(String base64) {
    try {
      return Octets.strictBase64(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature is not standard base64");
    }
  }
}
