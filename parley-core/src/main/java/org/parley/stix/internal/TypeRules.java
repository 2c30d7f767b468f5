package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.parley.stix.Timestamp;

/** The rules each STIX 2.1 type adds to the common ones: co-constraints, enumerations and value ranges. */
final class TypeRules {
  private TypeRules() {}

  static void check(String type, ObjectNode o, Problems problems) {
    if (!SdoRules.check(type, o, problems)) {
      ScoRules.check(type, o, problems);
    }
  }

  /** timestamp-order: {@code later} must not precede {@code earlier} (or must follow it, when strict). */
  static void order(ObjectNode o, String earlier, String later, boolean strict, Problems problems) {
    Optional<Timestamp> a = timestamp(o, earlier);
    Optional<Timestamp> b = timestamp(o, later);
    if (a.isPresent() && b.isPresent()) {
      int c = b.get().compareTo(a.get());
      if (c < 0 || (strict && c == 0)) {
        problems.add("$." + later, "timestamp-order", later + " must be " + (strict ? "later than " : "later than or equal to ")
            + earlier + " (" + a.get().text() + "), got " + b.get().text());
      }
    }
  }

  static Optional<Timestamp> timestamp(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isTextual() ? Timestamps.parse(v.textValue()) : Optional.empty();
  }

  /** enum-value: a closed enumeration (not an open vocabulary, whose values are only SHOULDs). */
  static void oneOf(JsonNode o, String base, String name, java.util.Set<String> allowed, Problems problems) {
    JsonNode v = o.get(name);
    if (v != null && v.isTextual() && !allowed.contains(v.textValue())) {
      problems.add(Paths.member(base, name), "enum-value",
          name + " must be one of " + new java.util.TreeSet<>(allowed) + ", got " + Problems.quote(v.textValue()));
    }
  }

  static void requireOneOf(JsonNode o, String base, Problems problems, String... names) {
    for (String n : names) {
      if (o.has(n)) {
        return;
      }
    }
    problems.add(base, "required-one-of", "at least one of " + String.join(", ", names) + " must be present");
  }

  static void forbidTogether(JsonNode o, String a, String b, Problems problems) {
    if (o.has(a) && o.has(b)) {
      problems.add("$." + b, "mutually-exclusive", a + " and " + b + " must not both be present");
    }
  }

  static boolean isTrue(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isBoolean() && v.booleanValue();
  }

  static boolean isFalse(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isBoolean() && !v.booleanValue();
  }
}
