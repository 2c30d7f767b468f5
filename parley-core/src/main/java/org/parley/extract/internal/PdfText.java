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
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(false);
      // the overlap check is quadratic in a page's glyphs: a hostile page could stall extraction
      stripper.setSuppressDuplicateOverlappingText(false);
      stripper.setEndPage(Math.min(doc.getNumberOfPages(), MAX_PAGES));
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
