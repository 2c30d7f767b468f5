package org.parley.node.log;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a node's log: the record that one object version was accepted into, or deleted from, a
 * collection. The log stores {@link #encode()} as the entry bytes; the RFC 6962 leaf hash is computed over
 * those bytes (RFC 9162 §2.1.1: {@code SHA-256(0x00 || entry)}).
 *
 * <p>The encoding ({@code docs/design/log.md}, "Leaf format") is a fixed sequence of UTF-8 lines, each ended
 * by one LF, in this order and nothing else:
 *
 * <pre>
 * parley-log-leaf/v1
 * add                                   (or: delete)
 * collection &lt;collection id&gt;
 * object &lt;STIX id&gt;
 * version &lt;RFC 3339 UTC timestamp: the TAXII version of the object&gt;
 * sha256 &lt;64 lowercase hex: SHA-256 of the object's RFC 8785 canonical JSON&gt;
 * party &lt;submitting (or deleting) party&gt;
 * date_added &lt;RFC 3339 UTC timestamp&gt;  (for delete: date_deleted &lt;timestamp&gt;)
 * </pre>
 *
 * <p>Exactly one encoding exists per value: {@link LogLeaves#parse} rejects any byte string that does not
 * re-encode to itself.
 *
 * @param op whether the version was added or deleted
 * @param collection the TAXII collection id
 * @param objectId the STIX id, {@code type--uuid}
 * @param version the object's TAXII version (TAXII 2.1 §3.4.1: {@code modified}, else {@code created}, else
 *     {@code date_added})
 * @param sha256 lowercase hex SHA-256 of the version's RFC 8785 canonical JSON (for a deletion: of the
 *     version deleted)
 * @param party the party that submitted (or deleted) it
 * @param date when it was added (TAXII {@code date_added}) or deleted
 */
public record LogLeaf(
    Op op, String collection, String objectId, String version, String sha256, String party, String date) {

  /** First line of every leaf: names the format and its version. */
  public static final String MAGIC = "parley-log-leaf/v1";

  /** Leaves stay far below the 65,535-byte limit of a C2SP tlog-tiles entry bundle entry. */
  public static final int MAX_FIELD_BYTES = 1024;

  private static final Pattern STIX_ID = Pattern.compile(
      "[a-z0-9][a-z0-9-]{1,248}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** What happened to the object version. */
  public enum Op {
    ADD("add", "date_added"),
    DELETE("delete", "date_deleted");

    final String word;
    final String dateKey;

    Op(String word, String dateKey) {
      this.word = word;
      this.dateKey = dateKey;
    }
  }

  public LogLeaf {
    Objects.requireNonNull(op, "op");
    checkText("collection", collection);
    checkText("party", party);
    Objects.requireNonNull(objectId, "objectId");
    if (!STIX_ID.matcher(objectId).matches()) {
      throw new IllegalArgumentException("objectId: expected a STIX id type--uuid, got " + quote(objectId));
    }
    checkTimestamp("version", version);
    checkTimestamp("date", date);
    Objects.requireNonNull(sha256, "sha256");
    if (!SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256: expected 64 lowercase hex digits, got " + quote(sha256));
    }
  }

  /** The canonical entry bytes that go into the log. */
  public byte[] encode() {
    String text = MAGIC + '\n'
        + op.word + '\n'
        + "collection " + collection + '\n'
        + "object " + objectId + '\n'
        + "version " + version + '\n'
        + "sha256 " + sha256 + '\n'
        + "party " + party + '\n'
        + op.dateKey + ' ' + date + '\n';
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void checkText(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": expected a non-empty value");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
      throw new IllegalArgumentException(field + ": expected at most " + MAX_FIELD_BYTES + " UTF-8 bytes");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) && !validSurrogate(value, i)) {
        throw new IllegalArgumentException(
            field + ": expected no control characters or lone surrogates, got U+"
                + String.format("%04X", (int) c) + " at " + i);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      throw new IllegalArgumentException(field + ": expected no leading or trailing space");
    }
  }

  private static boolean validSurrogate(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  private static void checkTimestamp(String field, String value) {
    Objects.requireNonNull(value, field);
    if (!TIMESTAMP.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + ": expected an RFC 3339 UTC timestamp like 2016-04-06T20:03:48.000Z, got " + quote(value));
    }
  }

  static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
  }
}
