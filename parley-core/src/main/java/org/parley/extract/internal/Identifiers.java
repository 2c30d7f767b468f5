package org.parley.extract.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.extract.IndicatorFlag;
import org.parley.extract.IndicatorType;

/** Classifiers for self-contained values: CVE and ATT&CK ids, hashes, wallets, IPv6 literals. */
final class Identifiers {
  private Identifiers() {}

  /** Where a classifier reports what it recognised. */
  interface Emitter {
    void emit(IndicatorType type, String value, int start, int end, Set<IndicatorFlag> flags);
  }

  static boolean attackOrCve(String x, int vs, int ve, Emitter out) {
    int len = x.length();
    if (len >= 13 && x.regionMatches(true, 0, "CVE-", 0, 4) && digits(x, 4, 8) && x.charAt(8) == '-'
        && len <= 16 && digits(x, 9, len)) {
      out.emit(IndicatorType.CVE, x.toUpperCase(Locale.ROOT), vs, ve, Set.of());
      return true;
    }
    char c0 = x.charAt(0);
    if (len == 6 && c0 == 'T' && x.charAt(1) == 'A' && digits(x, 2, 6)) {
      out.emit(IndicatorType.ATTACK_TACTIC, x, vs, ve, Set.of());
      return true;
    }
    if (len == 5 && digits(x, 1, 5)) {
      IndicatorType type = switch (c0) {
        case 'T' -> IndicatorType.ATTACK_TECHNIQUE;
        case 'G' -> IndicatorType.ATTACK_GROUP;
        case 'S' -> IndicatorType.ATTACK_SOFTWARE;
        case 'M' -> IndicatorType.ATTACK_MITIGATION;
        case 'C' -> IndicatorType.ATTACK_CAMPAIGN;
        default -> null;
      };
      if (type != null) {
        out.emit(type, x, vs, ve, Set.of());
        return true;
      }
      return false;
    }
    if (len == 9 && c0 == 'T' && digits(x, 1, 5) && x.charAt(5) == '.' && digits(x, 6, 9)) {
      out.emit(IndicatorType.ATTACK_TECHNIQUE, x, vs, ve, Set.of());
      return true;
    }
    return false;
  }

  static boolean hash(String x, int vs, int ve, Emitter out) {
    int len = x.length();
    IndicatorType type = switch (len) {
      case 32 -> IndicatorType.MD5;
      case 40 -> IndicatorType.SHA1;
      case 64 -> IndicatorType.SHA256;
      case 128 -> IndicatorType.SHA512;
      default -> null;
    };
    if (type == null) {
      return false;
    }
    boolean digit = false;
    boolean same = true;
    for (int i = 0; i < len; i++) {
      char c = x.charAt(i);
      if (Character.digit(c, 16) < 0 || c >= 128) {
        return false;
      }
      digit |= c <= '9';
      same &= c == x.charAt(0);
    }
    if (!digit || same) {
      return false;
    }
    out.emit(type, x.toLowerCase(Locale.ROOT), vs, ve, Set.of());
    return true;
  }

  static boolean wallet(String x, int vs, int ve, Emitter out) {
    if (Wallets.isEthereum(x)) {
      out.emit(IndicatorType.ETH_ADDRESS, "0x" + x.substring(2).toLowerCase(Locale.ROOT), vs, ve, Set.of());
      return true;
    }
    if ((x.startsWith("bc1") || x.startsWith("BC1")) && Wallets.isBech32(x)) {
      out.emit(IndicatorType.BTC_ADDRESS, x.toLowerCase(Locale.ROOT), vs, ve, Set.of());
      return true;
    }
    if (Wallets.isBitcoinBase58(x)) {
      out.emit(IndicatorType.BTC_ADDRESS, x, vs, ve, Set.of());
      return true;
    }
    if (Wallets.isMonero(x)) {
      out.emit(IndicatorType.XMR_ADDRESS, x, vs, ve, Set.of());
      return true;
    }
    return false;
  }

  static boolean digits(String x, int from, int to) {
    if (from >= to || to > x.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = x.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean ipv6(String x, int vs, int ve, Emitter out) {
    String addr = x;
    String prefix = "";
    int slash = x.indexOf('/');
    if (slash > 0) {
      if (!digits(x, slash + 1, x.length()) || x.length() - slash > 4
          || Integer.parseInt(x.substring(slash + 1)) > 128) {
        return false;
      }
      addr = x.substring(0, slash);
      prefix = x.substring(slash);
    }
    int colons = 0;
    for (int i = 0; i < addr.length(); i++) {
      colons += addr.charAt(i) == ':' ? 1 : 0;
    }
    if (colons < 2) {
      return false;
    }
    Optional<int[]> g = Addresses.parseIpv6(addr);
    if (g.isEmpty()) {
      return false;
    }
    int nonZero = 0;
    for (int v : g.get()) {
      nonZero += v != 0 ? 1 : 0;
    }
    boolean digit = false;
    for (int i = 0; i < addr.length(); i++) {
      digit |= Character.isDigit(addr.charAt(i));
    }
    if (!digit || (nonZero < 2 && !addr.equals("::1"))) {
      return false; // "::" or "a::" are more often C++ scopes or times than addresses
    }
    out.emit(IndicatorType.IPV6, Addresses.formatIpv6(g.get()) + prefix, vs, ve, flagsOf(Addresses.ipv6Range(g.get())));
    return true;
  }

  static Set<IndicatorFlag> flagsOf(Addresses.Range r) {
    return switch (r) {
      case PRIVATE -> Set.of(IndicatorFlag.PRIVATE);
      case RESERVED -> Set.of(IndicatorFlag.RESERVED);
      case PUBLIC -> Set.of();
    };
  }

  /** "AS4134", "ASN4134", "ASN 4134" (the number then being the next token of {@code t}): 1 to 2^32 − 1. */
  static boolean asn(String t, String x, int vs, int ve, Emitter out) {
    int p = x.startsWith("ASN") ? 3 : x.startsWith("AS") ? 2 : -1;
    if (p < 0) {
      return false;
    }
    int digitsStart = p;
    int de = ve;
    if (p == x.length() && p == 3) {
      // "ASN 4134": the number is the next token
      int k = ve;
      if (k + 1 < t.length() && t.charAt(k) == ' ' && Character.isDigit(t.charAt(k + 1))) {
        int d = k + 1;
        while (d < t.length() && d < k + 12 && Character.isDigit(t.charAt(d))) {
          d++;
        }
        x = "ASN" + t.substring(k + 1, d);
        de = d;
      } else {
        return false;
      }
    }
    if (x.length() - digitsStart < 1 || x.length() - digitsStart > 10
        || !Identifiers.digits(x, digitsStart, x.length())) {
      return false;
    }
    long number = Long.parseLong(x.substring(digitsStart));
    if (number == 0 || number > 4294967295L) {
      return false;
    }
    out.emit(IndicatorType.ASN, "AS" + number, vs, de, Set.of());
    return true;
  }

  // ---- IP addresses ------------------------------------------------------------------------------------
}
