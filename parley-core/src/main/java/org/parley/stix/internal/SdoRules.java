package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.parley.stix.StixException;

/** Type rules of §4 SDOs, §5 SROs and §7 meta objects. */
final class SdoRules {
  private static final Set<String> OPINIONS = Set.of("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");
  private static final Set<String> EXTENSION_TYPES =
      Set.of("new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");
  private static final Set<String> TLP = Set.of("white", "green", "amber", "red");
  private static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
  private static final Set<String> TLP2 = Set.of("clear", "green", "amber", "amber+strict", "red");
  private static final long MAX_COUNT = 999_999_999L;

  private SdoRules() {}

  /** Checks {@code o} when {@code type} is one of these kinds; returns whether it was. */
  static boolean check(String type, ObjectNode o, Problems problems) {
    switch (type) {
      case "campaign":
      case "intrusion-set":
      case "threat-actor":
      case "infrastructure":
        TypeRules.order(o, "first_seen", "last_seen", false, problems); // §4.2, §4.9, §4.16, §4.8
        return true;
      case "malware":
        TypeRules.order(o, "first_seen", "last_seen", false, problems);
        if (TypeRules.isTrue(o, "is_family") && !o.has("name")) { // §4.11: name required when is_family
          problems.add("$.name", "required-property", "a malware family (is_family true) requires a name");
        }
        return true;
      case "indicator":
        TypeRules.order(o, "valid_from", "valid_until", true, problems); // §4.7: valid_until > valid_from
        pattern(o, problems);
        return true;
      case "location":
        location(o, problems);
        return true;
      case "malware-analysis":
        TypeRules.requireOneOf(o, "$", problems, "result", "analysis_sco_refs"); // §4.12
        return true;
      case "observed-data":
        TypeRules.order(o, "first_observed", "last_observed", false, problems); // §4.14
        Values.checkRange(o, "$", "number_observed", 1, MAX_COUNT, problems);
        TypeRules.requireOneOf(o, "$", problems, "object_refs", "objects");
        TypeRules.forbidTogether(o, "objects", "object_refs", problems);
        return true;
      case "opinion":
        TypeRules.oneOf(o, "$", "opinion", OPINIONS, problems); // §4.15 opinion-enum
        return true;
      case "relationship":
        TypeRules.order(o, "start_time", "stop_time", true, problems); // §5.1: stop_time > start_time
        relationshipType(o, problems);
        return true;
      case "sighting":
        TypeRules.order(o, "first_seen", "last_seen", false, problems); // §5.2
        Values.checkRange(o, "$", "count", 0, MAX_COUNT, problems);
        return true;
      case "marking-definition":
        markingDefinition(o, problems);
        return true;
      case "extension-definition":
        extensionTypes(o, problems);
        return true;
      case "language-content":
        languageContents(o, problems);
        return true;
      default:
        return false;
    }
  }

  /** §4.7: the pattern MUST be valid in the language pattern_type names; we check our own, "stix". */
  private static void pattern(ObjectNode o, Problems problems) {
    JsonNode pattern = o.get("pattern");
    JsonNode type = o.get("pattern_type");
    if (pattern == null || !pattern.isTextual() || type == null || !"stix".equals(type.asText())) {
      return;
    }
    try {
      PatternParser.parse(pattern.textValue());
    } catch (StixException e) {
      problems.add("$.pattern", "pattern-syntax", e.violations().get(0).message());
    }
  }

  /** §4.10: region, country or latitude+longitude; latitude and longitude together; precision needs both. */
  private static void location(ObjectNode o, Problems problems) {
    boolean lat = o.has("latitude");
    boolean lon = o.has("longitude");
    if (!o.has("region") && !o.has("country") && !(lat && lon)) {
      problems.add("$", "required-one-of", "a location needs region, country, or latitude and longitude");
    }
    if (lat != lon) {
      problems.add(lat ? "$.longitude" : "$.latitude", "required-together", "latitude and longitude must be present together");
    }
    if (o.has("precision") && !(lat && lon)) {
      problems.add("$.precision", "required-together", "precision requires latitude and longitude");
    }
    range(o, "latitude", -90, 90, problems);
    range(o, "longitude", -180, 180, problems);
    JsonNode p = o.get("precision");
    if (p != null && p.isNumber() && p.doubleValue() < 0) {
      problems.add("$.precision", "value-range", "precision must not be negative, got " + p.asText());
    }
  }

  private static void range(ObjectNode o, String name, double min, double max, Problems problems) {
    JsonNode v = o.get(name);
    if (v != null && v.isNumber() && !(v.doubleValue() >= min && v.doubleValue() <= max)) {
      problems.add("$." + name, "value-range", name + " must be between " + min + " and " + max + ", got " + v.asText());
    }
  }

  /**
   * §7.2.1: definition_type and definition go together; the two definition types of the spec have fixed
   * shapes (statement: a statement string; tlp: a TLP 1.0 colour). TLP 2.0 markings use an extension instead.
   */
  private static void markingDefinition(ObjectNode o, Problems problems) {
    JsonNode type = o.get("definition_type");
    JsonNode def = o.get("definition");
    if ((type == null) != (def == null)) {
      problems.add(type == null ? "$.definition_type" : "$.definition", "required-together",
          "definition_type and definition must be present together");
    }
    tlp2(o, problems);
    if (type == null && def == null && !o.has("extensions")) {
      problems.add("$", "required-one-of", "a marking definition needs definition_type and definition, or extensions");
    }
    if (type == null || def == null || !def.isObject() || !type.isTextual()) {
      return;
    }
    if ("statement".equals(type.textValue())) {
      JsonNode s = def.get("statement");
      if (s == null || !s.isTextual()) {
        problems.add("$.definition.statement", "required-property", "a statement marking requires a statement string");
      }
    } else if ("tlp".equals(type.textValue())) {
      JsonNode tlp = def.get("tlp");
      if (tlp == null || !tlp.isTextual() || !TLP.contains(tlp.textValue())) {
        problems.add("$.definition.tlp", "enum-value", "tlp must be one of white, green, amber, red");
      }
    }
  }

  /**
   * TLP 2.0 markings (FIRST TLP 2.0 as a STIX extension, extension-definition--60a3c5c5-…): the extension's
   * schema makes tlp_2_0 one of five values.
   */
  private static void tlp2(ObjectNode o, Problems problems) {
    JsonNode ext = o.path("extensions").path(TLP2_EXTENSION);
    if (!ext.isObject()) {
      return;
    }
    JsonNode level = ext.get("tlp_2_0");
    if (level == null || !level.isTextual() || !TLP2.contains(level.textValue())) {
      problems.add(Paths.member("$.extensions", TLP2_EXTENSION) + ".tlp_2_0", "enum-value",
          "tlp_2_0 must be one of clear, green, amber, amber+strict, red, got " + (level == null ? "nothing" : Values.describe(level)));
    }
  }

  /** §5.1: relationship_type is any name, but of a-z, 0-9 and '-' only ("uses", "attributed-to"). */
  private static void relationshipType(ObjectNode o, Problems problems) {
    JsonNode v = o.get("relationship_type");
    if (v != null && v.isTextual() && !v.textValue().chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      problems.add("$.relationship_type", "value-format",
          "relationship_type must be of a-z, 0-9 and '-' (STIX 2.1 §5.1), got " + Problems.quote(v.textValue()));
    }
  }

  /** §7.3: extension_types values come from extension-type-enum. */
  private static void extensionTypes(ObjectNode o, Problems problems) {
    JsonNode types = o.get("extension_types");
    if (types == null || !types.isArray()) {
      return;
    }
    for (int i = 0; i < types.size(); i++) {
      JsonNode t = types.get(i);
      if (t.isTextual() && !EXTENSION_TYPES.contains(t.textValue())) {
        problems.add(Paths.index("$.extension_types", i), "enum-value",
            "extension_types values must be one of " + new java.util.TreeSet<>(EXTENSION_TYPES) + ", got " + Problems.quote(t.textValue()));
      }
    }
  }

  /** §7.1: contents maps language tags to objects of translated properties. */
  private static void languageContents(ObjectNode o, Problems problems) {
    JsonNode contents = o.get("contents");
    if (contents == null || !contents.isObject()) {
      return;
    }
    var it = contents.fields();
    while (it.hasNext()) {
      var e = it.next();
      String path = Paths.member("$.contents", e.getKey());
      CommonRules.checkLang(path, e.getKey(), problems);
      if (!e.getValue().isObject()) {
        problems.add(path, "property-type", "each language of contents must map to an object");
      }
    }
  }
}
