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
    ObjectNode note = common(objects.addObject(), "note", noteId, ts);
    note.put("abstract", Messages.get(Lang.EN, "title") + ": " + ReportModel.judgement(a, Lang.EN));
    note.put("content", TextReport.render(a, Lang.EN));
    note.putArray("authors").add("Parley attribution");
    note.putArray("object_refs").add(a.incident().id());
    note.put("confidence", stixConfidence(a.confidence()));
    note.set("x_parley_attribution", JsonReport.tree(a).without(java.util.List.of("matrix", "evidence")));
    ObjectNode opinion = common(objects.addObject(), "opinion", opinionId, ts);
    opinion.put("explanation", ReportModel.judgement(a, Lang.EN) + " " + ReportModel.confidence(a, Lang.EN));
    opinion.put("opinion", switch (a.confidence()) {
      case HIGH -> "strongly-agree";
      case MODERATE -> "agree";
      case LOW -> "neutral";
    });
    opinion.putArray("object_refs").add(noteId).add(a.incident().id());
    ObjectNode grouping = common(objects.addObject(), "grouping", "grouping--" + ids.get(), ts);
    grouping.put("name", "Attribution of " + a.incident().name());
    grouping.put("context", "suspicious-activity"); // STIX 2.1 §10.6 grouping-context-ov
    grouping.putArray("object_refs").add(a.incident().id()).add(noteId).add(opinionId);
    a.marking().ifPresent(tlp -> { // what is drawn from TLP-marked evidence or intel is shared under that TLP
      for (JsonNode o : objects) {
        ((ObjectNode) o).putArray("object_marking_refs").add(tlp.markingRef());
      }
    });
    try {
      return BundleReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(bundle);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
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
}
