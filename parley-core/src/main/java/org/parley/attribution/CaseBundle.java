package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** One development case written as the STIX bundle a producer would share ({@link DevCases#writeCases}). */
final class CaseBundle {
  private CaseBundle() {}

  /** The case as a producer would share it: its own STIX ids, ATT&CK ids in external_references, names. */
  static String json(Map<String, JsonNode> byId, String name, String source, Set<String> items, Set<String> victims,
      Set<String> vulnerabilities) throws IOException {
    ObjectNode b = BundleReader.MAPPER.createObjectNode();
    b.put("type", "bundle");
    b.put("id", "bundle--" + DevSets.uuid(name));
    ArrayNode objs = b.putArray("objects");
    ObjectNode inc = objs.addObject();
    DevSets.common(inc, "incident", name + "/incident", name);
    String report = source.substring(source.indexOf(" / ") + 3);
    inc.put("description", "Development case built from the public report \"" + report + "\"");
    for (String item : items) {
      JsonNode o = byId.get(item);
      if (o == null) {
        continue;
      }
      String type = KbBuilder.text(o, "type");
      ObjectNode x = objs.addObject();
      DevSets.common(x, type, name + "/" + item, KbBuilder.text(o, "name"));
      if (type.equals("attack-pattern")) {
        ObjectNode ref = x.putArray("external_references").addObject();
        ref.put("source_name", "mitre-attack");
        ref.put("external_id", KbBuilder.externalId(o, item));
      } else if (type.equals("malware")) {
        x.put("is_family", true);
      }
    }
    addVictims(objs, name, victims);
    addVulnerabilities(objs, name, vulnerabilities);
    return BundleReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(b);
  }

  static void addVictims(ArrayNode objs, String name, Set<String> victims) {
    for (String key : victims) { // the victims the report states, as a producer would share them
      String value = key.substring(key.indexOf(':') + 1);
      ObjectNode v = objs.addObject();
      if (key.startsWith("sector:")) {
        DevSets.common(v, "identity", name + "/" + key, value + " sector");
        v.put("identity_class", "class");
        v.putArray("sectors").add(value);
      } else if (key.startsWith("country:")) {
        DevSets.common(v, "location", name + "/" + key,
            new java.util.Locale("", value).getDisplayCountry(java.util.Locale.ENGLISH));
        v.put("country", value.toUpperCase(java.util.Locale.ROOT));
      } else {
        DevSets.common(v, "location", name + "/" + key, value);
        v.put("region", value);
      }
    }
  }

  static void addVulnerabilities(ArrayNode objs, String name, Set<String> vulnerabilities) {
    for (String key : vulnerabilities) { // what the report says was exploited, as STIX 2.1 §4.18 writes it
      String cve = key.substring(key.indexOf(':') + 1);
      ObjectNode v = objs.addObject();
      DevSets.common(v, "vulnerability", name + "/" + key, cve);
      ObjectNode ref = v.putArray("external_references").addObject();
      ref.put("source_name", "cve");
      ref.put("external_id", cve);
    }
  }
}
