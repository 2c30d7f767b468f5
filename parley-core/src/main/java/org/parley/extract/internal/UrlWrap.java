package org.parley.extract.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * A long URL that layout broke at the right margin ("…/download/\nupdate.php?id=7") is cut at the break when the
 * lines are read as they stand. PDF text decides by the glyphs' geometry ({@link PdfText}); hard-wrapped plain
 * text and Markdown (advisories wrapped at 72 or 80 columns, {@code pdftotext} output, {@code fold}) by columns:
 * {@link #joins}. Both accept the same words on each side of the break.
 */
public final class UrlWrap {
  private UrlWrap() {}

  /** Punctuation that ends a Chinese sentence: a line ending in it ends there, whatever precedes it. */
  private static final String SENTENCE_END = "。，；：！？、）」』";
  /** Characters a URL's continuation may hold besides ASCII letters and digits. */
  private static final String URL_CHARS = "/.?=&%_-#~:;@!$+,*'()[]";
  /** The line's last word is a URL (a scheme, defanged or not, or {@code www.}) of at least {@code min} characters. */
  static boolean endsInUrl(CharSequence line, int min) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    int start = end;
    while (start > 0 && line.charAt(start - 1) != ' ' && line.charAt(start - 1) != '\t') {
      start--;
    }
    String w = line.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
    return w.length() >= min && (w.contains("://") || w.contains("[:]//") || w.contains("[://]")
        || w.startsWith("hxxp") || w.startsWith("www.") || w.startsWith("www[.]"));
  }

  /**
   * The word continues a URL: only URL characters, at least one of {@code / . ? = & % _ - # ~} or a digit, and a
   * letter or digit (a Markdown bullet "-" or "*" is not a continuation), not itself a URL, not a capitalised word,
   * not a sentence's last word unless it holds a slash.
   */
  static boolean continuesUrl(String w) {
    if (w.isEmpty() || w.contains("://") || w.toLowerCase(Locale.ROOT).startsWith("www.")
        || w.chars().noneMatch(Character::isLetterOrDigit)) {
      return false;
    }
    boolean marked = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      boolean ascii = c < 128 && (Character.isLetterOrDigit(c) || URL_CHARS.indexOf(c) >= 0);
      if (!ascii) {
        return false;
      }
      marked |= Character.isDigit(c) || "/.?=&%_-#~".indexOf(c) >= 0;
    }
    boolean capitalisedWord = Character.isUpperCase(w.charAt(0))
        && w.substring(1).chars().allMatch(Character::isLowerCase);
    return marked && !capitalisedWord && (!w.endsWith(".") || w.indexOf('/') >= 0);
  }

  /**
   * The line breaks of hard-wrapped text that cut a URL, as {@code [start, end)} pairs of offsets to delete (the
   * line's trailing blanks, the break, the next line's indentation). A break is joined when the line's last word is a
   * URL of at least 12 characters ({@link #endsInUrl}; "https://a.bc", the wrap may cut it early), the line reaches
   * the right margin — within two columns of the text's wrap width, taken as the 90th percentile of its non-empty
   * lines' lengths, itself at least 40 columns, in a text of at least four such lines: a cut token fills its line,
   * while a whole URL that ends a greedily wrapped line mostly stops short of it — and the next line's first word
   * continues a URL ({@link #continuesUrl}); a line ending in Chinese sentence punctuation ("…/svcupd.exe。") is not
   * cut. A list of URLs one per line (short of the margin), a URL before a blank line or a list item, and a sentence
   * after a URL keep their breaks. Linear in the text (and a sort of the line lengths). Not
   * joined: a break inside a defang bracket ("[.\n]"), which the refanger reads in the original text.
   */
  public static int[] joins(String text) {
    int n = text.length();
    int lines = 0;
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    if (lines < 4) {
      return new int[0];
    }
    int[] lengths = new int[lines + 1];
    int count = 0;
    for (int s = 0; s <= n; ) {
      int e = lineEnd(text, s);
      int len = trimmedEnd(text, s, e) - s;
      if (len > 0) {
        lengths[count++] = len;
      }
      s = e + 1;
    }
    if (count < 4) {
      return new int[0];
    }
    int[] sorted = Arrays.copyOf(lengths, count);
    Arrays.sort(sorted);
    int width = sorted[(int) Math.floor(0.9 * (count - 1))];
    if (width < 40) {
      return new int[0];
    }
    int[] out = new int[8];
    int k = 0;
    for (int s = 0; s < n; ) {
      int e = lineEnd(text, s);
      if (e >= n) {
        break;
      }
      int te = trimmedEnd(text, s, e);
      int next = e + 1;
      int ws = next;
      while (ws < n && (text.charAt(ws) == ' ' || text.charAt(ws) == '\t')) {
        ws++;
      }
      int we = ws;
      while (we < n && !Character.isWhitespace(text.charAt(we))) {
        we++;
      }
      // at the margin, or short of it after a hyphen ("…/cdn-update-⏎services.com/…": wrappers break after one, and
      // no host ends in one)
      boolean atMargin = te - s >= width - 2 || te > s && text.charAt(te - 1) == '-' && te - s >= width / 2;
      if (atMargin && we > ws && SENTENCE_END.indexOf(text.charAt(te - 1)) < 0
          && endsInUrl(text.subSequence(s, te), 12)
          && continuesUrl(text.substring(ws, we))) {
        if (k + 2 > out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[k++] = te;
        out[k++] = ws;
      }
      s = next;
    }
    return Arrays.copyOf(out, k);
  }

  /** Offset of the '\n' ending the line that starts at {@code s}, or the text's length. */
  private static int lineEnd(String text, int s) {
    int e = text.indexOf('\n', s);
    return e < 0 ? text.length() : e;
  }

  /** End of the line's content before trailing blanks and a '\r'. */
  private static int trimmedEnd(String text, int s, int e) {
    while (e > s && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t' || text.charAt(e - 1) == '\r')) {
      e--;
    }
    return e;
  }
}
