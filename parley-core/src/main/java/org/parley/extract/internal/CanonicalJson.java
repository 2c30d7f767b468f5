package org.parley.extract.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 JSON Canonicalization Scheme for the values STIX id-contributing properties take (objects, arrays,
 * strings, integers, booleans): members sorted by UTF-16 code units (§3.2.3), no whitespace, strings escaped as
 * ECMAScript's JSON.stringify does (§3.2.2.2). Non-integral numbers are rejected: no id property has one.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String of(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString();
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      List<String> names = new ArrayList<>();
      Iterator<String> it = n.fieldNames();
      while (it.hasNext()) {
        names.add(it.next());
      }
      names.sort(String::compareTo); // String.compareTo orders by UTF-16 code unit, as §3.2.3 requires
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        string(names.get(i), sb);
        sb.append(':');
        write(n.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), sb);
    } else if (n.isIntegralNumber()) {
      sb.append(n.bigIntegerValue().toString());
    } else if (n.isBoolean()) {
      sb.append(n.asBoolean());
    } else if (n.isNull()) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException("canonical JSON here supports integers only, got " + n.getNodeType());
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
