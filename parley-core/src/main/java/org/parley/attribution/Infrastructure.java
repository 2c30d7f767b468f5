package org.parley.attribution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.extract.internal.PublicSuffixList;

/**
 * How an incident's infrastructure value relates to what shared intel knows beyond the same value: a URL is on a
 * host, a host is under its registrable parent domains ("cdn.evil.example" under "evil.example", never under a public
 * suffix such as "co.uk"), and an address is in the networks shared as CIDR blocks ("203.0.113.0/24", STIX 2.1
 * §6.4.3 and §6.5.3 allow them as {@code ipv4-addr}/{@code ipv6-addr} values). Values are artifact keys (lower case,
 * no trailing dot).
 */
final class Infrastructure {
  private Infrastructure() {}

  private static final PublicSuffixList PSL = PublicSuffixList.bundled();

  /** An address block. */
  record Network(byte[] address, int prefix, String text) {
    boolean contains(byte[] ip) {
      if (ip.length != address.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (ip[i] != address[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      return rest == 0 || ((ip[full] ^ address[full]) & (0xff << (8 - rest)) & 0xff) == 0;
    }
  }

  /** The host of a URL ({@code scheme://[user@]host[:port]/…}; an IPv6 host without its brackets), else empty. */
  static String hostOfUrl(String value) {
    int scheme = value.indexOf("://");
    if (scheme <= 0) {
      return "";
    }
    int start = scheme + 3;
    int end = start;
    while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
      end++;
    }
    String authority = value.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return close > 1 ? authority.substring(1, close) : "";
    }
    int colon = authority.indexOf(':');
    String host = colon >= 0 ? authority.substring(0, colon) : authority;
    return ArtifactValues.artifactKey(host);
  }

  /** The host a value names: a URL's host, else the value itself when it is a domain name or an IP address. */
  static String host(String value) {
    String h = hostOfUrl(value);
    if (!h.isEmpty()) {
      return h;
    }
    return domain(value) || ip(value).isPresent() ? value : "";
  }

  /** Looks like a domain name: labels of letters, digits and hyphens (IDNs as written), at least two. */
  static boolean domain(String value) {
    if (value.length() > 253 || value.indexOf('.') <= 0 || value.endsWith(".")) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
        return false;
      }
    }
    return ip(value).isEmpty() && !value.contains("..");
  }

  /**
   * The registrable parent domains of a host, longest first, without the host itself: "a.b.evil.co.uk" gives
   * "b.evil.co.uk", "evil.co.uk". None for a name whose suffix the public suffix list does not know.
   */
  static List<String> parents(String host) {
    List<String> out = new ArrayList<>();
    if (!domain(host)) {
      return out;
    }
    int suffix = PSL.suffixLabels(host);
    if (suffix == 0) {
      return out;
    }
    int labels = host.split("\\.", -1).length;
    int pos = 0;
    for (int k = labels - 1; k > suffix; k--) {
      pos = host.indexOf('.', pos) + 1;
      out.add(host.substring(pos));
    }
    return out;
  }

  /** The bytes of an IPv4 or IPv6 literal (never a name lookup), else empty. */
  static Optional<byte[]> ip(String value) {
    if (value.isEmpty() || value.length() > 45) {
      return Optional.empty();
    }
    boolean colon = value.indexOf(':') >= 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = Character.isDigit(c) || c == '.' || colon && (c == ':' || (c >= 'a' && c <= 'f'));
      if (!ok) {
        return Optional.empty();
      }
    }
    if (!colon) { // parsed here: an invalid dotted quad must not reach InetAddress, which would look it up
      String[] parts = value.split("\\.", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
          return Optional.empty();
        }
        out[i] = (byte) Integer.parseInt(parts[i]);
      }
      return Optional.of(out);
    }
    try {
      return Optional.of(InetAddress.getByName(value).getAddress()); // an IPv6 literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** An address block written {@code address/prefix}, else empty. */
  static Optional<Network> network(String value) {
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1 || value.length() - slash > 4) {
      return Optional.empty();
    }
    Optional<byte[]> ip = ip(value.substring(0, slash));
    String bits = value.substring(slash + 1);
    if (ip.isEmpty() || !bits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(bits);
    return prefix <= ip.get().length * 8 ? Optional.of(new Network(ip.get(), prefix, value)) : Optional.empty();
  }
}
