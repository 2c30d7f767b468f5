package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The TLP level of an incident: the strictest marking on any of its objects; part of {@link Incidents}. */
final class IncidentMarkings {
  private IncidentMarkings() {}

  /** The strictest TLP level the objects' object and granular markings name, if any. */
  static Optional<org.parley.marking.Tlp> level(List<JsonNode> objects) {
    Set<String> markings = new java.util.HashSet<>();
    Map<String, org.parley.marking.Tlp> defined = new java.util.HashMap<>();
    for (JsonNode o : objects) {
      o.path("object_marking_refs").forEach(m -> markings.add(m.asText()));
      o.path("granular_markings").forEach(g -> markings.add(g.path("marking_ref").asText()));
      if (KbBuilder.text(o, "type").equals("marking-definition")) {
        definedTlp(o).ifPresent(t -> defined.put(KbBuilder.text(o, "id"), t));
      }
    }
    // a known TLP id means its level whatever a definition in the bundle says (a "TLP:RED" id redefined as
    // CLEAR would have lowered the assessment's marking); a definition only names a level for an id of its own
    return markings.stream()
        .map(m -> org.parley.marking.Tlp.fromMarkingRef(m).or(() -> Optional.ofNullable(defined.get(m))))
        .flatMap(Optional::stream).max(Enum::compareTo);
  }

  /**
   * The TLP level a marking definition in the bundle states, whatever its id: STIX 2.1 §7.2.1.4's
   * {@code definition_type: "tlp"} with {@code definition.tlp}, or a name such as {@code "TLP:AMBER+STRICT"}
   * (TLP 2.0 definitions, OpenCTI's own). Producers mint ids of their own for the levels; an object marked with
   * one was read as unmarked and the assessment of it came out unmarked too.
   */
  static Optional<org.parley.marking.Tlp> definedTlp(JsonNode o) {
    String stated = KbBuilder.text(o, "definition_type").equalsIgnoreCase("tlp")
        ? KbBuilder.text(o.path("definition"), "tlp") : "";
    String name = KbBuilder.text(o, "name");
    for (String t : List.of(stated, name.regionMatches(true, 0, "TLP:", 0, 4) ? name : "")) {
      if (!t.isBlank()) {
        try {
          return Optional.of(org.parley.marking.Tlp.parse(t));
        } catch (IllegalArgumentException e) {
          // not a TLP level: another statement
        }
      }
    }
    return Optional.empty();
  }
}
