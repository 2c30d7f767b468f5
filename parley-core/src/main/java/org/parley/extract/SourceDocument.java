package org.parley.extract;

import java.util.Objects;

/**
 * A report as text. For plain text and Markdown {@link #text()} is the file itself, so spans point into it;
 * for HTML and PDF it is the text extracted from the markup or pages, and spans point into that text.
 */
public record SourceDocument(String name, Format format, String text) {
  /** Input formats. */
  public enum Format { TEXT, MARKDOWN, HTML, PDF }

  public SourceDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(text, "text");
  }
}
