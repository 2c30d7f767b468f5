package org.parley.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A signed-note verifier key {@code <name>+<hex8 key ID>+base64(type || public key)} (C2SP signed-note v1.0.0,
 * Go's {@code sumdb/note}). Two types are supported: {@code 0x01} Ed25519 note signatures (logs) and {@code 0x04}
 * tlog-cosignature v1.0.1 timestamped Ed25519 cosignatures (witnesses).
 */
public record VerifierKey(String name, int keyId, int type, Octets publicKey) {
  public static final int TYPE_ED25519 = 0x01;
  public static final int TYPE_COSIGNATURE_V1 = 0x04;

  public VerifierKey {
    if (!Names.isValidKeyName(name)) {
      throw new IllegalArgumentException("invalid key name " + Texts.quote(name));
    }
    if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
      throw new IllegalArgumentException("unsupported signature type " + type);
    }
    if (publicKey.length() != Ed25519.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + publicKey.length());
    }
    int expected = Names.keyId(name, type, publicKey.unsafeArray());
    if (keyId != expected) {
      throw new IllegalArgumentException("key ID " + Names.hex8(keyId) + " does not match the key: expected "
          + Names.hex8(expected));
    }
  }

  static VerifierKey of(String name, int type, byte[] publicKey) {
    return new VerifierKey(name, Names.keyId(name, type, publicKey), type, Octets.copyOf(publicKey));
  }

  /** Parses {@code name+hex8+base64(type || key)}, rejecting any mangling (as Go's note.NewVerifier does). */
  public static VerifierKey parse(String vkey) throws ProofException {
    int plus1 = vkey.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : vkey.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw malformed(vkey);
    }
    String name = vkey.substring(0, plus1);
    String hex = vkey.substring(plus1 + 1, plus2);
    byte[] key;
    try {
      key = Octets.strictBase64(vkey.substring(plus2 + 1));
    } catch (IllegalArgumentException e) {
      throw malformed(vkey);
    }
    if (!Names.isValidKeyName(name) || !isHex8(hex) || key.length != 1 + Ed25519.PUBLIC_KEY_SIZE
        || (key[0] != TYPE_ED25519 && key[0] != TYPE_COSIGNATURE_V1)) {
      throw malformed(vkey);
    }
    int keyId = Integer.parseUnsignedInt(hex, 16);
    byte[] pub = java.util.Arrays.copyOfRange(key, 1, key.length);
    int expected = Names.keyId(name, key[0], pub);
    if (keyId != expected) {
      throw new ProofException("verifier-key-id", Names.hex8(expected), Names.hex8(keyId));
    }
    return new VerifierKey(name, keyId, key[0], Octets.wrap(pub));
  }

  /** The key in {@code name+hex8+base64(type || key)} form. */
  public String encode() {
    byte[] raw = ByteBuffer.allocate(1 + publicKey.length()).put((byte) type).put(publicKey.unsafeArray()).array();
    return name + "+" + Names.hex8(keyId) + "+" + Base64.getEncoder().encodeToString(raw);
  }

  /** True when {@code signature} is this key's signature line (same name and key ID). */
  public boolean matches(NoteSignature signature) {
    return signature.name().equals(name) && signature.keyId() == keyId;
  }

  /**
   * Checks a signature over a note's text. For type 0x04 the signature is a tlog-cosignature v1
   * {@code timestamped_signature} (8-byte big-endian timestamp, then 64 bytes) over
   * {@code cosignature/v1\ntime <t>\n<text>}.
   */
  boolean verifies(String text, byte[] signature) {
    byte[] message;
    int offset;
    if (type == TYPE_COSIGNATURE_V1) {
      if (signature.length != 8 + Ed25519.SIGNATURE_SIZE) {
        return false;
      }
      long timestamp = ByteBuffer.wrap(signature, 0, 8).getLong();
      if (timestamp < 0) {
        return false;
      }
      message = Cosignatures.message(timestamp, text);
      offset = 8;
    } else {
      if (signature.length != Ed25519.SIGNATURE_SIZE) {
        return false;
      }
      message = text.getBytes(StandardCharsets.UTF_8);
      offset = 0;
    }
    return Ed25519.verify(signature, offset, publicKey.unsafeArray(), 0, message, 0, message.length);
  }

  private static boolean isHex8(String s) {
    if (s.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static ProofException malformed(String vkey) {
    return new ProofException("verifier-key", "name+hex8+base64(type || 32-byte Ed25519 key)", Texts.quote(vkey));
  }

  @Override
  public String toString() {
    return encode();
  }
}
