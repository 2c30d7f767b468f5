package org.parley.extract.internal;

import java.util.Optional;

/** Hand-written IPv4/IPv6 literal parsing and special-purpose range classification (RFC 6890). */
public final class Addresses {
  private Addresses() {}

  /** Range class of an address. */
  public enum Range { PUBLIC, PRIVATE, RESERVED }

  /** Parses dotted-quad {@code s} (no leading zeros) into a 32-bit value, or -1. */
  public static long parseIpv4(CharSequence s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      int len = i - start;
      if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      parts++;
      if (i < to) {
        if (s.charAt(i) != '.' || parts == 4) {
          return -1;
        }
        i++;
        if (i == to) {
          return -1;
        }
      }
    }
    return parts == 4 ? value : -1;
  }

  public static Range ipv4Range(long v) {
    int a = (int) (v >>> 24);
    int b = (int) ((v >>> 16) & 0xff);
    int c = (int) ((v >>> 8) & 0xff);
    if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
      return Range.PRIVATE;
    }
    if (a == 0 || a == 127 || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127) || a >= 224
        || (a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
      return Range.RESERVED;
    }
    return Range.PUBLIC;
  }

  /** Parses an IPv6 literal (RFC 4291 §2.2, with optional embedded IPv4) into 8 groups. */
  public static Optional<int[]> parseIpv6(String s) {
    if (s.length() < 2 || s.length() > 45) {
      return Optional.empty();
    }
    int[] groups = new int[8];
    int n = 0;
    int gap = -1;
    int i = 0;
    int len = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == len) {
        return Optional.of(groups);
      }
    } else if (s.charAt(0) == ':') {
      return Optional.empty();
    }
    while (i < len) {
      int start = i;
      int v = 0;
      while (i < len && hex(s.charAt(i)) >= 0 && i - start < 4) {
        v = v * 16 + hex(s.charAt(i));
        i++;
      }
      if (i < len && s.charAt(i) == '.') {
        long v4 = parseIpv4(s, start, len);
        if (v4 < 0 || n > 6) {
          return Optional.empty();
        }
        groups[n++] = (int) (v4 >>> 16);
        groups[n++] = (int) (v4 & 0xffff);
        i = len;
        break;
      }
      if (i == start || n == 8) {
        return Optional.empty();
      }
      groups[n++] = v;
      if (i == len) {
        break;
      }
      if (s.charAt(i) != ':') {
        return Optional.empty();
      }
      i++;
      if (i < len && s.charAt(i) == ':') {
        if (gap >= 0) {
          return Optional.empty();
        }
        gap = n;
        i++;
      } else if (i == len) {
        return Optional.empty();
      }
    }
    if (gap < 0) {
      return n == 8 ? Optional.of(groups) : Optional.empty();
    }
    if (n >= 8) {
      return Optional.empty();
    }
    int[] out = new int[8];
    System.arraycopy(groups, 0, out, 0, gap);
    int tail = n - gap;
    System.arraycopy(groups, gap, out, 8 - tail, tail);
    return Optional.of(out);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** RFC 5952 canonical text: lower case, longest run (≥2) of zero groups compressed to "::". */
  public static String formatIpv6(int[] g) {
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  public static Range ipv6Range(int[] g) {
    boolean allZeroButLast = true;
    for (int i = 0; i < 7; i++) {
      allZeroButLast &= g[i] == 0;
    }
    if (allZeroButLast && g[7] <= 1) {
      return Range.RESERVED; // :: and ::1
    }
    if ((g[0] & 0xfe00) == 0xfc00) {
      return Range.PRIVATE; // fc00::/7 unique local
    }
    if ((g[0] & 0xffc0) == 0xfe80 || (g[0] & 0xff00) == 0xff00 || (g[0] == 0x2001 && g[1] == 0x0db8)) {
      return Range.RESERVED; // link-local, multicast, documentation
    }
    return Range.PUBLIC;
  }
}
