package org.parley.cli.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a TAXII envelope or STIX bundle ({@code {"objects": [...]}}) as the exact bytes of each element of
 * {@code objects} — the node stores exact bytes, so nothing is re-serialised on the way (a tree would turn
 * {@code 1.50} into {@code 1.5} and {@code "\u00e9"} into {@code "é"}). Each element's bytes are delimited by the
 * parser's byte offsets of its first and last token, as the node itself slices them ({@code docs/design/stix.md}).
 *
 * <p>The whole document is checked as it goes: a top-level object with one {@code objects} array, every element a
 * JSON object, the document closed, nothing after it. A file is read twice in bounded memory (a streamed parse,
 * and positional reads of each element's bytes), so a bundle of any size can first be checked, then sent.
 */
final class EnvelopeReader {
  /** One element of {@code objects}: its index, where it starts, its length, and its bytes read on demand. */
  static final class Element {
    private final long index;
    private final JsonLocation at;
    private final long start;
    private final long end;
    private final Slicer slicer;

    private Element(long index, JsonLocation at, long end, Slicer slicer) {
      this.index = index;
      this.at = at;
      this.start = at.getByteOffset();
      this.end = end;
      this.slicer = slicer;
    }

    /** {@code $.objects[3] (line 7, column 2)}. */
    String name() {
      return "$.objects[" + index + "] (" + where(at) + ")";
    }

    long length() {
      return end - start;
    }

    /** A fresh copy of the element's exact bytes (from a file: only while {@link #readFile} runs). */
    byte[] bytes() throws IOException {
      return slicer.slice(start, end);
    }
  }

  @FunctionalInterface
  interface ElementSink {
    void accept(Element element) throws TransferException, IOException;
  }

  /** A top-level member other than {@code objects}; the parser is on its value's first token and must consume it. */
  @FunctionalInterface
  interface MemberSink {
    void accept(String name, JsonParser parser) throws TransferException, IOException;
  }

  static final MemberSink SKIP = (name, parser) -> parser.skipChildren();

  @FunctionalInterface
  private interface Slicer {
    byte[] slice(long start, long end) throws IOException;
  }

  // Wider than the node's own bounds (org.parley.stix: depth 64, numbers of 400 digits): what the node cannot read is
  // found by PushCommand.check with the node's parser, which says why. Skipped strings are never held in memory.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(1_000)
          .maxNumberLength(10_000)
          .maxNameLength(100_000)
          .maxStringLength(Integer.MAX_VALUE)
          .build())
      .build();

  /** Jackson's own position text, "[Source: REDACTED (…); line: 1, column: 12]", said plainly. */
  private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]");

  private final String source;

  /** {@code source} names the input in every message (a file name, or the URL a page came from). */
  EnvelopeReader(String source) {
    this.source = source;
  }

  /** Reads {@code file}'s elements in order; returns how many. Memory holds one element at a time. */
  long readFile(Path file, ElementSink elements) throws TransferException, IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
         InputStream in = Files.newInputStream(file)) {
      checkUtf8Start(head(channel));
      try (JsonParser parser = FACTORY.createParser(in)) {
        return read(parser, (start, end) -> slice(channel, start, end), elements, SKIP, true);
      }
    }
  }

  /**
   * Reads an envelope held in memory (a page a node answered, where an empty page has no {@code objects}: TAXII 2.1
   * §3.6 omits empty lists); other top-level members go to {@code members}.
   */
  long readBytes(byte[] json, ElementSink elements, MemberSink members) throws TransferException, IOException {
    checkUtf8Start(Arrays.copyOf(json, Math.min(4, json.length)));
    try (JsonParser parser = FACTORY.createParser(json)) {
      return read(parser, (start, end) -> Arrays.copyOfRange(json, (int) start, (int) end), elements, members, false);
    }
  }

  private long read(JsonParser p, Slicer slicer, ElementSink elements, MemberSink members, boolean objectsRequired)
      throws TransferException, IOException {
    try {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new TransferException(source + ": empty (no JSON at all)", null);
      }
      if (first != JsonToken.START_OBJECT) {
        throw refused("the top level is " + describe(first) + ", not a JSON object", p.currentTokenLocation());
      }
      Set<String> seen = new HashSet<>();
      long count = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        if (!seen.add(name)) { // RFC 8259 §4: readers would disagree on which one counts
          throw refused("the top-level member \"" + name + "\" appears twice", at);
        }
        p.nextToken();
        if (name.equals("objects")) {
          if (p.currentToken() != JsonToken.START_ARRAY) {
            throw refused("\"objects\" is " + describe(p.currentToken()) + ", not an array", p.currentTokenLocation());
          }
          count = elements(p, slicer, elements);
        } else {
          members.accept(name, p);
        }
      }
      // nextToken() throws at an end of input inside the object, so here the object was closed
      JsonToken after = p.nextToken();
      if (after != null) {
        throw refused("unexpected data after the end of the JSON document", p.currentTokenLocation());
      }
      if (count < 0 && objectsRequired) {
        throw refused("there is no top-level \"objects\" array", p.currentLocation());
      }
      return Math.max(count, 0);
    } catch (JsonEOFException e) {
      throw new TransferException(source + ": the JSON ends before it is complete, at " + where(e.getLocation())
          + " (is the file truncated?)", e);
    } catch (JsonProcessingException e) {
      throw new TransferException(source + ": malformed JSON at " + where(e.getLocation()) + ": "
          + JACKSON_SOURCE.matcher(e.getOriginalMessage().split("\n")[0]).replaceAll("line $1, column $2"), e);
    }
  }

  private long elements(JsonParser p, Slicer slicer, ElementSink elements) throws TransferException, IOException {
    long index = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
      JsonLocation at = p.currentTokenLocation();
      if (t != JsonToken.START_OBJECT) {
        throw refused("$.objects[" + index + "] is " + describe(t) + ", not a JSON object (every element of"
            + " \"objects\" must be a STIX object)", at);
      }
      long start = at.getByteOffset();
      p.skipChildren();
      long end = p.currentLocation().getByteOffset();
      if (start < 0 || end <= start) {
        throw new IOException("no byte offsets for $.objects[" + index + "] (is the input UTF-8?)");
      }
      elements.accept(new Element(index, at, end, slicer));
    }
    return index;
  }

  /** "line 3, column 17" of {@code at}. */
  static String where(JsonLocation at) {
    return at == null ? "an unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private TransferException refused(String problem, JsonLocation at) {
    return new TransferException(source + ": " + problem + " at " + where(at), null);
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "missing";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  /**
   * RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8 (the node refuses anything else). Jackson would
   * auto-detect UTF-16/32 — and then have no byte offsets to slice by — which a NUL among the first bytes reveals.
   */
  private void checkUtf8Start(byte[] head) throws TransferException {
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        throw new TransferException(source + ": not UTF-8 JSON (a NUL byte at offset " + i
            + "; UTF-16 or UTF-32?): JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1)", null);
      }
    }
  }

  private static byte[] head(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(4, channel.size()));
    while (b.hasRemaining() && channel.read(b, b.position()) >= 0) {
      // read until the first bytes are in, or the file ends
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  private static byte[] slice(FileChannel channel, long start, long end) throws IOException {
    if (end - start > Integer.MAX_VALUE - 16) {
      throw new IOException("one object of " + (end - start) + " bytes is larger than any envelope can be");
    }
    ByteBuffer b = ByteBuffer.allocate((int) (end - start));
    while (b.hasRemaining()) {
      if (channel.read(b, start + b.position()) < 0) {
        throw new EOFException("the file became shorter while it was read");
      }
    }
    return b.array();
  }
}
