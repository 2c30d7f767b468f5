package org.parley.stix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An immutable byte string: copied in, copied out, so that no record ever shares a mutable array. */
public final class Bytes {
  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  public static Bytes copyOf(byte[] value) {
    return new Bytes(value.clone());
  }

  public static Bytes copyOf(byte[] value, int from, int to) {
    return new Bytes(Arrays.copyOfRange(value, from, to));
  }

  public static Bytes utf8(String text) {
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toArray() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  public String utf8() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Bytes[" + value.length + "]";
  }
}
