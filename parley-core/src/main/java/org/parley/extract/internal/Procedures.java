package org.parley.extract.internal;

/** Cleans ATT&CK procedure examples and descriptions into plain training sentences. */
public final class Procedures {
  private Procedures() {}

  /**
   * Removes "(Citation: ...)" markers and HTML tags, and replaces Markdown links by their text — except links to
   * groups, software and campaigns, whose names are dropped so the classifier learns behaviour, not names.
   */
  public static String clean(String text) {
    return clean(text, true);
  }

  /** Like {@link #clean(String)} but keeps every link's text, names included: how a report reads. */
  public static String plain(String text) {
    return clean(text, false);
  }

  private static String clean(String text, boolean dropNames) {
    StringBuilder sb = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '(' && text.startsWith("(Citation:", i)) {
        int close = text.indexOf(')', i);
        i = close < 0 ? n : close + 1;
        continue;
      }
      if (c == '[') {
        int close = text.indexOf("](", i);
        int end = close < 0 ? -1 : text.indexOf(')', close);
        if (close > i && end > close && close - i < 200) {
          String url = text.substring(close + 2, end);
          if (!dropNames || !(url.contains("/groups/") || url.contains("/software/") || url.contains("/campaigns/"))) {
            sb.append(text, i + 1, close);
          }
          i = end + 1;
          continue;
        }
      }
      if (c == '<') {
        int close = text.indexOf('>', i);
        if (close > i && close - i < 40) {
          i = close + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString().replaceAll("\\s+", " ").strip();
  }

  /** The first {@code max} sentences of a description (split on ". "). */
  public static String firstSentences(String text, int max) {
    int count = 0;
    int i = 0;
    while (count < max) {
      int dot = text.indexOf(". ", i);
      if (dot < 0) {
        return text;
      }
      i = dot + 2;
      count++;
    }
    return text.substring(0, i).strip();
  }
}
