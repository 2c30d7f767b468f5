package org.parley.tlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Key names and key IDs of C2SP signed-note v1.0.0. */
final class Names {
  private Names() {}

  /** Key names MUST be non-empty and MUST NOT contain Unicode spaces, plus signs or control characters. */
  static boolean isValidKeyName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('+') >= 0 || !isValidUtf16(name)) {
      return false;
    }
    return name.codePoints().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || Character.isWhitespace(c)
        || Character.isSpaceChar(c));
  }

  static boolean isValidUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian (C2SP signed-note). */
  static int keyId(String name, int type, byte[] publicKey) {
    MessageDigest digest = Hash.sha256();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0x0A);
    digest.update((byte) type);
    digest.update(publicKey);
    byte[] h = digest.digest();
    return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
  }

  static String hex8(int keyId) {
    return String.format("%08x", keyId);
  }
}
