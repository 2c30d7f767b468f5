package org.parley.attribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The assessment as STIX 2.1 objects linked to the incident: a {@code note} (the assessment, with the hypotheses
 * in {@code x_parley_attribution}), an {@code opinion} on that note, and a {@code grouping} of incident, note and
 * opinion — ready to push to a node. Each carries the strictest TLP marking of the incident's objects and of the
 * shared intel the knowledge base holds (TLP 2.0: a
 * recipient passes information on at most under the marking it came with).
 */
final class StixReport {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private StixReport() {}

  static String render(Assessment a, Instant now, Supplier<UUID> ids) {
    String ts = TS.format(now); // STIX 2.1 §3.2: timestamps in UTC with the Z suffix
    ObjectNode bundle = BundleReader.MAPPER.createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + ids.get());
    ArrayNode objects = bundle.putArray("objects");
    String noteId = "note--" + ids.get();
    String opinionId = "opinion--" + ids.get();
    String groupingId = "grouping--" + ids.get();
    java.util.List<String> subject = subject(a);
    a.marking().ifPresent(tlp -> objects.add(markingDefinition(tlp))); // TLP 2.0 is no STIX 2.1 predefined marking
    ObjectNode note = common(objects.addObject(), "note", noteId, ts);
    note.put("abstract", TextReport.clean(Messages.get(Lang.EN, "title") + ": " + ReportModel.judgement(a, Lang.EN)));
    note.put("content", TextReport.render(a, Lang.EN));
    note.putArray("authors").add("Parley attribution");
    ArrayNode noteRefs = note.putArray("object_refs");
    (subject.isEmpty() ? java.util.List.of(groupingId) : subject).forEach(noteRefs::add);
    note.put("confidence", stixConfidence(a.confidence()));
    // STIX 2.1 has no null and no empty list (§2.8, §3): a property without a value is left out, inside ours too
    note.set("x_parley_attribution", pruned(JsonReport.tree(a).without(java.util.List.of("matrix", "evidence"))));
    ObjectNode opinion = common(objects.addObject(), "opinion", opinionId, ts);
    opinion.put("explanation", TextReport.clean(ReportModel.judgement(a, Lang.EN) + " "
        + ReportModel.confidence(a, Lang.EN)));
    opinion.put("opinion", switch (a.confidence()) {
      case HIGH -> "strongly-agree";
      case MODERATE -> "agree";
      case LOW -> "neutral";
    });
    ArrayNode opinionRefs = opinion.putArray("object_refs").add(noteId);
    subject.forEach(opinionRefs::add);
    ObjectNode grouping = common(objects.addObject(), "grouping", groupingId, ts);
    grouping.put("name", "Attribution of " + a.incident().name());
    grouping.put("context", "suspicious-activity"); // STIX 2.1 §10.6 grouping-context-ov
    ArrayNode groupingRefs = grouping.putArray("object_refs");
    subject.forEach(groupingRefs::add);
    groupingRefs.add(noteId).add(opinionId);
    a.marking().ifPresent(tlp -> { // what is drawn from TLP-marked evidence or intel is shared under that TLP
      for (JsonNode o : objects) {
        if (!o.path("type").asText().equals("marking-definition")) {
          ((ObjectNode) o).putArray("object_marking_refs").add(tlp.markingRef());
        }
      }
    });
    try {
      return BundleReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(bundle);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static final java.util.regex.Pattern STIX_ID = java.util.regex.Pattern.compile(
      "[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * What the assessment is about, as STIX ids: the incident, report or grouping the input held; else (a bundle of
   * evidence alone, or an envelope) the objects it held — a bundle is no STIX object (STIX 2.1 §8), and "bundle" is
   * no identifier, yet both were referred to.
   */
  static java.util.List<String> subject(Assessment a) {
    String id = a.incident().id();
    if (STIX_ID.matcher(id).matches() && !id.startsWith("bundle--")) {
      return java.util.List.of(id);
    }
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    a.incident().evidence().forEach(e -> out.add(e.objectId()));
    a.incident().unresolved().forEach(u -> out.add(u.objectId()));
    out.removeIf(x -> !STIX_ID.matcher(x).matches() || x.startsWith("bundle--"));
    return java.util.List.copyOf(out);
  }

  /**
   * The TLP 2.0 marking definition as OASIS publishes it (cti-stix-common-objects, extension-definition-specifications/
   * tlp-2.0): unlike TLP 1.0's it is not predefined by STIX 2.1, so a bundle that uses it carries it.
   */
  static ObjectNode markingDefinition(org.parley.marking.Tlp tlp) {
    ObjectNode m = BundleReader.MAPPER.createObjectNode();
    m.put("type", "marking-definition");
    m.put("spec_version", "2.1");
    m.put("id", tlp.markingRef());
    m.put("created", "2022-10-01T00:00:00.000Z");
    m.put("name", tlp.label());
    ObjectNode ext = m.putObject("extensions").putObject("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d");
    ext.put("extension_type", "property-extension");
    ext.put("tlp_2_0", tlp.label().substring("TLP:".length()).toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  /** STIX 2.1 Appendix A, None/Low/Med/High scale: Low = 15, Med = 50, High = 85. */
  static int stixConfidence(Confidence c) {
    return switch (c) {
      case LOW -> 15;
      case MODERATE -> 50;
      case HIGH -> 85;
    };
  }

  private static ObjectNode common(ObjectNode o, String type, String id, String ts) {
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", ts);
    o.put("modified", ts);
    return o;
  }

  /** {@code node} without nulls and empty lists, at every depth. */
  static com.fasterxml.jackson.databind.JsonNode pruned(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isObject()) {
      java.util.List<String> drop = new java.util.ArrayList<>();
      node.fields().forEachRemaining(e -> {
        com.fasterxml.jackson.databind.JsonNode v = pruned(e.getValue());
        if (v.isNull() || v.isArray() && v.isEmpty()) {
          drop.add(e.getKey());
        } else {
          ((ObjectNode) node).set(e.getKey(), v);
        }
      });
      ((ObjectNode) node).remove(drop);
    } else if (node.isArray()) {
      for (int i = node.size() - 1; i >= 0; i--) {
        com.fasterxml.jackson.databind.JsonNode v = pruned(node.get(i));
        if (v.isNull()) {
          ((ArrayNode) node).remove(i);
        } else {
          ((ArrayNode) node).set(i, v);
        }
      }
    }
    return node;
  }
}
