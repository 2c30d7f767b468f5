package org.parley.attribution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams the {@code objects} array of a STIX bundle (plain or gzip), one object tree at a time, so a 45 MB
 * ATT&CK release never sits in memory as one tree.
 */
final class BundleReader {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private BundleReader() {}

  /** Opens {@code in}, un-gzipping it when it starts with the gzip magic (RFC 1952 §2.3.1). */
  static InputStream maybeGunzip(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int m1 = b.read();
    int m2 = b.read();
    b.reset();
    return m1 == 0x1f && m2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16) : b;
  }

  /** The properties any reader of ours looks at; the rest (platforms, data sources, detection text...) is skipped. */
  private static final java.util.Set<String> KEPT = java.util.Set.of("type", "id", "name", "created", "modified",
      "revoked", "x_mitre_deprecated", "relationship_type", "source_ref", "target_ref", "description", "pattern",
      "value", "identity_class", "country", "region", "confidence", "created_by_ref", "aliases", "x_mitre_aliases",
      "sectors", "external_references", "x_parley_values", "x_parley_keys", "x_parley_same_as", "hashes", "is_family", "x_mitre_id", "object_marking_refs",
      "kill_chain_phases", "x_parley_role", "sighting_of_ref", "object_refs", "granular_markings",
      "definition_type", "definition", "objects", "pattern_type");

  /**
   * Set on an object that names one of the {@link #KEPT} properties twice (RFC 8259 §4, I-JSON RFC 7493 §2.3): one
   * reader takes the first "name", another the last, so what it says is not agreed. Never read from the input (not
   * kept). Within a kept property's value (an external reference's fields) the last one counts.
   */
  static final String NAMED_TWICE = "x_parley_named_twice";

  /** One object as a tree of the {@link #KEPT} properties only: most of a 45 MB release is never built. */
  private static JsonNode readObject(JsonParser p) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode o = MAPPER.createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (KEPT.contains(field)) {
        if (o.replace(field, MAPPER.readTree(p)) != null) {
          o.put(NAMED_TWICE, field);
        }
      } else {
        p.skipChildren();
      }
    }
    return o;
  }

  static void read(InputStream raw, Consumer<JsonNode> sink) throws AttributionException {
    read(raw, sink, id -> { }, false);
  }

  /**
   * As {@link #read(InputStream, Consumer)}, also reporting the bundle's own {@code id}; with {@code anyForm}, besides
   * a bundle (STIX 2.1 §8) or a TAXII envelope (both hold {@code objects}), a bare JSON array of STIX objects or one
   * object alone, as tools also write an incident, are read as the objects they hold (a knowledge base must be a
   * bundle: an empty one from a mistaken file would be no knowledge at all).
   */
  static void read(InputStream raw, Consumer<JsonNode> sink, Consumer<String> bundleId, boolean anyForm)
      throws AttributionException {
    try (JsonParser p = FACTORY.createParser(maybeGunzip(raw))) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new AttributionException("the file is empty (STIX 2.1 §8: {\"type\": \"bundle\", \"id\": "
            + "\"bundle--<uuid>\", \"objects\": [...]})");
      }
      // One JSON document, or several one after another — TAXII pages saved in a row, NDJSON: every page is read
      // (a second page was silently dropped); anything else after a document is an error, never ignored.
      for (int doc = 1; first != null; doc++, first = p.nextToken()) {
        document(p, first, sink, doc == 1 ? bundleId : id -> { }, anyForm, doc);
      }
    } catch (IOException e) {
      throw new AttributionException("unreadable STIX bundle: " + readable(e), e);
    }
  }

  private static void document(JsonParser p, JsonToken first, Consumer<JsonNode> sink, Consumer<String> bundleId,
      boolean anyForm, int doc) throws IOException, AttributionException {
    String where = doc == 1 ? "" : " (JSON document " + doc + " of the file, line " + p.currentTokenLocation()
        .getLineNr() + ")";
    if (anyForm && first == JsonToken.START_ARRAY) {
      objects(p, sink);
      return;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new AttributionException("a STIX bundle must be a JSON object; got " + describe(first) + where
          + " (STIX 2.1 §8: {\"type\": \"bundle\", \"id\": \"bundle--<uuid>\", \"objects\": [...]})");
    }
    boolean sawObjects = false;
    com.fasterxml.jackson.databind.node.ObjectNode alone = MAPPER.createObjectNode(); // in case it is one object
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("objects") && t == JsonToken.START_ARRAY) {
        sawObjects = true;
        objects(p, sink);
      } else if (field.equals("objects")) {
        throw new AttributionException("\"objects\" must be an array of STIX objects; got " + describe(t) + where);
      } else if (KEPT.contains(field)) {
        JsonNode value = MAPPER.readTree(p);
        alone.set(field, value);
        if (field.equals("id") && value.isTextual()) {
          bundleId.accept(value.asText());
        }
      } else {
        p.skipChildren();
      }
    }
    String type = alone.path("type").asText("");
    if (anyForm && !sawObjects && !type.isEmpty() && !type.equals("bundle") && alone.hasNonNull("id")) {
      sink.accept(alone); // one STIX object, not in a bundle
    } else if (!sawObjects) { // STIX 2.1 §8 lets an empty bundle omit it; as input here it is a mistaken file
      throw new AttributionException("a STIX bundle must have an \"objects\" array; none found" + where
          + (anyForm ? " (a single STIX object needs its \"type\" and \"id\")" : ""));
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  /**
   * A parser error in words a user can act on: where, and what was found — not Jackson's advice about its own
   * features ("enable JsonReadFeature…") or its redacted source.
   */
  static String readable(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      String msg = j.getOriginalMessage();
      int cut = msg.indexOf(" (for ");
      cut = cut < 0 ? msg.indexOf("\n") : cut;
      String core = (cut < 0 ? msg : msg.substring(0, cut)).replaceAll(": was expecting.*$", "")
          .replaceAll("\\s*\\(start marker at \\[Source: [^;\\]]*; (line: \\d+, column: \\d+)\\]\\)",
              " (opened at $1)").strip();
      var loc = j.getLocation();
      return "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
          + ": " + core;
    }
    return AttributionException.reason(e);
  }

  /** The objects of an array whose start the parser is on, up to its end; other values in it are skipped. */
  private static void objects(JsonParser p, Consumer<JsonNode> sink) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw new IOException("unexpected end of input in an array of STIX objects");
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        sink.accept(readObject(p));
      } else {
        p.skipChildren();
      }
    }
  }
}
