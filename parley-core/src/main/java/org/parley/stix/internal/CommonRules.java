package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Value rules of the common properties and shared types: §3.2 confidence and lang, §2.5 external references,
 * §2.8 kill chain phases, §7.2.3 granular markings, §7.3 extensions and §2.7/§10.7 hashes.
 */
final class CommonRules {
  /** RFC 5646 §2.1 Language-Tag (case-insensitive), including the §2.2.8 grandfathered tags. */
  private static final Pattern LANG = Pattern.compile(
      "(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
          + "(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?"
          + "|x(?:-[a-z0-9]{1,8})+"
          + "|en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay"
          + "|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min"
          + "|zh-min-nan|zh-xiang)",
      Pattern.CASE_INSENSITIVE);

  private CommonRules() {}

  static void check(ObjectNode o, Problems problems) {
    Values.checkRange(o, "$", "confidence", 0, 100, problems);
    JsonNode lang = o.get("lang");
    if (lang != null && lang.isTextual()) {
      checkLang("$.lang", lang.textValue(), problems);
    }
    forEachObject(o, "external_references", (path, ref) -> externalReference(path, ref, problems));
    forEachObject(o, "kill_chain_phases", (path, phase) -> killChainPhase(path, phase, problems));
    forEachObject(o, "granular_markings", (path, m) -> granularMarking(o, path, m, problems));
    JsonNode hashes = o.get("hashes");
    if (hashes != null && hashes.isObject()) {
      Hashes.check("$.hashes", hashes, problems);
    }
    JsonNode extensions = o.get("extensions");
    if (extensions != null && extensions.isObject()) {
      extensions(extensions, problems);
    }
  }

  static void checkLang(String path, String tag, Problems problems) {
    if (tag.length() > 256 || !LANG.matcher(tag).matches()) {
      problems.add(path, "lang-tag", "lang must be an RFC 5646 language tag such as \"en\" or \"zh-Hans\", got " + Problems.quote(tag));
    }
  }

  /** §2.5: source_name is required, plus at least one of description, url, external_id. */
  private static void externalReference(String path, JsonNode ref, Problems problems) {
    JsonNode source = ref.get("source_name");
    if (source == null || !source.isTextual()) {
      problems.add(path + ".source_name", "external-reference", "an external reference requires a source_name string");
    }
    if (!ref.has("description") && !ref.has("url") && !ref.has("external_id")) {
      problems.add(path, "external-reference", "an external reference needs at least one of description, url, external_id");
    }
    for (String s : new String[] {"description", "url", "external_id"}) {
      JsonNode v = ref.get(s);
      if (v != null) {
        Values.expect(v.isTextual(), path + "." + s, s, "a string", v, problems);
      }
    }
    JsonNode hashes = ref.get("hashes");
    if (hashes != null && Values.expect(hashes.isObject(), path + ".hashes", "hashes", "an object", hashes, problems)) {
      Hashes.check(path + ".hashes", hashes, problems);
    }
  }

  /** §2.8: kill_chain_name and phase_name, both strings. */
  private static void killChainPhase(String path, JsonNode phase, Problems problems) {
    for (String s : new String[] {"kill_chain_name", "phase_name"}) {
      JsonNode v = phase.get(s);
      if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
        problems.add(path + "." + s, "kill-chain-phase", "a kill chain phase requires a non-empty string " + s);
      }
    }
  }

  /**
   * §7.2.3: selectors (a non-empty list) and exactly one of marking_ref or lang; each selector MUST refer to
   * a property or list item present in this object.
   */
  private static void granularMarking(ObjectNode object, String path, JsonNode m, Problems problems) {
    JsonNode ref = m.get("marking_ref");
    JsonNode lang = m.get("lang");
    if ((ref == null) == (lang == null)) {
      problems.add(path, "granular-marking", "a granular marking needs exactly one of marking_ref and lang");
    }
    if (ref != null) {
      if (!ref.isTextual() || !Identifiers.isIdentifier(ref.textValue())) {
        problems.add(path + ".marking_ref", "ref-format", "marking_ref must be an identifier");
      } else if (!"marking-definition".equals(Identifiers.typeOf(ref.textValue()))) {
        problems.add(path + ".marking_ref", "ref-type", "marking_ref must point to a marking-definition");
      }
    }
    if (lang != null) {
      if (lang.isTextual()) {
        checkLang(path + ".lang", lang.textValue(), problems);
      } else {
        problems.add(path + ".lang", "property-type", "lang must be a string");
      }
    }
    JsonNode selectors = m.get("selectors");
    if (selectors == null || !selectors.isArray() || selectors.isEmpty()) {
      problems.add(path + ".selectors", "granular-marking", "a granular marking requires a non-empty list of selectors");
      return;
    }
    for (int i = 0; i < selectors.size(); i++) {
      JsonNode s = selectors.get(i);
      if (!s.isTextual() || !Selectors.resolves(object, s.textValue())) {
        problems.add(Paths.index(path + ".selectors", i), "granular-marking-selector",
            "selector must name a property or list item present in this object, got "
                + (s.isTextual() ? Problems.quote(s.textValue()) : Values.describe(s)));
      }
    }
  }

  /** §7.3 / §2.7: extension keys are dictionary keys; each value is an object. */
  private static void extensions(JsonNode extensions, Problems problems) {
    Iterator<Map.Entry<String, JsonNode>> it = extensions.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = Paths.member("$.extensions", e.getKey());
      if (e.getKey().startsWith("extension-definition--")) {
        if (!Identifiers.isIdentifier(e.getKey())) {
          problems.add(path, "ref-format", "an extension-definition key must be a valid identifier, got " + Problems.quote(e.getKey()));
        }
      } else {
        Hashes.checkDictionaryKey(path, e.getKey(), problems);
      }
      if (!e.getValue().isObject()) {
        problems.add(path, "property-type", "an extension must be an object, got " + Values.describe(e.getValue()));
      }
    }
  }

  interface Visitor {
    void visit(String path, JsonNode item);
  }

  /** Visits the object items of a list property; non-objects were reported by the type check. */
  static void forEachObject(JsonNode o, String name, Visitor visitor) {
    JsonNode list = o.get(name);
    if (list == null || !list.isArray()) {
      return;
    }
    String path = Paths.member("$", name);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isObject()) {
        visitor.visit(Paths.index(path, i), list.get(i));
      }
    }
  }
}
