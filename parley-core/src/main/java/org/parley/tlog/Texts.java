package org.parley.tlog;

/** Quoting of untrusted text inside exception messages: printable ASCII kept, the rest escaped, length capped. */
final class Texts {
  private static final int MAX = 120;

  private Texts() {}

  static String quote(String untrusted) {
    StringBuilder out = new StringBuilder("\"");
    int n = Math.min(untrusted.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = untrusted.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (untrusted.length() > MAX) {
      out.append("...");
    }
    return out.append('"').toString();
  }
}
