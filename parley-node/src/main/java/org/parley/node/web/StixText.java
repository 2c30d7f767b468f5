package org.parley.node.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;
import org.parley.stix.Bytes;

/**
 * What the console shows of a stored object: a label and the object pretty-printed. Both are untrusted text;
 * callers escape them. Stored bytes were validated on the way in, but a page must never fail on them, so any
 * parse problem degrades to showing the bytes as they are.
 */
final class StixText {
  static final int MAX_LABEL = 200;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // show numbers exactly as sent
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
  }

  private StixText() {}

  /**
   * The object's human label: {@code name} (SDOs, STIX 2.1 §4), else {@code value} (most SCOs, §6), else
   * {@code pattern} (indicators without a name), cut to {@value #MAX_LABEL} characters; empty if none.
   */
  static Optional<String> label(Bytes json) {
    JsonNode node;
    try {
      node = JSON.readTree(json.toArray());
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String field : new String[] {"name", "value", "pattern"}) {
      JsonNode v = node == null ? null : node.get(field);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        String t = v.asText().strip();
        if (t.length() <= MAX_LABEL) {
          return Optional.of(t);
        }
        int cut = Character.isHighSurrogate(t.charAt(MAX_LABEL - 1)) ? MAX_LABEL - 1 : MAX_LABEL; // not in a pair
        return Optional.of(t.substring(0, cut) + "…");
      }
    }
    return Optional.empty();
  }

  /** The object indented two spaces per level; the bytes as UTF-8 text if they do not parse. */
  static String pretty(Bytes json) {
    try {
      JsonNode node = JSON.readTree(json.toArray());
      DefaultPrettyPrinter p = new DefaultPrettyPrinter().withObjectIndenter(
          new DefaultIndenter("  ", "\n"));
      return JSON.writer(p).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return json.utf8();
    } catch (IOException e) {
      return json.utf8();
    }
  }
}
