package org.parley.stix.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.parley.stix.StixException;

/**
 * Reads JSON into a tree with the bounds hostile input needs: nesting depth, number length and string length
 * are capped by Jackson's stream constraints, and duplicate member names (which RFC 8259 §4 leaves
 * undefined, so two readers could see two different objects) are recorded rather than silently merged.
 */
public final class Json {
  /** Deepest nesting accepted: STIX objects are shallow; anything deeper is an attack or a mistake. */
  public static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(400)
                  .maxNameLength(10_000)
                  .maxStringLength(64 * 1024 * 1024)
                  .build())
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

  private Json() {}

  public static JsonParser parser(byte[] json) throws StixException {
    checkUtf8Start(json);
    checkUtf8(json);
    try {
      return FACTORY.createParser(json);
    } catch (IOException e) {
      throw syntax(e);
    }
  }

  /**
   * RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8. Jackson would otherwise auto-detect UTF-16/32,
   * which a NUL among the first bytes reveals (no UTF-8 JSON text can contain a raw NUL).
   */
  private static void checkUtf8Start(byte[] json) throws StixException {
    for (int i = 0; i < Math.min(4, json.length); i++) {
      if (json[i] == 0) {
        throw new StixException("$", "json-syntax", "expected UTF-8 JSON, found a NUL byte at offset " + i);
      }
    }
  }

  /**
   * RFC 3629 §3-4 UTF-8, strictly: no overlong forms ("C0 AF" for "/"), no encoded surrogates, nothing past U+10FFFF.
   * The parser decoded an overlong "/" as "/" — validation saw "a/b" — while the original bytes were stored and
   * served, which other readers refuse or read otherwise: a filter could be passed.
   */
  static void checkUtf8(byte[] b) throws StixException {
    int n = b.length;
    for (int i = 0; i < n; ) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        min = 0x10000;
      } else {
        throw invalidUtf8(i);
      }
      if (i + len > n) {
        throw invalidUtf8(i);
      }
      int cp = c & (0xff >> (len + 1));
      for (int k = 1; k < len; k++) {
        int d = b[i + k] & 0xff;
        if ((d & 0xc0) != 0x80) {
          throw invalidUtf8(i);
        }
        cp = (cp << 6) | (d & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw invalidUtf8(i);
      }
      i += len;
    }
  }

  private static StixException invalidUtf8(int offset) {
    return new StixException("$", "json-syntax", "RFC 8259 §8.1: not UTF-8 at byte " + offset
        + " (an invalid, overlong or surrogate sequence)");
  }

  /** I-JSON (RFC 7493 §2.1), STIX 2.1 §2.15: a string holds characters; a lone surrogate ("\ud800") is none. */
  private static String characters(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new com.fasterxml.jackson.core.JsonParseException(null, "a lone surrogate U+"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " is no character (RFC 7493 §2.1)");
      }
    }
    return s;
  }

  /** Reads the value whose first token is current, leaving the parser on its last token. */
  public static JsonNode readValue(JsonParser p, String path, List<String> duplicates) throws IOException {
    return readValue(p, new Location(null, path, -1), duplicates);
  }

  /**
   * Where a container sits, as a chain of parents: the JSONPath string is only built for the rare duplicate,
   * not for every member of every object.
   */
  private record Location(Location parent, String name, int index) {
    Location member(String member) {
      return new Location(this, member, -1);
    }

    Location item(int i) {
      return new Location(this, null, i);
    }

    String path() {
      if (parent == null) {
        return name;
      }
      return name != null ? Paths.member(parent.path(), name) : Paths.index(parent.path(), index);
    }
  }

  private static JsonNode readValue(JsonParser p, Location at, List<String> duplicates) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return readObject(p, at, duplicates);
      case START_ARRAY:
        {
          ArrayNode a = NODES.arrayNode();
          int i = 0;
          JsonToken next;
          while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            a.add(next.isStructStart() ? readValue(p, at.item(i), duplicates) : scalar(p, next));
            i++;
          }
          return a;
        }
      default:
        return scalar(p, t);
    }
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return NODES.textNode(characters(p.getText()));
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected token " + t);
    }
  }

  private static ObjectNode readObject(JsonParser p, Location at, List<String> duplicates) throws IOException {
    ObjectNode o = NODES.objectNode();
    String name;
    while ((name = p.nextFieldName()) != null) {
      characters(name);
      JsonToken t = p.nextToken();
      JsonNode value = t.isStructStart() ? readValue(p, at.member(name), duplicates) : scalar(p, t);
      if (o.replace(name, value) != null) {
        duplicates.add(Paths.member(at.path(), name));
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("unexpected token " + p.currentToken());
    }
    return o;
  }

  public static StixException syntax(IOException e) {
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    String where = "";
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      where = " at byte " + jpe.getLocation().getByteOffset();
    }
    return new StixException("$", "json-syntax", "malformed JSON" + where + ": " + Problems.quote(String.valueOf(message)));
  }
}
