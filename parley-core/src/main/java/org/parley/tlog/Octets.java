package org.parley.tlog;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** An immutable byte string (public keys, signatures, log entries): copied in and out. */
public final class Octets {
  private final byte[] value;

  private Octets(byte[] value) {
    this.value = value;
  }

  public static Octets copyOf(byte[] value) {
    return new Octets(value.clone());
  }

  public static Octets copyOf(byte[] value, int from, int to) {
    return new Octets(Arrays.copyOfRange(value, from, to));
  }

  static Octets wrap(byte[] value) {
    return new Octets(value);
  }

  public byte[] toArray() {
    return value.clone();
  }

  /** The wrapped array itself, for package-internal hot paths that promise not to modify it. */
  byte[] unsafeArray() {
    return value;
  }

  public int length() {
    return value.length;
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets b && Arrays.equals(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Octets[" + value.length + "]";
  }

  /**
   * Standard base64 (RFC 4648 §4) in canonical form only: padded, no line breaks, zero pad bits — what Go's
   * {@code encoding/base64.StdEncoding.Strict} accepts. Java's decoder also takes unpadded input and stray pad
   * bits; two verifiers must not disagree on which encodings of a signature are valid.
   *
   * @throws IllegalArgumentException if {@code text} is not canonical standard base64
   */
  public static byte[] strictBase64(String text) {
    byte[] raw = Base64.getDecoder().decode(text);
    if (!Base64.getEncoder().encodeToString(raw).equals(text)) {
      throw new IllegalArgumentException("not canonical standard base64 (padded, no stray bits)");
    }
    return raw;
  }
}
