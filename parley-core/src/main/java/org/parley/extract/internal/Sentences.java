package org.parley.extract.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentence ranges: at ". ", "! ", "? " before a capital or digit, at 。！？；, at blank lines and
 * at list bullets; single line breaks (wrapped PDF lines) do not end a sentence. Long sentences are cut at
 * {@link #MAX} characters so every later step is bounded.
 */
public final class Sentences {
  public static final int MAX = 1000;

  private Sentences() {}

  /** Ranges as {start, end} pairs. */
  public static List<int[]> split(String t) {
    List<int[]> out = new ArrayList<>();
    int n = t.length();
    int s = 0;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      boolean end = false;
      int cut = i + 1;
      if (c == '。' || c == '！' || c == '？' || c == '；') {
        end = true;
      } else if ((c == '.' || c == '!' || c == '?') && i + 2 < n && t.charAt(i + 1) == ' '
          && (Character.isUpperCase(t.charAt(i + 2)) || Character.isDigit(t.charAt(i + 2)) || t.charAt(i + 2) > 0x2e80)) {
        end = true;
      } else if (c == '\n' && i + 1 < n && (t.charAt(i + 1) == '\n' || t.charAt(i + 1) == '-' || t.charAt(i + 1) == '*'
          || t.charAt(i + 1) == '•' || t.charAt(i + 1) == '#' || t.charAt(i + 1) == '|')) {
        end = true;
        cut = i;
      } else if (c == '\n' && i > 0 && (t.charAt(i - 1) == '.' || t.charAt(i - 1) == ':' || t.charAt(i - 1) == '。')) {
        end = true;
        cut = i;
      }
      if (end || i + 1 - s >= MAX) {
        add(out, t, s, end ? cut : i + 1);
        s = end ? cut : i + 1;
      }
    }
    add(out, t, s, n);
    return out;
  }

  private static void add(List<int[]> out, String t, int s, int e) {
    while (s < e && Character.isWhitespace(t.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
      e--;
    }
    if (e - s >= 3) {
      out.add(new int[] {s, e});
    }
  }
}
