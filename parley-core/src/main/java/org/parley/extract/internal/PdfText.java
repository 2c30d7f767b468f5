package org.parley.extract.internal;

import java.io.IOException;
import java.io.StringWriter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.parley.extract.ExtractException;

/** Text of a PDF report through PDFBox 3, capped in pages and characters. */
public final class PdfText {
  /** Pages read at most; a report longer than this is truncated rather than allowed to exhaust memory. */
  public static final int MAX_PAGES = 5000;

  private PdfText() {}

  public static String extract(byte[] pdf, int maxChars) throws ExtractException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new UrlJoiningStripper();
      stripper.setSortByPosition(false);
      // the overlap check is quadratic in a page's glyphs: a hostile page could stall extraction
      stripper.setSuppressDuplicateOverlappingText(false);
      if (doc.getNumberOfPages() > MAX_PAGES) { // refused, not cut: pages past the limit were silently dropped
        throw new ExtractException("PDF has " + doc.getNumberOfPages() + " pages; at most " + MAX_PAGES
            + " are read (split the document)");
      }
      stripper.setEndPage(doc.getNumberOfPages());
      CappedWriter out = new CappedWriter(maxChars);
      stripper.writeText(doc, out);
      return out.toString();
    } catch (OverflowUnchecked e) {
      throw new ExtractException("text too long: PDF yields more than " + maxChars + " characters");
    } catch (IOException | RuntimeException e) {
      // PDFBox reports malformed files with IOException and, for some damage, runtime exceptions
      throw new ExtractException("malformed PDF: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * PDF layout breaks a long URL where the line ends ("…/download/\nupdate.php?id=7"); read as two lines, the URL is
   * cut at the break. This stripper holds each line break back until it sees the next line's first word and drops it
   * when all of these hold: the line's last word is a URL of 25 characters or more
   * ({@link UrlWrap#endsInUrl}); the line reaches the page's
   * right margin (its right edge within 7 % of the widest line seen on the page, after 3 lines); and the next word
   * continues a URL ({@link UrlWrap#continuesUrl}). An IOC list (one URL per line, short of the margin) and a
   * sentence after a URL keep their breaks.
   */
  static final class UrlJoiningStripper extends PDFTextStripper {
    private final StringBuilder line = new StringBuilder();
    private float lineRight;
    private float pageRight;
    private int pageLines;
    private boolean pendingBreak;
    private boolean breakCandidate;

    UrlJoiningStripper() {
      super();
    }

    @Override
    protected void startPage(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
      flush();
      pageRight = 0;
      pageLines = 0;
      super.startPage(page);
    }

    @Override
    protected void writeString(String text, java.util.List<org.apache.pdfbox.text.TextPosition> positions)
        throws IOException {
      if (pendingBreak) {
        pendingBreak = false;
        if (!(breakCandidate && UrlWrap.continuesUrl(firstWord(text)))) {
          super.writeLineSeparator();
        }
      }
      for (org.apache.pdfbox.text.TextPosition t : positions) {
        lineRight = Math.max(lineRight, t.getXDirAdj() + t.getWidthDirAdj());
      }
      line.append(text);
      super.writeString(text, positions);
    }

    @Override
    protected void writeWordSeparator() throws IOException {
      line.append(' ');
      super.writeWordSeparator();
    }

    @Override
    protected void writeLineSeparator() throws IOException {
      flush();
      pageLines++;
      pageRight = Math.max(pageRight, lineRight);
      breakCandidate = pageLines > 3 && lineRight >= 0.93f * pageRight && UrlWrap.endsInUrl(line, 25);
      pendingBreak = true;
      line.setLength(0);
      lineRight = 0;
    }

    @Override
    protected void writeParagraphEnd() throws IOException {
      flush();
      super.writeParagraphEnd();
    }

    @Override
    protected void writePageEnd() throws IOException {
      flush();
      super.writePageEnd();
    }

    @Override
    protected void endDocument(PDDocument document) throws IOException {
      flush();
      super.endDocument(document);
    }

    /** Writes a held-back line break (anything but the next line's first word decides for it). */
    private void flush() throws IOException {
      if (pendingBreak) {
        pendingBreak = false;
        super.writeLineSeparator();
      }
    }

    private static String firstWord(String text) {
      String t = text.stripLeading();
      int sp = t.indexOf(' ');
      return sp < 0 ? t : t.substring(0, sp);
    }
  }

  private static final class CappedWriter extends StringWriter {
    private final int max;

    CappedWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(String str, int off, int len) {
      check(len);
      super.write(str, off, len);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      check(len);
      super.write(cbuf, off, len);
    }

    @Override
    public void write(int c) {
      check(1);
      super.write(c);
    }

    private void check(int len) {
      if (getBuffer().length() + len > max) {
        throw new OverflowUnchecked();
      }
    }
  }

  private static final class OverflowUnchecked extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
