package org.parley.stix.internal;

import java.util.ArrayList;
import java.util.List;
import org.parley.stix.Violation;

/** Collects every violation found while checking one object; validation never stops at the first. */
public final class Problems {
  /**
   * The violations kept per object; past them one more says how many were left out. Every element of a bad list
   * gave its own violation: a 200 KB envelope gave an 8.5 MB status and a 4 MB one ran the node out of memory.
   */
  public static final int MAX_KEPT = 25;
  /** The longest message kept (a number of 400 digits was printed whole). */
  static final int MAX_MESSAGE = 300;

  private final List<Violation> found = new ArrayList<>(0);
  private int omitted;

  public void add(String path, String rule, String message) {
    if (found.size() >= MAX_KEPT) {
      omitted++;
      if (omitted == 1) {
        found.add(new Violation("$", "more-violations", "further violations left out"));
      } else {
        found.set(found.size() - 1, new Violation("$", "more-violations", omitted + " further violations left out"));
      }
      return;
    }
    found.add(new Violation(bounded(path), rule, bounded(message)));
  }

  private static String bounded(String s) {
    return bounded(s, MAX_MESSAGE);
  }

  /** {@code s} cut to at most {@code max} characters and "…", never inside a surrogate pair. */
  public static String bounded(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, cut) + "…";
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
