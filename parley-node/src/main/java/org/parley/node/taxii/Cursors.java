package org.parley.node.taxii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque {@code next} cursors (TAXII 2.1 §3.4.3). A cursor names the {@code date_added} of the last row served
 * and is bound by an HMAC to the endpoint, collection, caller and filters of the query that issued it: it cannot
 * be forged, moved to another query or handed to another party, and it expires. The rows themselves are
 * re-filtered for the caller's current rights on every use.
 */
final class Cursors {
  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final int LENGTH = 1 + 8 + 8 + MAC_BYTES;
  private final byte[] key;
  private final Clock clock;
  private final Duration ttl;

  Cursors(byte[] key, Clock clock, Duration ttl) {
    if (key.length < 32) {
      throw new IllegalArgumentException("cursor key needs at least 256 bits");
    }
    this.key = key.clone();
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A cursor resuming after {@code dateAdded} for the query described by {@code binding}. */
  String issue(long dateAdded, String binding) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).putLong(dateAdded).putLong(clock.millis());
    b.put(mac(Arrays.copyOf(b.array(), 17), binding));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The position a cursor resumes after. */
  long open(String cursor, String binding) throws TaxiiError {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw TaxiiError.badRequest("next: not a cursor this server issued");
    }
    if (raw.length != LENGTH || raw[0] != VERSION) {
      throw TaxiiError.badRequest("next: not a cursor this server issued");
    }
    byte[] expected = mac(Arrays.copyOf(raw, 17), binding);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, 17, LENGTH))) {
      throw TaxiiError.badRequest("next: the cursor does not belong to this query, collection or caller");
    }
    ByteBuffer b = ByteBuffer.wrap(raw, 1, 16);
    long position = b.getLong();
    long issued = b.getLong();
    if (clock.millis() - issued > ttl.toMillis() || issued - clock.millis() > 60_000) {
      throw TaxiiError.badRequest("next: the cursor has expired; restart the query without next");
    }
    return position;
  }

  private byte[] mac(byte[] head, String binding) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(head);
      mac.update(binding.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
