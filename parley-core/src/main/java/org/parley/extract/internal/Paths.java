package org.parley.extract.internal;

import java.util.Optional;

/**
 * The character work of recognising Windows registry keys and paths and Unix paths inside a token (for
 * {@link IndicatorScanner}): each method looks at a bounded number of characters.
 */
final class Paths {
  private static final String[][] HIVES = {
      {"HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"}, {"HKEY_CURRENT_USER", "HKEY_CURRENT_USER"},
      {"HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"}, {"HKEY_USERS", "HKEY_USERS"},
      {"HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"}, {"HKLM", "HKEY_LOCAL_MACHINE"},
      {"HKCU", "HKEY_CURRENT_USER"}, {"HKCR", "HKEY_CLASSES_ROOT"}, {"HKU", "HKEY_USERS"},
      {"HKCC", "HKEY_CURRENT_CONFIG"}};

  private Paths() {}

  /** Length of the hive prefix at {@code s} (including the "\" or ":\" after it), or 0. */
  static int registryRoot(String t, int s) {
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

  /** The key with its hive spelled out in full ("HKLM\\Software" → "HKEY_LOCAL_MACHINE\\Software"). */
  static Optional<String> registryKey(String raw) {
    for (String[] h : HIVES) {
      if (raw.regionMatches(true, 0, h[0], 0, h[0].length())) {
        int k = h[0].length();
        if (k < raw.length() && raw.charAt(k) == ':') {
          k++;
        }
        String rest = raw.substring(k);
        return rest.length() > 1 ? Optional.of(h[1] + rest) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** "C:\\", "%APPDATA%\\" or "\\\\server" at {@code s}. */
  static boolean windowsPathStart(String t, int s) {
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

  /** Extends a path through spaces and parentheses when the next word continues the path ("Program Files\\"). */
  static int extendPath(String t, int from) {
    int n = Math.min(t.length(), from + 1024);
    int end = from;
    while (end < n) {
      char c = t.charAt(end);
      if (Tokens.isToken(c) || c == '(' || c == ')' || c == '{' || c == '}' || c == '\'' || c == ',') {
        end++;
        continue;
      }
      if (c == ' ') {
        // a directory name with spaces: "Program Files (x86)", "Common Files" — words up to the next backslash,
        // none holding '.' or ':' (a file name or a drive ends the path: "a.exe and C:\x" is two things)
        int k = end + 1;
        while (k < n && k < end + 40 && (Tokens.isToken(t.charAt(k)) || t.charAt(k) == '(' || t.charAt(k) == ')'
            || t.charAt(k) == ' ') && t.charAt(k) != '\\' && t.charAt(k) != '.' && t.charAt(k) != ':') {
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

  /** Drops trailing punctuation from a path that starts at {@code s}, keeping a ")" that closes a "(". */
  static int trimPathEnd(String t, int s, int end) {
    while (end > s && ".,;:)'\"".indexOf(t.charAt(end - 1)) >= 0) {
      if (t.charAt(end - 1) == ')' && t.substring(s, end).indexOf('(') >= 0) {
        break;
      }
      end--;
    }
    return end;
  }

  /** At least two directories, no "//", starting with a letter ("/etc/passwd", "~/.ssh/id_rsa"). */
  static boolean isUnixPath(String x) {
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
    return slashes >= 2 && first < x.length() && Character.isLetter(x.charAt(first));
  }
}
