package org.parley.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a C2SP tlog-checkpoint v1.0.0: origin line, decimal tree size, base64 root hash, then optional
 * non-empty extension lines, each ending in a newline.
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
  public Checkpoint {
    if (origin.isEmpty() || origin.indexOf('\n') >= 0 || !Note.hasOnlyAllowedCharacters(origin)) {
      throw new IllegalArgumentException("the origin must be one non-empty line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("the tree size is not negative");
    }
    extensions = List.copyOf(extensions);
    for (String e : extensions) {
      if (e.isEmpty() || e.indexOf('\n') >= 0 || !Note.hasOnlyAllowedCharacters(e)) {
        throw new IllegalArgumentException("extension lines must be non-empty single lines");
      }
    }
  }

  public Checkpoint(String origin, long size, Hash root) {
    this(origin, size, root, List.of());
  }

  /** The note text: {@code <origin>\n<size>\n<base64 root>\n[<extension>\n...]}. */
  public String body() {
    StringBuilder out = new StringBuilder(origin).append('\n').append(size).append('\n')
        .append(root.base64()).append('\n');
    for (String e : extensions) {
      out.append(e).append('\n');
    }
    return out.toString();
  }

  /** Parses a checkpoint body (a note text), strictly: no leading zeroes, canonical base64. */
  public static Checkpoint parse(String body) throws ProofException {
    if (!body.endsWith("\n")) {
      throw malformed("a body ending in a newline", body);
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw malformed("at least three lines: origin, size, root hash", body);
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw malformed("a non-empty origin", body);
    }
    long size = parseSize(lines[1]);
    Hash root = Hash.fromBase64(lines[2]);
    List<String> extensions = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw malformed("non-empty extension lines", body);
      }
      extensions.add(lines[i]);
    }
    try {
      return new Checkpoint(origin, size, root, extensions);
    } catch (IllegalArgumentException e) {
      throw malformed("a checkpoint body without control characters", body);
    }
  }

  /** A decimal tree size without leading zeroes (C2SP tlog-checkpoint, tlog-witness "old" line). */
  static long parseSize(String s) throws ProofException {
    if (s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')
        || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ProofException("tree-size", "a decimal size without leading zeroes", Texts.quote(s));
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ProofException("tree-size", "a size below 2^63", Texts.quote(s));
    }
  }

  private static ProofException malformed(String expected, String actual) {
    return new ProofException("checkpoint-malformed", expected, Texts.quote(actual));
  }
}
