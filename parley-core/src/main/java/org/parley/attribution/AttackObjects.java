package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live (neither revoked nor deprecated) objects of one ATT&CK bundle as {@link DevSets} reads them: in bundle
 * order, by STIX id, and the year each cited report was published.
 */
final class AttackObjects {
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})[,)]");

  final List<JsonNode> objects = new ArrayList<>();
  final Map<String, JsonNode> byId = new HashMap<>();
  final Map<String, Integer> sourceYear = new HashMap<>();

  private AttackObjects() {}

  static AttackObjects read(Path attackBundle) throws AttributionException, IOException {
    AttackObjects a = new AttackObjects();
    try (var in = Files.newInputStream(attackBundle)) {
      BundleReader.read(in, o -> {
        if (!o.path("revoked").asBoolean(false) && !o.path("x_mitre_deprecated").asBoolean(false)) {
          a.objects.add(o);
          a.byId.put(KbBuilder.text(o, "id"), o);
        }
      });
    }
    a.indexSourceYears();
    return a;
  }

  private void indexSourceYears() {
    for (JsonNode o : objects) {
      for (JsonNode ref : o.path("external_references")) {
        Matcher m = YEAR.matcher(KbBuilder.text(ref, "description"));
        if (m.find()) { // citations are trimmed, so are names (v12.1 has "Unit 42 IronNetInjector February 2021 ")
          sourceYear.putIfAbsent(KbBuilder.text(ref, "source_name").trim(), Integer.parseInt(m.group(1)));
        }
      }
    }
  }

  /** The ATT&CK id of the object with STIX id {@code id}. */
  String externalId(String id) {
    return KbBuilder.externalId(byId.get(id), id);
  }

  static boolean isUses(JsonNode o) {
    return "relationship".equals(KbBuilder.text(o, "type")) && "uses".equals(KbBuilder.text(o, "relationship_type"));
  }

  static Set<String> citations(JsonNode rel) {
    return Relationship.citationsIn(KbBuilder.text(rel, "description"));
  }

  static String created(JsonNode o) {
    return KbBuilder.text(o, "created");
  }

  boolean endpointsCreatedBefore(JsonNode rel, String cutoff) {
    for (String f : List.of("source_ref", "target_ref")) {
      JsonNode end = byId.get(KbBuilder.text(rel, f));
      if (end == null || (!KbBuilder.text(end, "type").equals("attack-pattern")
          && created(end).compareTo(cutoff) >= 0)) {
        return false;
      }
    }
    return true;
  }
}
