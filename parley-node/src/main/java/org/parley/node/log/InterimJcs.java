package org.parley.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * STOPGAP until {@code org.parley.stix.Stix.canonicalize} lands on the stix branch: RFC 8785 (JCS) for the
 * JSON that STIX objects hold. Keys sorted by UTF-16 code units (§3.2.3), strings escaped as §3.2.2.2 says,
 * integers printed exactly; non-integral numbers use the shortest Java rendering, which matches ECMAScript
 * (§3.2.2.3) for the values STIX uses but not for every double. {@link LogHook} prefers the stix
 * implementation as soon as it exists.
 */
final class InterimJcs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InterimJcs() {}

  static byte[] canonicalize(byte[] json) throws IOException {
    StringBuilder out = new StringBuilder(json.length);
    write(JSON.readTree(json), out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      keys.sort(String::compareTo); // String.compareTo orders by UTF-16 code units, as §3.2.3 requires
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(keys.get(i), out);
        out.append(':');
        write(node.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isNumber()) {
      number(node, out);
    } else {
      out.append(node.toString()); // true, false, null
    }
  }

  private static void number(JsonNode node, StringBuilder out) {
    BigDecimal value = node.decimalValue();
    double d = value.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      out.append(new BigDecimal(d).toBigInteger());
    } else {
      String s = Double.toString(d);
      out.append(s.contains("E") ? s.replace("E", "e").replace("e", Math.getExponent(d) >= 0 ? "e+" : "e")
          .replace("e+-", "e-") : s);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
