package org.parley.node.web;

/**
 * A page under construction. Everything that is not a literal of this package goes through {@link #text}, which
 * escapes it for HTML element content and double-quoted attribute values alike (OWASP XSS prevention rules 1
 * and 2): STIX content, party names, collection titles and query parameters are attacker-controlled.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(4096);

  /** Appends trusted markup: only string literals written in this package may be passed here. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends untrusted text, escaped. */
  Html text(String untrusted) {
    escapeInto(out, untrusted);
    return this;
  }

  /** Escapes untrusted text for element content and quoted attribute values. */
  static String escape(String untrusted) {
    StringBuilder b = new StringBuilder(untrusted.length() + 16);
    escapeInto(b, untrusted);
    return b.toString();
  }

  private static void escapeInto(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '`' -> b.append("&#96;");
        case '\0' -> b.append('\uFFFD');
        default -> {
          // Other C0 controls (bar tab, LF, CR) are not allowed in HTML text, and the bidirectional overrides and
          // isolates make an untrusted name read backwards ("invoice\u202Efdp.exe"): replacement chars, as the
          // attribution reports show them.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069)) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
