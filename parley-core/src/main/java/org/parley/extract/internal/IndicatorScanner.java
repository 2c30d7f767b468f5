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
  private final PublicSuffixList psl;

  public IndicatorScanner(PublicSuffixList psl) {
    this.psl = psl;
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
      if (registryRoot() > 0) {
        return registry();
      }
      if (windowsPathStart()) {
        int end = extendPath(s);
        emitTrimmed(IndicatorType.FILE_PATH, end, false);
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
      if (Identifiers.attackOrCve(x, vs, ve, this::emit) || asn(x, vs, ve)) {
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

    int url(int schemeAt) {
      int a = schemeAt;
      while (a > s && Character.isLetterOrDigit(t.charAt(a - 1)) && t.charAt(a - 1) < 128) {
        a--;
      }
      String scheme = t.substring(a, schemeAt).toLowerCase(Locale.ROOT);
      int end = schemeAt + 3;
      int n = Math.min(t.length(), a + MAX_TOKEN);
      int depth = 0;
      while (end < n && Tokens.isUrlChar(t.charAt(end))) {
        char c = t.charAt(end);
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
        if (!validHost(host)) {
          return consumed;
        }
      }
      String value = scheme + t.substring(schemeAt, end);
      emit(IndicatorType.URL, value, a, end, Set.of());
      return consumed;
    }

    boolean validHost(String host) {
      return Addresses.parseIpv4(host, 0, host.length()) >= 0 || isDomain(host);
    }

    boolean isDomain(String host) {
      if (host.length() > 253 || host.indexOf('.') <= 0) {
        return false;
      }
      int labelStart = 0;
      for (int i = 0; i <= host.length(); i++) {
        if (i == host.length() || host.charAt(i) == '.') {
          int len = i - labelStart;
          if (len < 1 || len > 63 || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
            return false;
          }
          labelStart = i + 1;
          continue;
        }
        char c = host.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
      return psl.isRegistrable(host);
    }

    // ---- Windows registry and paths ----------------------------------------------------------------------

    private static final String[][] HIVES = {
        {"HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"}, {"HKEY_CURRENT_USER", "HKEY_CURRENT_USER"},
        {"HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"}, {"HKEY_USERS", "HKEY_USERS"},
        {"HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"}, {"HKLM", "HKEY_LOCAL_MACHINE"},
        {"HKCU", "HKEY_CURRENT_USER"}, {"HKCR", "HKEY_CLASSES_ROOT"}, {"HKU", "HKEY_USERS"},
        {"HKCC", "HKEY_CURRENT_CONFIG"}};

    /** Length of the hive prefix (including the "\" or ":\" after it), or 0. */
    int registryRoot() {
      for (String[] h : HIVES) {
        String p = h[0];
        if (t.regionMatches(true, s, p, 0, p.length())) {
          int k = s + p.length();
          if (k < t.length() && t.charAt(k) == ':') {
            k++;
          }
          if (k < t.length() && t.charAt(k) == '\\') {
            return k + 1 - s;
          }
        }
      }
      return 0;
    }

    int registry() {
      int end = extendPath(s);
      int ve = trimPathEnd(end);
      String raw = t.substring(s, ve);
      for (String[] h : HIVES) {
        if (raw.regionMatches(true, 0, h[0], 0, h[0].length())) {
          int k = h[0].length();
          if (raw.charAt(k) == ':') {
            k++;
          }
          String rest = raw.substring(k);
          if (rest.length() > 1) {
            emit(IndicatorType.REGISTRY_KEY, h[1] + rest, s, ve, Set.of());
          }
          break;
        }
      }
      return end;
    }

    boolean windowsPathStart() {
      int n = t.length();
      char c0 = t.charAt(s);
      if (s + 3 < n && Character.isLetter(c0) && c0 < 128 && t.charAt(s + 1) == ':' && t.charAt(s + 2) == '\\'
          && (s == 0 || !Character.isLetterOrDigit(t.charAt(s - 1)))) {
        return true;
      }
      if (c0 == '%') {
        int close = -1;
        for (int k = s + 1; k < n && k < s + 40; k++) {
          if (t.charAt(k) == '%') {
            close = k;
            break;
          }
        }
        return close > s + 1 && close + 1 < n && t.charAt(close + 1) == '\\';
      }
      return c0 == '\\' && s + 2 < n && t.charAt(s + 1) == '\\' && Character.isLetterOrDigit(t.charAt(s + 2));
    }

    /** Extends a path through spaces and parentheses when the next word continues the path ("Program Files\"). */
    int extendPath(int from) {
      int n = Math.min(t.length(), from + 1024);
      int end = from;
      while (end < n) {
        char c = t.charAt(end);
        if (Tokens.isToken(c) || c == '(' || c == ')' || c == '{' || c == '}' || c == '\'' || c == ',') {
          end++;
          continue;
        }
        if (c == ' ') {
          int k = end + 1;
          while (k < n && k < end + 40 && (Tokens.isToken(t.charAt(k)) || t.charAt(k) == '(' || t.charAt(k) == ')')
              && t.charAt(k) != '\\') {
            k++;
          }
          if (k < n && t.charAt(k) == '\\' && k > end + 1) {
            end = k;
            continue;
          }
        }
        break;
      }
      return end;
    }

    int trimPathEnd(int end) {
      while (end > s && ".,;:)'\"".indexOf(t.charAt(end - 1)) >= 0) {
        if (t.charAt(end - 1) == ')' && t.substring(s, end).indexOf('(') >= 0) {
          break;
        }
        end--;
      }
      return end;
    }

    void emitTrimmed(IndicatorType type, int end, boolean unused) {
      int ve = trimPathEnd(end);
      if (ve - s >= 4) {
        emit(type, t.substring(s, ve), s, ve, Set.of());
      }
    }

    boolean unixPath(String x, int vs, int ve) {
      int slashes = 0;
      for (int i = 0; i < x.length(); i++) {
        char c = x.charAt(i);
        if (c == '/') {
          slashes++;
          if (i + 1 < x.length() && x.charAt(i + 1) == '/') {
            return false;
          }
        } else if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
          return false;
        }
      }
      int first = x.startsWith("~/") ? 2 : 1;
      if (first < x.length() && x.charAt(first) == '.' && first + 1 < x.length()) {
        first++; // hidden directories: /tmp/.X11-unix, ~/.ssh
      }
      if (slashes < 2 || first >= x.length() || !Character.isLetter(x.charAt(first))) {
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
      if (!isDomain(domain)) {
        return false;
      }
      emit(IndicatorType.EMAIL, local + "@" + domain.toLowerCase(Locale.ROOT), vs, ve, Set.of());
      return true;
    }

    // ---- identifiers -------------------------------------------------------------------------------------


    boolean asn(String x, int vs, int ve) {
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
      emit(IndicatorType.ASN, "AS" + number, vs, de, Set.of());
      return true;
    }




    // ---- IP addresses ------------------------------------------------------------------------------------



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
      if (isDomain(host) && (defanged || plausibleCase(host))) {
        emit(IndicatorType.DOMAIN, host.toLowerCase(Locale.ROOT), vs, vs + host.length(), reservedDomain(host));
        return true;
      }
      return Tokens.isFileExtension(ext) && fileName(host, vs, vs + host.length());
    }

    /** "System.IO" and "Foo.Bar.Net" are .NET names, not domains; real domains are rarely capitalised so. */
    boolean plausibleCase(String host) {
      String tld = host.substring(host.lastIndexOf('.') + 1);
      for (int i = 0; i < tld.length(); i++) {
        if (Character.isUpperCase(tld.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    Set<IndicatorFlag> reservedDomain(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      // RFC 2606 §3: example.com/.net/.org are reserved for documentation
      if (h.equals("example.com") || h.endsWith(".example.com") || h.equals("example.net")
          || h.endsWith(".example.net") || h.equals("example.org") || h.endsWith(".example.org")) {
        return Set.of(IndicatorFlag.RESERVED);
      }
      return Set.of();
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
      if (!ip && !(isDomain(host) && (rt.rewritten(vs, ve) || plausibleCase(host)))) {
        return false;
      }
      if (x.length() - slash <= 1) {
        if (ip) {
          return false;
        }
        emit(IndicatorType.DOMAIN, host.toLowerCase(Locale.ROOT), vs, vs + host.length(), reservedDomain(host));
        return true;
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
      if (v < 0 || versionContext(vs)) {
        return false;
      }
      emit(IndicatorType.IPV4, x.substring(0, end) + suffix, vs, ve, Identifiers.flagsOf(Addresses.ipv4Range(v)));
      return true;
    }

    /** "version 1.2.3.4", "v1.2.3.4", "build 10.0.1.2": a dotted quad after a version word is not an address. */
    boolean versionContext(int vs) {
      int k = vs - 1;
      if (k >= 0 && (t.charAt(k) == 'v' || t.charAt(k) == 'V')) {
        return true;
      }
      for (int word = 0; word < 2; word++) {
        int gap = k;
        while (k >= 0 && gap - k < 3 && (t.charAt(k) == ' ' || t.charAt(k) == ':')) {
          k--;
        }
        if (k == gap && word > 0) {
          return false; // the previous word must be separated by a space, not glued by '.' or '/'
        }
        int we = k + 1;
        while (k >= 0 && we - k <= 12 && Character.isLetter(t.charAt(k))) {
          k--;
        }
        String w = t.substring(k + 1, we).toLowerCase(Locale.ROOT);
        if (w.isEmpty() || (k >= 0 && ".-/\\_@".indexOf(t.charAt(k)) >= 0)) {
          return false; // "a.php 1.2.3.4": "php" is part of a file name, not a word
        }
        if (Tokens.VERSION_WORDS.contains(w) || w.endsWith("版本") || w.endsWith("版")) {
          return true;
        }
      }
      return false;
    }
  }
}
