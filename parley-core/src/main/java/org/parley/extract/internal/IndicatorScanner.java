package org.parley.extract.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.extract.IndicatorFlag;
import org.parley.extract.IndicatorType;

/**
 * One linear pass over refanged text: cut maximal runs of token characters, trim punctuation, classify.
 * No regular expressions, so no backtracking: every character is looked at a bounded number of times
 * (tokens longer than {@link #MAX_TOKEN} are skipped whole).
 */
public final class IndicatorScanner {
  /** Receives each hit with its refanged offsets. */
  public interface Sink {
    void hit(IndicatorType type, String value, int start, int end, Set<IndicatorFlag> flags);
  }

  static final int MAX_TOKEN = 4096;
  private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "smb", "ws", "wss",
      "tcp", "udp", "ssh", "ldap", "rdp", "file");
  private final Hosts hosts;

  public IndicatorScanner(PublicSuffixList psl) {
    this.hosts = new Hosts(psl);
  }

  public void scan(RefangedText rt, Sink sink) {
    String t = rt.text();
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (!Tokens.isToken(c)) {
        i++;
        continue;
      }
      int s = i;
      int bits = 0;
      while (i < n && Tokens.isToken(c = t.charAt(i))) {
        bits |= bitsOf(c);
        i++;
      }
      if (i - s > MAX_TOKEN) {
        continue;
      }
      if ((bits & ~LETTER) == 0 && i - s < 26 && !(i - s == 3 && t.startsWith("ASN", s))) {
        continue; // a plain word: the common case, nothing to find
      }
      i = Math.max(i, new Token(rt, s, i, sink).classify());
    }
  }

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

  /** The private/reserved flags of a URL's host, as its address or name alone would have (http://127.0.0.1/...). */
  static Set<IndicatorFlag> hostFlags(String host) {
    if (host.startsWith("[") && host.indexOf(']') > 0) {
      return Addresses.parseIpv6(host.substring(1, host.indexOf(']'))).map(g -> Identifiers.flagsOf(
          Addresses.ipv6Range(g))).orElse(Set.of());
    }
    long v = Addresses.parseIpv4(host, 0, host.length());
    return v >= 0 ? Identifiers.flagsOf(Addresses.ipv4Range(v)) : Hosts.reservedFlags(host);
  }

  private static final int LETTER = 1;
  private static final int OTHER = 2;

  private static int bitsOf(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? LETTER : OTHER;
  }

  /** Classification of one token; returns the end of what it consumed (paths and URLs may extend). */
  private final class Token {
    final RefangedText rt;
    final String t;
    int s;
    int e;
    final Sink sink;

    Token(RefangedText rt, int s, int e, Sink sink) {
      this.rt = rt;
      this.t = rt.text();
      this.s = s;
      this.e = e;
      this.sink = sink;
    }

    int classify() {
      int rawEnd = e;
      if (s + 1 < e && t.charAt(s) == '.' && Tokens.isFileExtension(t.substring(s + 1, trailingTrimmed()))) {
        int b = unicodeNameStart();
        if (b < s) {
          s = b;
        }
      }
      if (s > 0 && isGlue(t.charAt(s - 1)) || e < t.length() && isGlue(t.charAt(e))) {
        return glued();
      }
      if (s > 0 && isJoint(t.charAt(s - 1)) || e < t.length() && isJoint(t.charAt(e))) {
        return rawEnd; // a piece of a longer token: "evil<ZWNJ>cdn.com" is not cdn.com — the whole or nothing
      }
      while (s < e && Tokens.isLeadingJunk(t.charAt(s))) {
        s++;
      }
      if (e - s < 2) {
        return rawEnd;
      }
      int schemeAt = -1;
      for (int k = s + 1; k + 2 < e; k++) {
        if (t.charAt(k) == ':' && t.charAt(k + 1) == '/' && t.charAt(k + 2) == '/') {
          schemeAt = k;
          break;
        }
      }
      if (schemeAt > s) {
        return url(schemeAt);
      }
      if (Paths.registryRoot(t, s) > 0) {
        return registry();
      }
      if (Paths.windowsPathStart(t, s)) {
        int end = Paths.extendPath(t, s);
        emitPath(end);
        return end;
      }
      while (e > s && Tokens.isTrailingJunk(t.charAt(e - 1))) {
        e--;
      }
      if (e - s < 2) {
        return rawEnd;
      }
      String x = t.substring(s, e);
      if (!classifyValue(x, s, e)) {
        int sep = Math.max(x.lastIndexOf(':'), x.lastIndexOf('='));
        if (sep > 0 && sep < x.length() - 1 && sep <= 12) {
          classifyValue(x.substring(sep + 1), s + sep + 1, e); // "sha256:<hash>", "md5=<hash>"
        }
      }
      return rawEnd;
    }

    // ---- tokens glued to letters outside ASCII ----------------------------------------------------------------

    /**
     * The token touches a letter outside ASCII (not Chinese, Japanese or Korean, which reports write right against
     * an indicator): it is part of a longer word, or of a name written with such letters — an internationalised
     * domain name ("bücher-example.de", RFC 5890), its URL or e-mail address, a file name. The whole run is read as
     * one: as such an indicator when it is one (the host checked by IDNA, RFC 3490, and the public suffix list), else
     * as nothing — never a piece of it ("cher-example.de" is somebody else's domain).
     */
    int glued() {
      int gs = s;
      while (gs > 0 && s - gs < MAX_TOKEN && (Tokens.isUrlChar(t.charAt(gs - 1)) || isGlue(t.charAt(gs - 1)))) {
        gs--;
      }
      int ge = e;
      while (ge < t.length() && ge - gs < MAX_TOKEN && (Tokens.isUrlChar(t.charAt(ge)) || isGlue(t.charAt(ge)))) {
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
        if (SCHEMES.contains(name) && (idnDomain(host) || hosts.validHost(host))) { // or a path in Cyrillic...
          emit(IndicatorType.URL, name + x.substring(scheme), vs, ve, Set.of());
        }
        return ge;
      }
      int at = x.lastIndexOf('@');
      if (at > 0) {
        String local = x.substring(0, at);
        String domain = x.substring(at + 1);
        boolean asciiLocal = local.length() <= 64 && local.chars().allMatch(c -> c < 128
            && (Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0));
        if (asciiLocal && idnDomain(domain)) {
          emit(IndicatorType.EMAIL, local + "@" + domain.toLowerCase(Locale.ROOT), vs, ve, Set.of());
        }
        return ge;
      }
      int dot = x.lastIndexOf('.');
      if (dot > 0 && Tokens.isFileExtension(x.substring(dot + 1)) && !rt.rewritten(vs, ve)) {
        fileName(x, vs, ve);
      } else if (idnDomain(x) && (rt.rewritten(vs, ve) || Hosts.plausibleCase(x))) {
        emit(IndicatorType.DOMAIN, x.toLowerCase(Locale.ROOT), vs, ve, Hosts.reservedFlags(x));
      }
      return ge;
    }

    /** A domain name with letters outside ASCII that IDNA accepts and whose suffix the public suffix list knows. */
    boolean idnDomain(String host) {
      if (host.isEmpty() || host.length() > 253 || host.chars().allMatch(c -> c < 128)) {
        return false;
      }
      try {
        return hosts.isDomain(java.net.IDN.toASCII(host, java.net.IDN.USE_STD3_ASCII_RULES));
      } catch (IllegalArgumentException e) {
        return false; // not a valid internationalised name
      }
    }

    int trailingTrimmed() {
      int k = e;
      while (k > s + 1 && Tokens.isTrailingJunk(t.charAt(k - 1))) {
        k--;
      }
      return k;
    }

    /**
     * A file name in another script ("工作安排.docx"): walk back over letters and digits of any script to a quote,
     * space or punctuation; give up past 64 characters.
     */
    int unicodeNameStart() {
      int b = s;
      while (b > 0 && s - b < 64) {
        char c = t.charAt(b - 1);
        if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-') || c < 128 && !Character.isLetterOrDigit(c)) {
          break;
        }
        b--;
      }
      return s - b >= 64 ? s : b;
    }

    boolean classifyValue(String x, int vs, int ve) {
      char c0 = x.charAt(0);
      if (x.indexOf('@') > 0) {
        return email(x, vs, ve);
      }
      if (c0 == '/' || (c0 == '~' && x.startsWith("~/"))) {
        return unixPath(x, vs, ve);
      }
      if (Identifiers.attackOrCve(x, vs, ve, this::emit) || Identifiers.asn(t, x, vs, ve, this::emit)) {
        return true;
      }
      if (Identifiers.hash(x, vs, ve, this::emit) || Identifiers.wallet(x, vs, ve, this::emit)) {
        return true;
      }
      if (x.indexOf(':') >= 0 && Identifiers.ipv6(x, vs, ve, this::emit)) {
        return true;
      }
      if (x.indexOf('.') > 0) {
        return dotted(x, vs, ve);
      }
      return false;
    }

    void emit(IndicatorType type, String value, int vs, int ve, Set<IndicatorFlag> flags) {
      EnumSet<IndicatorFlag> f = flags.isEmpty() ? EnumSet.noneOf(IndicatorFlag.class) : EnumSet.copyOf(flags);
      if (rt.rewritten(vs, ve)) {
        f.add(IndicatorFlag.DEFANGED);
      }
      sink.hit(type, value, vs, ve, f);
    }

    // ---- URLs --------------------------------------------------------------------------------------------

    /**
     * The end of a run of letters outside ASCII at {@code from} when URL characters other than letters follow it
     * without a break (a name in the path: "安全通知.zip", "样本/"), else {@code from}: text written right after a URL
     * ("访问http://evil.com/a获取更多") is no part of it.
     */
    int nonAsciiRun(int from, int n) {
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

    int url(int schemeAt) {
      int a = schemeAt;
      while (a > s && Character.isLetterOrDigit(t.charAt(a - 1)) && t.charAt(a - 1) < 128) {
        a--;
      }
      String scheme = t.substring(a, schemeAt).toLowerCase(Locale.ROOT);
      int end = schemeAt + 3;
      int n = Math.min(t.length(), a + MAX_TOKEN);
      int depth = 0;
      boolean inPath = false;
      while (end < n) {
        char c = t.charAt(end);
        if (!Tokens.isUrlChar(c)) {
          int run = inPath ? nonAsciiRun(end, n) : end;
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
        if (!hosts.validHost(host)) {
          return consumed;
        }
      }
      // RFC 3986 §6.2.2.1: the host is case-insensitive; "HXXP://EVIL-UPPER.COM/A" is http://evil-upper.com/A
      String value = scheme + t.substring(schemeAt, hostStart) + t.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT)
          + t.substring(hostEnd, end);
      emit(IndicatorType.URL, value, a, end, hostFlags(host));
      return consumed;
    }

    // ---- Windows registry and paths (the character work is in Paths) ---------------------------------------

    int registry() {
      int end = Paths.extendPath(t, s);
      int ve = Paths.trimPathEnd(t, s, end);
      Paths.registryKey(t.substring(s, ve)).ifPresent(key -> emit(IndicatorType.REGISTRY_KEY, key, s, ve, Set.of()));
      return end;
    }

    void emitPath(int end) {
      int ve = Paths.trimPathEnd(t, s, end);
      if (ve - s >= 4) {
        emit(IndicatorType.FILE_PATH, t.substring(s, ve), s, ve, Set.of());
      }
    }

    boolean unixPath(String x, int vs, int ve) {
      if (!Paths.isUnixPath(x)) {
        return false;
      }
      emit(IndicatorType.FILE_PATH, x, vs, ve, Set.of());
      return true;
    }

    // ---- e-mail ------------------------------------------------------------------------------------------

    boolean email(String x, int vs, int ve) {
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
      if (!hosts.isDomain(domain)) {
        return false;
      }
      emit(IndicatorType.EMAIL, local + "@" + domain.toLowerCase(Locale.ROOT), vs, ve, Set.of());
      return true;
    }

    boolean dotted(String x, int vs, int ve) {
      if (Character.isDigit(x.charAt(0)) && ipv4(x, vs, ve)) {
        return true;
      }
      int slash = x.indexOf('/');
      if (slash > 0) {
        return schemelessUrl(x, slash, vs, ve);
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
      boolean defanged = rt.rewritten(vs, ve);
      if (Tokens.isFileExtension(ext) && !defanged) {
        return fileName(host, vs, vs + host.length());
      }
      if (hosts.isDomain(host) && (defanged || Hosts.plausibleCase(host))) {
        emit(IndicatorType.DOMAIN, host.toLowerCase(Locale.ROOT), vs, vs + host.length(), Hosts.reservedFlags(host));
        return true;
      }
      return Tokens.isFileExtension(ext) && fileName(host, vs, vs + host.length());
    }

    boolean fileName(String x, int vs, int ve) {
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
      emit(IndicatorType.FILE_NAME, x, vs, ve, Set.of());
      return true;
    }

    boolean schemelessUrl(String x, int slash, int vs, int ve) {
      String host = x.substring(0, slash);
      int colon = host.lastIndexOf(':');
      if (colon > 0 && Identifiers.digits(host, colon + 1, host.length())) {
        host = host.substring(0, colon);
      }
      boolean ip = Addresses.parseIpv4(host, 0, host.length()) >= 0;
      if (!ip && !(hosts.isDomain(host) && (rt.rewritten(vs, ve) || Hosts.plausibleCase(host)))) {
        return false;
      }
      if (x.length() - slash <= 1) {
        if (ip) {
          return false;
        }
        emit(IndicatorType.DOMAIN, host.toLowerCase(Locale.ROOT), vs, vs + host.length(), Hosts.reservedFlags(host));
        return true;
      }
      if (ip && Identifiers.digits(x, slash + 1, x.length())) {
        return true; // "1.2.3.0/33": an address with a prefix no network has (a valid one was read as CIDR): nothing
      }
      emit(IndicatorType.URL, x, vs, ve, Set.of());
      return true;
    }

    boolean ipv4(String x, int vs, int ve) {
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
      if (v < 0 || Tokens.followsVersionWord(t, vs)) {
        return false;
      }
      emit(IndicatorType.IPV4, x.substring(0, end) + suffix, vs, ve, Identifiers.flagsOf(Addresses.ipv4Range(v)));
      return true;
    }
  }
}
