package org.parley.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.parley.extract.internal.HtmlText;
import org.parley.extract.internal.PdfText;

/**
 * Reads reports (plain text, Markdown, HTML, PDF) from files or streams into {@link SourceDocument}s, with hard
 * size limits so that memory stays bounded whatever the input: {@link #MAX_INPUT_BYTES} of input and
 * {@link #MAX_TEXT_CHARS} of extracted text; beyond them reading fails with a clear {@link ExtractException}.
 */
public final class Documents {
  /** Largest input accepted, in bytes. */
  public static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;
  /** Largest extracted text accepted, in UTF-16 code units. */
  public static final int MAX_TEXT_CHARS = 32 * 1024 * 1024;

  private Documents() {}

  /** Reads a file; the format comes from the extension, else from the content. */
  public static SourceDocument read(Path file) throws ExtractException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new ExtractException("cannot read " + file + ": " + reason(e), e);
    }
    if (size > MAX_INPUT_BYTES) {
      throw new ExtractException("input too large: at most " + MAX_INPUT_BYTES + " bytes, got " + size + " (" + file + ")");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString(), formatOfName(file.getFileName().toString()));
    } catch (IOException e) {
      throw new ExtractException("cannot read " + file + ": " + reason(e), e);
    }
  }

  /** An I/O failure in words: the JDK's message for a missing file is the file's name alone. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Reads a stream (e.g. stdin) to its end, up to {@link #MAX_INPUT_BYTES}. */
  public static SourceDocument read(InputStream in, String name, Optional<SourceDocument.Format> format)
      throws ExtractException {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    } catch (IOException e) {
      throw new ExtractException("cannot read " + name + ": " + reason(e), e);
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new ExtractException("input too large: at most " + MAX_INPUT_BYTES + " bytes, got more (" + name + ")");
    }
    return fromBytes(bytes, name, format);
  }

  /** Parses bytes already in memory. */
  public static SourceDocument fromBytes(byte[] bytes, String name, Optional<SourceDocument.Format> format)
      throws ExtractException {
    SourceDocument.Format f = format.orElseGet(() -> sniff(bytes));
    String text = switch (f) {
      case PDF -> PdfText.extract(bytes, MAX_TEXT_CHARS);
      case HTML -> HtmlText.extract(decode(bytes), MAX_TEXT_CHARS);
      case TEXT, MARKDOWN -> decode(bytes);
    };
    if (f != SourceDocument.Format.PDF && binary(bytes, text)) {
      throw new ExtractException(name + " is not text (binary content): give a report as text, Markdown, HTML or PDF");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new ExtractException("text too long: at most " + MAX_TEXT_CHARS + " characters, got " + text.length()
          + " (" + name + ")");
    }
    return new SourceDocument(name, f, text);
  }

  /** A document from text already decoded (format TEXT). */
  public static SourceDocument ofText(String name, String text) throws ExtractException {
    if (text.length() > MAX_TEXT_CHARS) {
      throw new ExtractException("text too long: at most " + MAX_TEXT_CHARS + " characters, got " + text.length());
    }
    return new SourceDocument(name, SourceDocument.Format.TEXT, text);
  }

  static Optional<SourceDocument.Format> formatOfName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".pdf")) {
      return Optional.of(SourceDocument.Format.PDF);
    }
    if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) {
      return Optional.of(SourceDocument.Format.HTML);
    }
    if (n.endsWith(".md") || n.endsWith(".markdown")) {
      return Optional.of(SourceDocument.Format.MARKDOWN);
    }
    if (n.endsWith(".txt") || n.endsWith(".text")) {
      return Optional.of(SourceDocument.Format.TEXT);
    }
    return Optional.empty();
  }

  static SourceDocument.Format sniff(byte[] b) {
    if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
      return SourceDocument.Format.PDF;
    }
    int n = Math.min(b.length, 1024);
    String head = new String(b, 0, n, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("\u00ef\u00bb\u00bf")) {
      head = head.substring(3).stripLeading();
    }
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
        || head.startsWith("<body")) {
      return SourceDocument.Format.HTML;
    }
    return SourceDocument.Format.TEXT;
  }

  /**
   * Byte-order mark first; else strict UTF-8; else Big5 (Taiwan, Hong Kong) when the double-byte pairs look like
   * it; else strict GB18030 (the superset of GBK/GB2312 used by mainland Chinese reports); else UTF-8 with U+FFFD
   * for the undecodable bytes of mixed encodings.
   */
  static String decode(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    Optional<java.nio.charset.Charset> utf16 = utf16WithoutMark(b);
    if (utf16.isPresent()) {
      return new String(b, utf16.get());
    }
    Optional<String> s = strict(b, StandardCharsets.UTF_8);
    if (s.isEmpty() && looksLikeBig5(b)) {
      s = strict(b, Charset.forName("Big5-HKSCS"));
    }
    if (s.isEmpty()) {
      s = strict(b, Charset.forName("GB18030"));
    }
    return s.orElseGet(() -> new String(b, StandardCharsets.UTF_8));
  }

  /**
   * UTF-16 saved without a byte-order mark (Windows tools do): ASCII text in it has a zero byte in every other
   * position, which no 8-bit encoding of text has. It was read as 8-bit text and gave nothing, silently.
   */
  static Optional<java.nio.charset.Charset> utf16WithoutMark(byte[] b) {
    int n = Math.min(b.length, 4096) & ~1;
    if (n < 8) {
      return Optional.empty();
    }
    int evenZero = 0;
    int oddZero = 0;
    for (int i = 0; i < n; i += 2) {
      evenZero += b[i] == 0 ? 1 : 0;
      oddZero += b[i + 1] == 0 ? 1 : 0;
    }
    int pairs = n / 2;
    if (oddZero * 10 >= pairs * 6 && evenZero * 20 < pairs) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    if (evenZero * 10 >= pairs * 6 && oddZero * 20 < pairs) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    return Optional.empty();
  }

  /**
   * Bytes that are no text in any encoding read here: NUL bytes (beyond UTF-16's) or mostly control characters —
   * an executable or an archive given as a report gave dozens of junk "indicators" ("v.et", "1.zm").
   */
  static boolean binary(byte[] b, String decoded) {
    int n = Math.min(decoded.length(), 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      char c = decoded.charAt(i);
      if (c == 0 || c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == '\uFFFD') {
        control++;
      }
    }
    return n > 0 && control * 10 > n; // more than a tenth
  }

  /**
   * Nearly any byte pair is valid GB18030, so Big5 text would decode "cleanly" into nonsense. Big5's second byte
   * is 0x40–0x7E in about half its characters (its frequent-character block A440–C67E uses both halves), while
   * GB2312/GBK text keeps it at 0xA1–0xFE except for rare extension characters: a tenth of the pairs or more
   * with a low second byte means Big5.
   */
  static boolean looksLikeBig5(byte[] b) {
    int pairs = 0;
    int low = 0;
    for (int i = 0; i + 1 < b.length; ) {
      int lead = b[i] & 0xff;
      if (lead < 0x81 || lead == 0xff) {
        i++;
        continue;
      }
      int trail = b[i + 1] & 0xff;
      pairs++;
      if (trail >= 0x40 && trail <= 0x7e) {
        low++;
      }
      i += 2;
    }
    return pairs >= 4 && low * 10 >= pairs;
  }

  private static Optional<String> strict(byte[] b, Charset cs) {
    try {
      return Optional.of(cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
