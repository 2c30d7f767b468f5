package org.parley.extract.internal;

import java.util.Locale;
import java.util.Set;
import org.parley.extract.IndicatorType;

/**
 * Tokens that touch characters outside ASCII: which such characters glue a token into a longer word or join it
 * invisibly to its neighbours, and how a glued run is read — as an internationalised domain name, its URL or e-mail
 * address, a file name, or nothing.
 */
final class GluedRuns {
  private GluedRuns() {}

  /**
   * A letter outside ASCII that can belong to the same word as the ASCII around it (Latin with diacritics, Greek,
   * Cyrillic...); not Chinese, Japanese or Korean script, which reports write right against an indicator
   * ("访问evil.com获取").
   */
  static boolean isGlue(char c) {
    if (c < 128 || !Character.isLetterOrDigit(c)) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
        && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL
        && script != Character.UnicodeScript.BOPOMOFO && !(c >= 0xFF00 && c <= 0xFFEF);
  }

  /**
   * A character that joins what is on either side into one token though the scanner does not read it as part of
   * one: combining marks ("te\u0301st-domain.com"), format characters (zero-width (non-)joiners, bidirectional
   * overrides, tag characters), and U+FFFD (an undecodable byte). Left as a boundary, it cut an indicator and left
   * its tail — somebody else's domain — to be handed on as an IOC.
   */
  static boolean isJoint(char c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK || type == Character.FORMAT || c == '\uFFFD'
        || Character.isSurrogate(c) && !Character.isLetterOrDigit(c);
  }

  /**
   * The token touches a letter outside ASCII (not Chinese, Japanese or Korean, which reports write right against
   * an indicator): it is part of a longer word, or of a name written with such letters — an internationalised
   * domain name ("bücher-example.de", RFC 5890), its URL or e-mail address, a file name. The whole run is read as
   * one: as such an indicator when it is one (the host checked by IDNA, RFC 3490, and the public suffix list), else
   * as nothing — never a piece of it ("cher-example.de" is somebody else's domain).
   */
  static int glued(Token tok) {
    String t = tok.t;
    int s = tok.s;
    int gs = s;
    while (gs > 0 && s - gs < IndicatorScanner.MAX_TOKEN
        && (Tokens.isUrlChar(t.charAt(gs - 1)) || isGlue(t.charAt(gs - 1)))) {
      gs--;
    }
    int ge = tok.e;
    while (ge < t.length() && ge - gs < IndicatorScanner.MAX_TOKEN
        && (Tokens.isUrlChar(t.charAt(ge)) || isGlue(t.charAt(ge)))) {
      ge++;
    }
    int vs = gs;
    int ve = ge;
    while (vs < ve && (Tokens.isLeadingJunk(t.charAt(vs)) || "('\"[".indexOf(t.charAt(vs)) >= 0)) {
      vs++;
    }
    while (ve > vs && (Tokens.isTrailingJunk(t.charAt(ve - 1)) || ")'\"],;!*".indexOf(t.charAt(ve - 1)) >= 0)) {
      ve--;
    }
    if (ve - vs < 4) {
      return ge;
    }
    String x = t.substring(vs, ve);
    int scheme = x.indexOf("://");
    if (scheme > 0) {
      url(tok, x, scheme, vs, ve);
      return ge;
    }
    int at = x.lastIndexOf('@');
    if (at > 0) {
      email(tok, x, at, vs, ve);
      return ge;
    }
    int dot = x.lastIndexOf('.');
    if (dot > 0 && Tokens.isFileExtension(x.substring(dot + 1)) && !tok.rt.rewritten(vs, ve)) {
      DottedValues.fileName(tok, x, vs, ve);
    } else if (idnDomain(tok.hosts, x) && (tok.rt.rewritten(vs, ve) || Hosts.plausibleCase(x))) {
      tok.emit(IndicatorType.DOMAIN, x.toLowerCase(Locale.ROOT), vs, ve, Hosts.reservedFlags(x));
    }
    return ge;
  }

  /** A glued run with "://" at {@code scheme}: a URL when its scheme is one of ours and its host valid. */
  private static void url(Token tok, String x, int scheme, int vs, int ve) {
    String name = x.substring(0, scheme).toLowerCase(Locale.ROOT);
    int hostEnd = scheme + 3;
    while (hostEnd < x.length() && "/?#".indexOf(x.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    String authority = x.substring(scheme + 3, hostEnd);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && Identifiers.digits(host, colon + 1, host.length())) {
      host = host.substring(0, colon);
    }
    if (UrlValues.SCHEMES.contains(name)
        && (idnDomain(tok.hosts, host) || tok.hosts.validHost(host))) { // or a path in Cyrillic...
      tok.emit(IndicatorType.URL, name + x.substring(scheme), vs, ve, Set.of());
    }
  }

  /** A glued run with its last "@" at {@code at}: an e-mail address when its local part is ASCII, its domain an IDN. */
  private static void email(Token tok, String x, int at, int vs, int ve) {
    String local = x.substring(0, at);
    String domain = x.substring(at + 1);
    boolean asciiLocal = local.length() <= 64 && local.chars().allMatch(c -> c < 128
        && (Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0));
    if (asciiLocal && idnDomain(tok.hosts, domain)) {
      tok.emit(IndicatorType.EMAIL, local + "@" + domain.toLowerCase(Locale.ROOT), vs, ve, Set.of());
    }
  }

  /** A domain name with letters outside ASCII that IDNA accepts and whose suffix the public suffix list knows. */
  static boolean idnDomain(Hosts hosts, String host) {
    if (host.isEmpty() || host.length() > 253 || host.chars().allMatch(c -> c < 128)) {
      return false;
    }
    try {
      return hosts.isDomain(java.net.IDN.toASCII(host, java.net.IDN.USE_STD3_ASCII_RULES));
    } catch (IllegalArgumentException e) {
      return false; // not a valid internationalised name
    }
  }
}
