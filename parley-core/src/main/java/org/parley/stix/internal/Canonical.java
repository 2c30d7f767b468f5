package org.parley.stix.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.parley.stix.StixException;

/**
 * RFC 8785 JSON Canonicalization Scheme: I-JSON input (RFC 7493: no duplicate names, no lone surrogates,
 * numbers that are finite doubles), no white space, members sorted by the UTF-16 code units of their names
 * (§3.2.3, which is {@link String#compareTo}), numbers as ECMAScript writes them (§3.2.2.3), strings with
 * only the escapes §3.2.2.2 requires, UTF-8 output.
 */
public final class Canonical {
  private Canonical() {}

  public static byte[] canonicalize(byte[] json) throws StixException {
    try (JsonParser p = Json.parser(json)) {
      if (p.nextToken() == null) {
        throw new StixException("$", "json-syntax", "empty input");
      }
      StringBuilder out = new StringBuilder(json.length);
      write(p, "$", out);
      if (p.nextToken() != null) {
        throw new StixException("$", "json-syntax", "unexpected data after the JSON value");
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Json.syntax(e);
    }
  }

  private static void write(JsonParser p, String path, StringBuilder out) throws IOException, StixException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, String> members = new TreeMap<>();
          String name;
          while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            String child = Paths.member(path, name);
            checkString(child, name);
            StringBuilder value = new StringBuilder();
            write(p, child, value);
            if (members.put(name, value.toString()) != null) {
              throw new StixException(child, "duplicate-property", "I-JSON (RFC 7493 §2.3) forbids duplicate names");
            }
          }
          out.append('{');
          boolean first = true;
          for (Map.Entry<String, String> m : members.entrySet()) {
            if (!first) {
              out.append(',');
            }
            first = false;
            string(m.getKey(), out);
            out.append(':').append(m.getValue());
          }
          out.append('}');
          return;
        }
      case START_ARRAY:
        {
          out.append('[');
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (i > 0) {
              out.append(',');
            }
            write(p, Paths.index(path, i++), out);
          }
          out.append(']');
          return;
        }
      case VALUE_STRING:
        checkString(path, p.getText());
        string(p.getText(), out);
        return;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        double d = p.getDoubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
          throw new StixException(path, "canonical-number", "RFC 8785 §3.2.2.3: " + p.getText() + " is not a finite double");
        }
        out.append(EcmaNumbers.toString(d));
        return;
      case VALUE_TRUE:
        out.append("true");
        return;
      case VALUE_FALSE:
        out.append("false");
        return;
      case VALUE_NULL:
        out.append("null");
        return;
      default:
        throw new StixException(path, "json-syntax", "unexpected token " + t);
    }
  }

  /** RFC 7493 §2.1: strings MUST NOT contain unpaired surrogates (they have no UTF-8 form). */
  private static void checkString(String path, String s) throws StixException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new StixException(path, "canonical-string", "RFC 7493 §2.1: lone surrogate U+" + Integer.toHexString(c));
      }
    }
  }

  /** RFC 8785 §3.2.2.2 string serialization. */
  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
