package org.parley.extract.internal;

import java.util.Locale;
import java.util.Set;
import org.parley.extract.IndicatorFlag;
import org.parley.extract.IndicatorType;

/**
 * URLs in a {@link Token}: with a scheme ("hxxps://evil.com/a", read through the path's names outside ASCII), or
 * without one ("evil.com/gate.php"); the host must be a registrable domain, an IPv4 address or a bracketed IPv6 one.
 */
final class UrlValues {
  static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "smb", "ws", "wss",
      "tcp", "udp", "ssh", "ldap", "rdp", "file");

  private UrlValues() {}

  /** The private/reserved flags of a URL's host, as its address or name alone would have (http://127.0.0.1/...). */
  static Set<IndicatorFlag> hostFlags(String host) {
    if (host.startsWith("[") && host.indexOf(']') > 0) {
      return Addresses.parseIpv6(host.substring(1, host.indexOf(']'))).map(g -> Identifiers.flagsOf(
          Addresses.ipv6Range(g))).orElse(Set.of());
    }
    long v = Addresses.parseIpv4(host, 0, host.length());
    return v >= 0 ? Identifiers.flagsOf(Addresses.ipv4Range(v)) : Hosts.reservedFlags(host);
  }

  /**
   * The end of a run of letters outside ASCII at {@code from} when URL characters other than letters follow it
   * without a break (a name in the path: "安全通知.zip", "样本/"), else {@code from}: text written right after a URL
   * ("访问http://evil.com/a获取更多") is no part of it.
   */
  static int nonAsciiRun(String t, int from, int n) {
    int k = from;
    while (k < n && t.charAt(k) >= 128 && Character.isLetterOrDigit(t.charAt(k))) {
      k++;
    }
    if (k == from || k + 1 >= n || "./?=&#%_-".indexOf(t.charAt(k)) < 0) {
      return from;
    }
    char next = t.charAt(k + 1);
    // after "/" another name may follow ("下载/样本.exe"); after "." only an extension: "获取更多。然后" is a sentence
    boolean continues = Tokens.isUrlChar(next) || t.charAt(k) == '/' && next >= 128 && Character.isLetterOrDigit(next);
    return continues ? k : from;
  }

  /** The URL whose "://" is at {@code schemeAt} in the token; returns the end of what it consumed. */
  static int url(Token tok, int schemeAt) {
    String t = tok.t;
    int a = schemeAt;
    while (a > tok.s && Character.isLetterOrDigit(t.charAt(a - 1)) && t.charAt(a - 1) < 128) {
      a--;
    }
    String scheme = t.substring(a, schemeAt).toLowerCase(Locale.ROOT);
    int end = urlEnd(t, schemeAt, Math.min(t.length(), a + IndicatorScanner.MAX_TOKEN));
    int consumed = end;
    while (end > schemeAt + 3 && ".,:;!?'*]".indexOf(t.charAt(end - 1)) >= 0) {
      end--;
    }
    if (!SCHEMES.contains(scheme)) {
      return consumed;
    }
    int hostStart = schemeAt + 3;
    int hostEnd = hostStart;
    while (hostEnd < end && "/?#".indexOf(t.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    String authority = t.substring(hostStart, hostEnd);
    int at = authority.lastIndexOf('@');
    String host = at >= 0 ? authority.substring(at + 1) : authority;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0 || Addresses.parseIpv6(host.substring(1, close)).isEmpty()) {
        return consumed;
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        host = host.substring(0, colon);
      }
      if (!tok.hosts.validHost(host)) {
        return consumed;
      }
    }
    // RFC 3986 §6.2.2.1: the host is case-insensitive; "HXXP://EVIL-UPPER.COM/A" is http://evil-upper.com/A
    String value = scheme + t.substring(schemeAt, hostStart) + t.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT)
        + t.substring(hostEnd, end);
    tok.emit(IndicatorType.URL, value, a, end, hostFlags(host));
    return consumed;
  }

  /**
   * The end, before {@code n}, of the URL characters after the "://" at {@code schemeAt}, with balanced parentheses
   * and the names outside ASCII inside its path.
   */
  private static int urlEnd(String t, int schemeAt, int n) {
    int end = schemeAt + 3;
    int depth = 0;
    boolean inPath = false;
    while (end < n) {
      char c = t.charAt(end);
      if (!Tokens.isUrlChar(c)) {
        int run = inPath ? nonAsciiRun(t, end, n) : end;
        if (run == end) {
          break;
        }
        end = run; // a file or directory name in Chinese inside the path: ".../下载/样本.exe", ".../安全通知.zip?uid=1"
        continue;
      }
      inPath |= c == '/' && end > schemeAt + 2;
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      }
      end++;
    }
    return end;
  }

  /** "host/path" without a scheme: a URL, or a domain when nothing follows the "/". */
  static boolean schemelessUrl(Token tok, String x, int slash, int vs, int ve) {
    String host = x.substring(0, slash);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && Identifiers.digits(host, colon + 1, host.length())) {
      host = host.substring(0, colon);
    }
    boolean ip = Addresses.parseIpv4(host, 0, host.length()) >= 0;
    if (!ip && !(tok.hosts.isDomain(host) && (tok.rt.rewritten(vs, ve) || Hosts.plausibleCase(host)))) {
      return false;
    }
    if (x.length() - slash <= 1) {
      if (ip) {
        return false;
      }
      tok.emit(IndicatorType.DOMAIN, host.toLowerCase(Locale.ROOT), vs, vs + host.length(), Hosts.reservedFlags(host));
      return true;
    }
    if (ip && Identifiers.digits(x, slash + 1, x.length())) {
      return true; // "1.2.3.0/33": an address with a prefix no network has (a valid one was read as CIDR): nothing
    }
    tok.emit(IndicatorType.URL, x, vs, ve, Set.of());
    return true;
  }
}
