package org.parley.extract;

import java.util.Objects;

/**
 * Where an extracted item was found: {@code [start, end)} in UTF-16 code units of the document text
 * ({@link SourceDocument#text()}), and the original characters found there (defanged forms included).
 */
public record Span(int start, int end, String text) {
  public Span {
    Objects.requireNonNull(text, "text");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("span must satisfy 0 <= start <= end, got [" + start + ", " + end + ")");
    }
    if (text.length() != end - start) {
      throw new IllegalArgumentException("span text length must be end - start = " + (end - start)
          + ", got " + text.length());
    }
  }

  /** The span covering {@code [start, end)} of {@code text}. */
  public static Span of(CharSequence text, int start, int end) {
    return new Span(start, end, text.subSequence(start, end).toString());
  }
}
