package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks of a property's JSON type (STIX 2.1 §2) and of the value kinds shared by several properties. */
public final class Values {
  /** STIX 2.1 §2.9: 2^53 - 1. */
  static final long MAX_INTEGER = (1L << 53) - 1;

  private Values() {}

  public static void checkKind(String path, String name, PropertyTypes.Kind kind, JsonNode v, Problems problems) {
    switch (kind) {
      case STRING:
        expect(v.isTextual(), path, name, "a string", v, problems);
        break;
      case INTEGER:
        if (expect(v.isIntegralNumber(), path, name, "an integer", v, problems)
            && (v.isBigInteger() || v.longValue() > MAX_INTEGER || v.longValue() < -MAX_INTEGER)) {
          // §2.9: integers are signed 54-bit values, -(2^53)+1 … 2^53-1 (what every JSON reader holds exactly)
          problems.add(path, "value-range", name + " must lie within ±(2^53-1) (STIX 2.1 §2.9), got " + v.asText());
        }
        break;
      case NUMBER:
        expect(v.isNumber(), path, name, "a number", v, problems);
        break;
      case BOOLEAN:
        expect(v.isBoolean(), path, name, "a boolean", v, problems);
        break;
      case TIMESTAMP:
        if (expect(v.isTextual(), path, name, "a timestamp string", v, problems)) {
          checkTimestamp(path, name, v.textValue(), problems);
        }
        break;
      case STRING_LIST:
        if (expect(v.isArray(), path, name, "a list", v, problems) && nonEmpty(path, v, problems)) {
          for (int i = 0; i < v.size(); i++) {
            expect(v.get(i).isTextual(), Paths.index(path, i), name, "a list of strings", v.get(i), problems);
          }
        }
        break;
      case OBJECT:
        if (expect(v.isObject(), path, name, "an object", v, problems) && v.isEmpty()) {
          problems.add(path, "empty-dictionary", "dictionaries must not be empty (STIX 2.1 §2.7)");
        }
        break;
      case OBJECT_LIST:
        if (expect(v.isArray(), path, name, "a list", v, problems) && nonEmpty(path, v, problems)) {
          for (int i = 0; i < v.size(); i++) {
            expect(v.get(i).isObject(), Paths.index(path, i), name, "a list of objects", v.get(i), problems);
          }
        }
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  public static void checkTimestamp(String path, String name, String text, Problems problems) {
    if (Timestamps.parse(text).isEmpty()) {
      problems.add(path, "timestamp-format",
          name + " must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z, got " + Problems.quote(text));
    }
  }

  static boolean nonEmpty(String path, JsonNode list, Problems problems) {
    if (list.isEmpty()) {
      problems.add(path, "empty-list", "lists must not be empty (STIX 2.1 §2.12)");
      return false;
    }
    return true;
  }

  static boolean expect(boolean ok, String path, String name, String what, JsonNode actual, Problems problems) {
    if (!ok) {
      problems.add(path, "property-type", name + " must be " + what + ", got " + describe(actual));
    }
    return ok;
  }

  static String describe(JsonNode v) {
    switch (v.getNodeType()) {
      case STRING:
        return "the string " + Problems.quote(v.textValue());
      case NUMBER:
        return "the number " + v.asText();
      case BOOLEAN:
        return v.asText();
      case NULL:
        return "null";
      case ARRAY:
        return "a list";
      case OBJECT:
        return "an object";
      default:
        return v.getNodeType().toString().toLowerCase();
    }
  }

  /** Integer value of a node known to be integral, clamped to the long range (enough for range checks). */
  static long longValue(JsonNode v) {
    if (v.canConvertToLong()) {
      return v.longValue();
    }
    return v.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  /** value-range: an integer property of {@code o} (at {@code base}) must lie in [min, max]. */
  static void checkRange(JsonNode o, String base, String name, long min, long max, Problems problems) {
    JsonNode v = o.get(name);
    if (v != null && v.isIntegralNumber()) {
      long x = longValue(v);
      if ((x < min || x > max) && x <= MAX_INTEGER && x >= -MAX_INTEGER) { // past ±(2^53-1) checkKind said so
        problems.add(Paths.member(base, name), "value-range",
            name + " must be between " + min + " and " + max + ", got " + v.asText());
      }
    }
  }
}
