package org.parley.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value (32 bytes), immutable: copied in and out. */
public final class Hash {
  public static final int SIZE = 32;

  private final byte[] value;

  private Hash(byte[] value) {
    this.value = value;
  }

  /** Wraps a copy of {@code bytes}, which must be exactly 32 bytes long. */
  public static Hash copyOf(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  static Hash copyOf(byte[] bytes, int offset) {
    return new Hash(Arrays.copyOfRange(bytes, offset, offset + SIZE));
  }

  /** Takes ownership of {@code bytes} (package-internal: callers promise not to touch the array again). */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  public static Hash fromHex(String hex) {
    return copyOf(HexFormat.of().parseHex(hex));
  }

  /** Parses standard base64 (RFC 4648 §4), as used by checkpoints and tlog-witness proof lines. */
  public static Hash fromBase64(String base64) throws ProofException {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ProofException("hash-base64", "standard base64 of 32 bytes", Texts.quote(base64));
    }
    if (decoded.length != SIZE || !Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new ProofException("hash-base64", "canonical base64 of 32 bytes", Texts.quote(base64));
    }
    return new Hash(decoded);
  }

  /** SHA-256 of {@code data}. */
  public static Hash sha256(byte[] data) {
    return new Hash(sha256().digest(data));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public byte[] toArray() {
    return value.clone();
  }

  void copyTo(byte[] target, int offset) {
    System.arraycopy(value, 0, target, offset, SIZE);
  }

  void feed(MessageDigest digest) {
    digest.update(value);
  }

  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && MessageDigest.isEqual(value, h.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return hex();
  }
}
