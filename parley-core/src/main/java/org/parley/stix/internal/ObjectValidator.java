package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.stix.Bytes;
import org.parley.stix.Compatibility;
import org.parley.stix.StixObject;
import org.parley.stix.Timestamp;

/**
 * Checks one STIX object against the MUST rules of STIX 2.1 that need nothing but the object itself:
 * §3.1 type names, §2.9 identifiers, §3.2 common properties, §2.x property types, §11.1 custom property
 * names, the reference targets of each type's property table, then the type's own rules ({@link TypeRules}).
 * Every violation is collected; paths are relative to the object ({@code $.created}).
 */
public final class ObjectValidator {
  /** §3.2 common properties: the ones whose type is known even on a custom object type. */
  private static final Set<String> COMMON = Set.of("type", "spec_version", "id", "created_by_ref", "created",
      "modified", "revoked", "labels", "confidence", "lang", "external_references", "object_marking_refs",
      "granular_markings", "extensions", "defanged");

  /** Required properties that STIX 2.0 did not have (STIX 2.1 Appendix: changes from 2.0). */
  private static final Set<String> NEW_IN_2_1 = Set.of("is_family", "pattern_type");

  private static final List<String> SDO_REQUIRED = List.of("created", "modified");

  private ObjectValidator() {}

  /** The object if it breaks no rule; otherwise empty, with every violation added to {@code problems}. */
  public static Optional<StixObject> validate(ObjectNode o, Bytes json, Compatibility compatibility, Problems problems) {
    String type = string(o, "type", problems);
    if (type != null && !Identifiers.isTypeName(type)) {
      problems.add("$.type", "type-format", "type must be 3-250 characters of a-z, 0-9 and '-', got " + Problems.quote(type));
    }
    if ("bundle".equals(type)) {
      problems.add("$.type", "nested-bundle", "a bundle is a container, not a STIX object (STIX 2.1 §8)");
    }
    TypeSpec spec = type == null ? null : TypeSpecs.of(type).orElse(null);
    String id = string(o, "id", problems);
    if (id != null) {
      checkId(type, id, problems);
    }
    String specVersion = specVersion(o, spec, compatibility, problems);
    if (spec != null) {
      if (spec.kind() == TypeSpec.Kind.SDO || spec.kind() == TypeSpec.Kind.SRO) {
        for (String r : SDO_REQUIRED) {
          if (!o.has(r)) {
            problems.add(Paths.member("$", r), "required-property", type + " requires property " + r + " (STIX 2.1 §3.2)");
          }
        }
      }
      for (String r : spec.required()) {
        if (!o.has(r) && !(compatibility == Compatibility.TOLERATE_2_0_OMISSIONS && NEW_IN_2_1.contains(r))) {
          problems.add(Paths.member("$", r), "required-property", type + " requires property " + r);
        }
      }
    }
    List<String> markings = new ArrayList<>(2);
    Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      checkProperty(type, spec, f.getKey(), f.getValue(), problems, markings);
    }
    Optional<Timestamp> created = timestamp(o, "created");
    Optional<Timestamp> modified = timestamp(o, "modified");
    checkPrecision(created, "created", problems);
    checkPrecision(modified, "modified", problems);
    if (created.isPresent() && modified.isPresent() && modified.get().compareTo(created.get()) < 0) {
      problems.add("$.modified", "modified-before-created",
          "modified must be later than or equal to created (" + created.get().text() + "), got " + modified.get().text());
    }
    CommonRules.check(o, problems);
    if (type != null && spec != null) {
      TypeRules.check(type, o, problems);
    }
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StixObject(id, type, specVersion, created, modified, markings, json));
  }

  private static void checkId(String type, String id, Problems problems) {
    int sep = Identifiers.separator(id);
    if (sep < 0) {
      problems.add("$.id", "id-format", "id must be type--UUID (RFC 4122), got " + Problems.quote(id));
    } else if (type != null && Identifiers.isTypeName(type) && (type.length() != sep || !id.startsWith(type))) {
      problems.add("$.id", "id-type-mismatch", "id must start with " + Problems.quote(type + "--") + ", got " + Problems.quote(id));
    }
  }

  /** §3.2 spec_version: required on SDOs, SROs and meta objects, optional on SCOs; always "2.1". */
  private static String specVersion(ObjectNode o, TypeSpec spec, Compatibility compatibility, Problems problems) {
    JsonNode v = o.get("spec_version");
    if (v == null) {
      if (spec != null && spec.versioned() && compatibility == Compatibility.STRICT) {
        problems.add("$.spec_version", "required-property", spec.type() + " requires property spec_version");
      }
      return "2.1";
    }
    if (v.isTextual() && !"2.1".equals(v.textValue())) {
      problems.add("$.spec_version", "spec-version", "spec_version must be \"2.1\", got " + Problems.quote(v.textValue()));
    }
    return v.isTextual() ? v.textValue() : "2.1";
  }

  private static void checkProperty(String type, TypeSpec spec, String name, JsonNode value, Problems problems,
      List<String> markings) {
    String path = Paths.member("$", name);
    if (!"id".equals(name) && !isPropertyName(name)) {
      problems.add(path, "property-name",
          "property names must be 3-250 characters of a-z, 0-9 and '_' (STIX 2.1 §11.1), got " + Problems.quote(name));
    }
    PropertyTypes.Kind kind = COMMON.contains(name) || spec != null && PropertyTypes.definedOn(type, name)
        ? PropertyTypes.of(name) : null; // a property the type does not define is its producer's (§7.3)
    if (kind != null) {
      Values.checkKind(path, name, kind, value, problems);
    } else if (value.isArray() && value.isEmpty()) {
      problems.add(path, "empty-list", "lists must not be empty (STIX 2.1 §2.12)");
    }
    if (name.endsWith("_ref") && value.isTextual()) {
      checkRef(type, name, path, value.textValue(), problems);
    } else if (name.endsWith("_ref") && kind == null) {
      problems.add(path, "property-type", name + " must be an identifier string");
    } else if (name.endsWith("_refs") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode e = value.get(i);
        if (e.isTextual()) {
          checkRef(type, name, Paths.index(path, i), e.textValue(), problems);
          if ("object_marking_refs".equals(name)) {
            markings.add(e.textValue());
          }
        } else if (kind == null) {
          problems.add(Paths.index(path, i), "property-type", name + " must hold identifier strings");
        }
      }
    } else if (name.endsWith("_refs") && kind == null) {
      problems.add(path, "property-type", name + " must be a list of identifiers");
    }
  }

  private static void checkRef(String type, String property, String path, String ref, Problems problems) {
    if (!Identifiers.isIdentifier(ref)) {
      problems.add(path, "ref-format", property + " must hold identifiers (type--UUID), got " + Problems.quote(ref));
      return;
    }
    Optional<Set<String>> targets = TypeSpecs.refTargets(type == null ? "" : type, property);
    String refType = Identifiers.typeOf(ref);
    if (targets.isPresent() && !TypeSpecs.allows(targets.get(), refType)) {
      problems.add(path, "ref-type", property + " of " + type + " must point to " + describe(targets.get())
          + ", got a reference to " + Problems.quote(refType));
    }
  }

  private static String describe(Set<String> targets) {
    return String.join(" or ", new java.util.TreeSet<>(targets)).replace("<sdo>", "an SDO")
        .replace("<sco>", "an SCO").replace("<sro>", "an SRO");
  }

  /** §11.1: custom property names 3-250 characters of a-z, 0-9, '_'; every STIX-defined name but id fits. */
  static boolean isPropertyName(String name) {
    int n = name.length();
    if (n < 3 || n > 250) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** §3.2: created and modified MUST be precise to the nearest millisecond (at least three fraction digits). */
  private static void checkPrecision(Optional<Timestamp> t, String name, Problems problems) {
    if (t.isPresent() && Timestamps.fractionDigits(t.get().text()) < 3) {
      problems.add("$." + name, "timestamp-precision",
          name + " must be precise to the millisecond (STIX 2.1 §3.2), got " + Problems.quote(t.get().text()));
    }
  }

  private static Optional<Timestamp> timestamp(ObjectNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isTextual() ? Timestamps.parse(v.textValue()) : Optional.empty();
  }

  private static String string(ObjectNode o, String name, Problems problems) {
    JsonNode v = o.get(name);
    if (v == null) {
      problems.add("$." + name, "required-property", "every STIX object requires property " + name);
      return null;
    }
    return v.isTextual() ? v.textValue() : null; // the wrong JSON type is reported by checkProperty
  }
}
