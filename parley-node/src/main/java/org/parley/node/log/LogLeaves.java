package org.parley.node.log;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Parsing of {@link LogLeaf} entries: the strict inverse of {@link LogLeaf#encode()}. */
public final class LogLeaves {
  private LogLeaves() {}

  /**
   * Parses entry bytes in the leaf format of {@code docs/design/log.md}.
   *
   * @throws LogException naming the rule broken, when the bytes are not valid UTF-8, lines or keys are
   *     missing, out of order or extra, a value is malformed, or the bytes are not the canonical encoding of
   *     the value they describe
   */
  public static LogLeaf parse(byte[] entry) throws LogException {
    if (entry.length > 16 * LogLeaf.MAX_FIELD_BYTES) {
      throw new LogException("leaf: expected at most " + 16 * LogLeaf.MAX_FIELD_BYTES + " bytes, got "
          + entry.length);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(entry)).toString();
    } catch (CharacterCodingException e) {
      throw new LogException("leaf: expected UTF-8 text", e);
    }
    if (!text.endsWith("\n")) {
      throw new LogException("leaf: expected every line to end with LF");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length != 8) {
      throw new LogException("leaf: expected 8 lines, got " + lines.length);
    }
    if (!lines[0].equals(LogLeaf.MAGIC)) {
      throw new LogException("leaf: expected first line " + LogLeaf.MAGIC + ", got " + LogLeaf.quote(lines[0]));
    }
    LogLeaf.Op op = Arrays.stream(LogLeaf.Op.values()).filter(o -> o.word.equals(lines[1])).findFirst()
        .orElseThrow(() -> new LogException("leaf: expected line 2 add or delete, got "
            + LogLeaf.quote(lines[1])));
    LogLeaf leaf;
    try {
      leaf = new LogLeaf(op,
          value(lines[2], "collection"),
          value(lines[3], "object"),
          value(lines[4], "version"),
          value(lines[5], "sha256"),
          value(lines[6], "party"),
          value(lines[7], op.dateKey));
    } catch (IllegalArgumentException e) {
      throw new LogException("leaf: " + e.getMessage(), e);
    }
    if (!Arrays.equals(leaf.encode(), entry)) {
      throw new LogException("leaf: expected the canonical encoding");
    }
    return leaf;
  }

  private static String value(String line, String key) {
    String prefix = key + ' ';
    if (!line.startsWith(prefix)) {
      throw new IllegalArgumentException("expected a line starting with \"" + prefix + "\", got "
          + LogLeaf.quote(line));
    }
    return line.substring(prefix.length());
  }
}
