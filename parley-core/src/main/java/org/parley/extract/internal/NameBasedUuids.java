package org.parley.extract.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** RFC 4122 §4.3 name-based UUIDs, version 5 (SHA-1). */
public final class NameBasedUuids {
  /** STIX 2.1 §2.9: the namespace of deterministic SCO identifiers. */
  public static final UUID STIX_SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
  /** Parley's own namespace for the deterministic ids of the SDOs/SROs that extraction creates. */
  public static final UUID PARLEY_EXTRACT_NAMESPACE = UUID.fromString("5c7b3d0e-91a4-4f5e-8a4e-2f1d5b7c9e31");

  private NameBasedUuids() {}

  public static UUID v5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
