package org.parley.extract.internal;

import java.util.EnumSet;
import java.util.Set;
import org.parley.extract.IndicatorFlag;
import org.parley.extract.IndicatorType;

/**
 * Classification of one token {@link IndicatorScanner} cut; {@link #classify} returns the end of what it consumed
 * (paths and URLs may extend). The token's bounds and where its hits go are read by {@link UrlValues},
 * {@link DottedValues} and {@link GluedRuns}, which classify the kinds of value it may be.
 */
final class Token {
  final RefangedText rt;
  final String t;
  int s;
  int e;
  final IndicatorScanner.Sink sink;
  final Hosts hosts;

  Token(RefangedText rt, int s, int e, IndicatorScanner.Sink sink, Hosts hosts) {
    this.rt = rt;
    this.t = rt.text();
    this.s = s;
    this.e = e;
    this.sink = sink;
    this.hosts = hosts;
  }

  int classify() {
    int rawEnd = e;
    if (s + 1 < e && t.charAt(s) == '.' && Tokens.isFileExtension(t.substring(s + 1, trailingTrimmed()))) {
      int b = unicodeNameStart();
      if (b < s) {
        s = b;
      }
    }
    if (s > 0 && GluedRuns.isGlue(t.charAt(s - 1)) || e < t.length() && GluedRuns.isGlue(t.charAt(e))) {
      return GluedRuns.glued(this);
    }
    if (s > 0 && GluedRuns.isJoint(t.charAt(s - 1)) || e < t.length() && GluedRuns.isJoint(t.charAt(e))) {
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
      return UrlValues.url(this, schemeAt);
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
      return DottedValues.email(this, x, vs, ve);
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
      return DottedValues.dotted(this, x, vs, ve);
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
}
