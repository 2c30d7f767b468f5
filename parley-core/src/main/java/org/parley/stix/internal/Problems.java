package org.parley.stix.internal;

import java.util.ArrayList;
import java.util.List;
import org.parley.stix.Violation;

/** Collects every violation found while checking one object; validation never stops at the first. */
public final class Problems {
  private final List<Violation> found = new ArrayList<>(0);

  public void add(String path, String rule, String message) {
    found.add(new Violation(path, rule, message));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Violation> list() {
    return found;
  }

  /** Quotes untrusted text for a message: bounded in length, control characters escaped. */
  public static String quote(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), 80) + 2).append('"');
    int n = Math.min(text.length(), 64);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (text.length() > n) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
