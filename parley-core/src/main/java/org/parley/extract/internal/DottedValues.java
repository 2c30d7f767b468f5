package org.parley.extract.internal;

import java.util.Locale;
import java.util.Set;
import org.parley.extract.IndicatorType;

/**
 * What a token's value with an "@" or a "." in it may be: an e-mail address, an IPv4 address or CIDR block, a
 * schemeless URL (in {@link UrlValues}), a domain or a file name.
 */
final class DottedValues {
  private DottedValues() {}

  static boolean email(Token tok, String x, int vs, int ve) {
    int at = x.lastIndexOf('@');
    String local = x.substring(0, at);
    String domain = x.substring(at + 1);
    if (local.isEmpty() || local.length() > 64 || local.charAt(0) == '.' || local.charAt(local.length() - 1) == '.') {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && "._%+-".indexOf(c) < 0) {
        return false;
      }
    }
    if (!tok.hosts.isDomain(domain)) {
      return false;
    }
    tok.emit(IndicatorType.EMAIL, local + "@" + domain.toLowerCase(Locale.ROOT), vs, ve, Set.of());
    return true;
  }

  static boolean dotted(Token tok, String x, int vs, int ve) {
    if (Character.isDigit(x.charAt(0)) && ipv4(tok, x, vs, ve)) {
      return true;
    }
    int slash = x.indexOf('/');
    if (slash > 0) {
      return UrlValues.schemelessUrl(tok, x, slash, vs, ve);
    }
    String host = x;
    int colon = x.lastIndexOf(':');
    if (colon > 0 && Identifiers.digits(x, colon + 1, x.length())) {
      host = x.substring(0, colon);
    }
    int lastDot = host.lastIndexOf('.');
    if (lastDot <= 0 || lastDot == host.length() - 1) {
      return false;
    }
    String ext = host.substring(lastDot + 1);
    boolean defanged = tok.rt.rewritten(vs, ve);
    if (Tokens.isFileExtension(ext) && !defanged) {
      return fileName(tok, host, vs, vs + host.length());
    }
    if (tok.hosts.isDomain(host) && (defanged || Hosts.plausibleCase(host))) {
      tok.emit(IndicatorType.DOMAIN, host.toLowerCase(Locale.ROOT), vs, vs + host.length(), Hosts.reservedFlags(host));
      return true;
    }
    return Tokens.isFileExtension(ext) && fileName(tok, host, vs, vs + host.length());
  }

  static boolean fileName(Token tok, String x, int vs, int ve) {
    if (Tokens.NOT_FILES.contains(x.toLowerCase(Locale.ROOT))) {
      return false;
    }
    int dot = x.lastIndexOf('.');
    if (dot <= 0) {
      return false;
    }
    for (int i = 0; i < dot; i++) {
      char c = x.charAt(i);
      if (!(Character.isLetterOrDigit(c) || "._-$~+#@".indexOf(c) >= 0)) { // letters of any script
        return false;
      }
    }
    tok.emit(IndicatorType.FILE_NAME, x, vs, ve, Set.of());
    return true;
  }

  static boolean ipv4(Token tok, String x, int vs, int ve) {
    int end = x.length();
    int slash = x.indexOf('/');
    int colon = x.indexOf(':');
    String suffix = "";
    if (slash > 0) {
      if (!Identifiers.digits(x, slash + 1, x.length()) || x.length() - slash > 3
          || Integer.parseInt(x.substring(slash + 1)) > 32) {
        return false;
      }
      end = slash;
      suffix = x.substring(slash);
    } else if (colon > 0) {
      if (!Identifiers.digits(x, colon + 1, x.length()) || x.length() - colon > 6) {
        return false;
      }
      end = colon; // "1.2.3.4:443": the port is not part of the address
      ve = vs + colon;
    }
    long v = Addresses.parseIpv4(x, 0, end);
    if (v < 0 || Tokens.followsVersionWord(tok.t, vs)) {
      return false;
    }
    tok.emit(IndicatorType.IPV4, x.substring(0, end) + suffix, vs, ve, Identifiers.flagsOf(Addresses.ipv4Range(v)));
    return true;
  }
}
