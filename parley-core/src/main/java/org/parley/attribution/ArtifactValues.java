package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The values an indicator, infrastructure or observable is matched by (hosts, addresses, hashes...), read the same way
 * from a knowledge base's objects and an incident's, so that they meet.
 */
final class ArtifactValues {
  private ArtifactValues() {}

  /**
   * The constants a pattern compares with. STIX 2.1 §9: string literals are single-quoted with {@code \'} and
   * {@code \\} escapes. A scan, not a regular expression: a literal thousands of characters long (an encoded
   * PowerShell command line) overflowed the stack of the backtracking matcher an alternation needs.
   */
  static Set<String> patternValues(String pattern) {
    Set<String> values = new LinkedHashSet<>();
    int n = pattern.length();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (pattern.charAt(i) != '\'') {
        continue;
      }
      int start = i;
      literal.setLength(0);
      int j = i + 1;
      boolean closed = false;
      for (; j < n; j++) {
        char c = pattern.charAt(j);
        if (c == '\\' && j + 1 < n) {
          literal.append(pattern.charAt(++j));
        } else if (c == '\'') {
          closed = true;
          break;
        } else {
          literal.append(c);
        }
      }
      if (!closed) {
        break; // an unterminated literal: nothing after it is a value
      }
      if (compared(pattern, start)) {
        values.add(artifactKey(literal.toString()));
      }
      i = j;
    }
    values.remove("");
    return values;
  }

  /**
   * The quoted string at {@code quote} is a constant compared with (STIX 2.1 §9.4-9.6: after {@code = != < <= > >=},
   * {@code LIKE}, {@code MATCHES}, {@code ISSUBSET}, {@code ISSUPERSET}, or in an {@code IN (…)} list), not a quoted
   * property name of an object path ({@code file:hashes.'SHA-256'}: read as a value, every SHA-256 indicator of shared
   * intel had the value "sha-256" in common) nor a typed literal ({@code t'…'}, {@code b'…'}, {@code h'…'}).
   */
  private static boolean compared(String pattern, int quote) {
    int i = quote - 1;
    while (i >= 0 && Character.isWhitespace(pattern.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    char c = pattern.charAt(i);
    if (c == '=' || c == '<' || c == '>' || c == '(' || c == ',') {
      return true;
    }
    int end = i + 1;
    while (i >= 0 && Character.isLetter(pattern.charAt(i))) {
      i--;
    }
    String word = pattern.substring(i + 1, end).toUpperCase(Locale.ROOT);
    return (word.equals("LIKE") || word.equals("MATCHES") || word.equals("ISSUBSET")
        || word.equals("ISSUPERSET"));
  }

  /**
   * An infrastructure object's values: its name's key, and the name itself when it is a host, address, network or
   * URL ("evil.example", "203.0.113.0/24"), so that it meets indicators and observables of that value.
   */
  static Set<String> infrastructureValues(JsonNode o) {
    Set<String> values = new LinkedHashSet<>();
    String name = KbBuilder.text(o, "name");
    values.add(Names.key(name));
    String v = artifactKey(name);
    if (!Infrastructure.host(v).isEmpty() || Infrastructure.network(v).isPresent()) {
      values.add(v);
    }
    values.remove("");
    return values;
  }

  static Set<String> observableValues(JsonNode o) {
    Set<String> values = new LinkedHashSet<>();
    String v = KbBuilder.text(o, "value");
    if (!v.isEmpty()) {
      values.add(artifactKey(v));
    }
    o.path("hashes").forEach(h -> values.add(artifactKey(h.asText())));
    values.remove("");
    return values;
  }

  static String artifactKey(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
  }
}
