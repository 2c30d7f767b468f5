package org.parley.stix.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.stix.Bytes;
import org.parley.stix.Compatibility;
import org.parley.stix.ParseResult;
import org.parley.stix.StixException;
import org.parley.stix.StixObject;
import org.parley.stix.Violation;

/**
 * Parses single objects and envelopes. An envelope is read as a token stream: each element of
 * {@code objects} is built into a tree for validation while its exact bytes are sliced out of the input
 * by the parser's byte offsets, so that what is stored and served is what the producer sent.
 */
public final class Parsing {
  private Parsing() {}

  public static StixObject parseObject(byte[] json, Compatibility compatibility) throws StixException {
    try (JsonParser p = Json.parser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StixException("$", "not-an-object", "a STIX object must be a JSON object");
      }
      List<String> duplicates = new ArrayList<>(0);
      JsonNode node = Json.readValue(p, "$", duplicates);
      expectEnd(p);
      Problems problems = new Problems();
      duplicates(duplicates, problems);
      Optional<StixObject> object = ObjectValidator.validate((ObjectNode) node, Bytes.copyOf(json), compatibility, problems);
      if (object.isEmpty() || !problems.isEmpty()) {
        throw new StixException(problems.list());
      }
      return object.get();
    } catch (IOException e) {
      throw Json.syntax(e);
    }
  }

  /** TAXII 2.1 §3.6 envelope or STIX 2.1 §8 bundle: one result per element of {@code objects}. */
  public static List<ParseResult> parseEnvelope(byte[] json, Compatibility compatibility) throws StixException {
    try (JsonParser p = Json.parser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StixException("$", "not-an-object", "an envelope or bundle must be a JSON object");
      }
      List<ParseResult> results = null;
      JsonNode type = null;
      JsonNode id = null;
      String name;
      while ((name = p.nextFieldName()) != null) {
        p.nextToken();
        if ("objects".equals(name)) {
          if (results != null) {
            throw new StixException("$.objects", "duplicate-property", "objects appears twice");
          }
          if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new StixException("$.objects", "property-type", "objects must be a list");
          }
          results = elements(p, json, compatibility);
        } else if ("type".equals(name) || "id".equals(name)) {
          JsonNode v = Json.readValue(p, "$", new ArrayList<>(0));
          if ("type".equals(name)) {
            type = v;
          } else {
            id = v;
          }
        } else {
          Json.readValue(p, "$", new ArrayList<>(0)); // read, not skipped: every byte of the body must be valid UTF-8 JSON
        }
      }
      expectEnd(p);
      checkContainer(type, id);
      return results == null ? List.of() : results;
    } catch (IOException e) {
      throw Json.syntax(e);
    }
  }

  /**
   * A TAXII envelope has no type; a bundle (§8) has type "bundle" and a bundle identifier. An envelope
   * without objects is an empty envelope (TAXII 2.1 §3.6 omits empty lists).
   */
  private static void checkContainer(JsonNode type, JsonNode id) throws StixException {
    if (type == null) {
      return;
    }
    if (!type.isTextual() || !"bundle".equals(type.textValue())) {
      throw new StixException("$.type", "not-a-container",
          "expected a TAXII envelope or a bundle, got type " + Values.describe(type));
    }
    if (id == null) {
      throw new StixException("$.id", "required-property", "a bundle requires an id");
    }
    if (!id.isTextual() || !id.textValue().startsWith("bundle--") || !Identifiers.isIdentifier(id.textValue())) {
      throw new StixException("$.id", "id-format", "a bundle id must be bundle--UUID, got " + Values.describe(id));
    }
  }

  private static List<ParseResult> elements(JsonParser p, byte[] json, Compatibility compatibility) throws IOException {
    List<ParseResult> results = new ArrayList<>();
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      long start = p.currentTokenLocation().getByteOffset();
      List<String> duplicates = new ArrayList<>(0);
      JsonNode node = Json.readValue(p, "$", duplicates);
      long end = p.currentLocation().getByteOffset();
      results.add(element(index++, node, duplicates, json, (int) start, (int) end, compatibility));
    }
    return results;
  }

  private static ParseResult element(int index, JsonNode node, List<String> duplicates, byte[] json, int start, int end,
      Compatibility compatibility) {
    if (!node.isObject()) {
      return new ParseResult(index, Optional.empty(), Optional.empty(),
          List.of(new Violation("$", "not-an-object", "an element of objects must be a JSON object, got " + Values.describe(node))));
    }
    JsonNode id = node.get("id");
    Optional<String> idText = id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
    Problems problems = new Problems();
    duplicates(duplicates, problems);
    Optional<StixObject> object = ObjectValidator.validate((ObjectNode) node, Bytes.copyOf(json, start, end), compatibility, problems);
    if (!problems.isEmpty()) {
      JsonNode modified = node.get("modified");
      JsonNode created = node.get("created");
      Optional<String> version = modified != null && modified.isTextual() ? Optional.of(modified.textValue())
          : created != null && created.isTextual() ? Optional.of(created.textValue()) : Optional.empty();
      return new ParseResult(index, idText, Optional.empty(), problems.list(),
          version.filter(v -> v.length() <= 64));
    }
    return new ParseResult(index, idText, object, List.of());
  }

  private static void duplicates(List<String> paths, Problems problems) {
    for (String path : paths) {
      problems.add(path, "duplicate-property", "a property name appears twice in one object (RFC 8259 §4, I-JSON RFC 7493 §2.3)");
    }
  }

  private static void expectEnd(JsonParser p) throws IOException, StixException {
    if (p.nextToken() != null) {
      throw new StixException("$", "json-syntax", "unexpected data after the JSON value at byte "
          + p.currentTokenLocation().getByteOffset());
    }
  }
}
