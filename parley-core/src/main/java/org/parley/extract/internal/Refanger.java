package org.parley.extract.internal;

import java.util.Arrays;

/**
 * Rewrites defanged indicators to their plain form: {@code hxxp(s)}, {@code [.]}, {@code (.)}, {@code {.}},
 * {@code [dot]}, {@code [:]}, {@code [@]}, {@code [at]}, {@code [/]} and the full-width punctuation of Chinese
 * reports ({@code 。．：／［］（）｛｝＠}). Linear time, one pass, no regular expressions.
 *
 * <p>Invisible characters that web pages and PDFs put inside long tokens are deleted: the soft hyphen U+00AD (a
 * hyphenation point, shown only at a line break), the zero-width space U+200B and word joiner U+2060 (break
 * opportunities some sites insert into URLs and hashes, and a defang of its own), and U+FEFF. Left in, they cut an
 * indicator where they stand: "https://evil-cdn.com/pa&lt;SHY&gt;yload" was read as the URL {@code https://evil-cdn.com/pa}
 * and the domain "bad&lt;ZWSP&gt;domain.com" as {@code domain.com} — somebody else's name handed on as an IOC. Zero-width
 * (non-)joiners stay: scripts need them and they do not occur inside indicators.
 */
public final class Refanger {
  private Refanger() {}

  public static RefangedText refang(String in) {
    return refang(in, new int[0]);
  }

  /**
   * Also deletes the {@code [start, end)} ranges in {@code joins} (sorted, disjoint; {@link UrlWrap#joins}: the line
   * breaks of hard-wrapped text that cut a URL), offsets still mapping back to {@code in}.
   */
  public static RefangedText refang(String in, int[] joins) {
    StringBuilder out = new StringBuilder(in.length());
    Segments seg = new Segments();
    int n = in.length();
    int i = 0;
    int k = 0;
    while (i < n) {
      while (k < joins.length && joins[k] < i) {
        k += 2;
      }
      if (k < joins.length && joins[k] == i && joins[k + 1] > i) {
        seg.add(out.length(), out.length(), i, joins[k + 1]);
        i = joins[k + 1];
        continue;
      }
      char c = in.charAt(i);
      if (invisible(c)) {
        int j = i + 1;
        while (j < n && invisible(in.charAt(j))) {
          j++;
        }
        seg.add(out.length(), out.length(), i, j);
        i = j;
        continue;
      }
      char w = widen(c);
      if (w != c) {
        // a full-width bracket may open a defang sequence: "［.］"
        int used = bracketed(in, i, n, out, seg);
        if (used > 0) {
          i += used;
          continue;
        }
        seg.add(out.length(), out.length() + 1, i, i + 1);
        out.append(w);
        i++;
        continue;
      }
      if (c == '[' || c == '(' || c == '{') {
        int used = bracketed(in, i, n, out, seg);
        if (used > 0) {
          i += used;
          continue;
        }
      } else if ((c == 'h' || c == 'H') && i + 4 <= n && isX(in.charAt(i + 1)) && isX(in.charAt(i + 2))
          && (in.charAt(i + 3) == 'p' || in.charAt(i + 3) == 'P') && (i == 0 || !isAsciiLetter(in.charAt(i - 1)))) {
        seg.add(out.length(), out.length() + 4, i, i + 4);
        out.append("http");
        i += 4;
        continue;
      }
      out.append(c);
      i++;
    }
    return seg.build(out.toString());
  }

  static boolean invisible(char c) {
    return c == '\u00ad' || c == '\u200b' || c == '\u2060' || c == '\ufeff';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isX(char c) {
    return c == 'x' || c == 'X';
  }

  /**
   * Full-width forms to ASCII (1:1: the whole full-width ASCII block, "ｈｔｔｐｓ：／／bad．example"), and the hyphens
   * word processors put in names (U+2010, U+2011 non-breaking, U+FE63, U+FF0D) to "-": left as they were, they cut
   * "evil‑cdn.com" into somebody else's cdn.com; other characters unchanged.
   */
  static char widen(char c) {
    if (c == '\u2010' || c == '\u2011' || c == '\ufe63') {
      return '-';
    }
    if (c >= '\uff01' && c <= '\uff5e' && "［］（）｛｝".indexOf(c) < 0) { // brackets: defang forms, below
      return (char) (c - 0xfee0);
    }
    switch (c) {
      case '。': case '．': case '｡': return '.';
      case '：': return ':';
      case '／': return '/';
      case '［': return '[';
      case '］': return ']';
      case '（': return '(';
      case '）': return ')';
      case '｛': return '{';
      case '｝': return '}';
      case '＠': return '@';
      default: return c;
    }
  }

  private static final String[] INNER = {".", "dot", ":", "@", "at", "/", "://"};
  private static final String[] PLAIN = {".", ".", ":", "@", "@", "/", "://"};

  /** Tries "[x]" forms at {@code i}; appends the plain form and returns the input length used, or 0. */
  private static int bracketed(String in, int i, int n, StringBuilder out, Segments seg) {
    char open = widen(in.charAt(i));
    char close = open == '[' ? ']' : open == '(' ? ')' : open == '{' ? '}' : 0;
    if (close == 0) {
      return 0;
    }
    for (int k = 0; k < INNER.length; k++) {
      String inner = INNER[k];
      int end = i + 1 + inner.length();
      if (end >= n || widen(in.charAt(end)) != close) {
        continue;
      }
      if (!in.regionMatches(true, i + 1, inner, 0, inner.length())) {
        continue;
      }
      // "(at)" and "(dot)" are ordinary words in prose; only accept them between non-space characters
      if (inner.length() > 1 && Character.isLetter(inner.charAt(0))
          && !(i > 0 && isHostChar(in.charAt(i - 1)) && end + 1 < n && isHostChar(in.charAt(end + 1)))) {
        continue;
      }
      if (inner.equals(":") && !(end + 1 < n && (in.charAt(end + 1) == '/' || Character.isLetterOrDigit(in.charAt(end + 1))))) {
        continue;
      }
      String plain = PLAIN[k];
      seg.add(out.length(), out.length() + plain.length(), i, end + 1);
      out.append(plain);
      return end + 1 - i;
    }
    return 0;
  }

  private static boolean isHostChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '-');
  }

  private static final class Segments {
    int[] outStart = new int[16];
    int[] outEnd = new int[16];
    int[] origStart = new int[16];
    int[] origEnd = new int[16];
    int count;

    void add(int os, int oe, int is, int ie) {
      if (count == outStart.length) {
        int cap = count * 2;
        outStart = Arrays.copyOf(outStart, cap);
        outEnd = Arrays.copyOf(outEnd, cap);
        origStart = Arrays.copyOf(origStart, cap);
        origEnd = Arrays.copyOf(origEnd, cap);
      }
      outStart[count] = os;
      outEnd[count] = oe;
      origStart[count] = is;
      origEnd[count] = ie;
      count++;
    }

    RefangedText build(String text) {
      return new RefangedText(text, outStart, outEnd, origStart, origEnd, count);
    }
  }
}
