package org.parley.tlog;

import java.nio.charset.StandardCharsets;

/** The tlog-cosignature v1.0.1 Ed25519 signed message. */
final class Cosignatures {
  static final String HEADER = "cosignature/v1\n";

  private Cosignatures() {}

  /** C2SP tlog-cosignature §Ed25519 signed message: {@code cosignature/v1\ntime <t>\n} then the note body. */
  static byte[] message(long timestamp, String checkpointBody) {
    return (HEADER + "time " + Long.toUnsignedString(timestamp) + "\n" + checkpointBody)
        .getBytes(StandardCharsets.UTF_8);
  }
}
