package org.parley.node.taxii;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.node.store.Micros;
import org.parley.node.store.VersionFilter;

/**
 * The query parameters of a TAXII 2.1 §3.4 request, checked: {@code added_after}, {@code limit}, {@code next}
 * and {@code match[...]} fields, each a comma-separated OR of values. Anything unknown or malformed is a 400, so
 * a client never mistakes an ignored filter for an applied one.
 */
record Filters(OptionalLong addedAfter, List<String> ids, List<String> types, List<String> specVersions,
    Optional<VersionFilter> versions, OptionalInt limit, Optional<String> next, String fingerprint) {
  static final Set<String> OBJECTS = Set.of("added_after", "limit", "next", "match[id]", "match[type]",
      "match[version]", "match[spec_version]");
  static final Set<String> OBJECT = Set.of("added_after", "limit", "next", "match[version]", "match[spec_version]");
  static final Set<String> VERSIONS = Set.of("added_after", "limit", "next", "match[spec_version]");
  static final Set<String> DELETE = Set.of("match[version]", "match[spec_version]");
  static final Set<String> NONE = Set.of();

  private static final int MAX_VALUE_LENGTH = 256;
  private static final int MAX_VALUES = 100;

  static Filters parse(Map<String, List<String>> query, Set<String> allowed) throws TaxiiError {
    TreeMap<String, TreeSet<String>> canonical = new TreeMap<>();
    Map<String, List<String>> values = new TreeMap<>();
    int count = 0;
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String name = e.getKey();
      if (!allowed.contains(name)) {
        throw TaxiiError.badRequest("unsupported query parameter for this endpoint: " + printable(name));
      }
      List<String> list = new ArrayList<>();
      for (String raw : e.getValue()) {
        for (String v : name.startsWith("match[") ? raw.split(",", -1) : new String[] {raw}) {
          String t = v.trim();
          if (t.isEmpty() || t.length() > MAX_VALUE_LENGTH) {
            throw TaxiiError.badRequest(name + ": values must be 1 to " + MAX_VALUE_LENGTH + " characters");
          }
          list.add(t);
          if (++count > MAX_VALUES) {
            throw TaxiiError.badRequest("at most " + MAX_VALUES + " filter values per request");
          }
        }
      }
      if (e.getValue().size() != 1) { // TAXII 2.1 §3.4: "each <field> MUST NOT occur more than once"
        throw TaxiiError.badRequest(name + ": give it once (join several values with commas)");
      }
      values.put(name, list);
      if (!name.equals("next") && !name.equals("limit")) {
        canonical.put(name, new TreeSet<>(list));
      }
    }
    return new Filters(addedAfter(values), values.getOrDefault("match[id]", List.of()),
        values.getOrDefault("match[type]", List.of()), values.getOrDefault("match[spec_version]", List.of()),
        versions(values.get("match[version]")), limit(values.get("limit")),
        Optional.ofNullable(values.get("next")).map(l -> l.get(0)), canonical.toString());
  }

  private static OptionalLong addedAfter(Map<String, List<String>> values) throws TaxiiError {
    List<String> v = values.get("added_after");
    if (v == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Micros.parse(v.get(0)));
    } catch (IllegalArgumentException e) {
      throw TaxiiError.badRequest("added_after: " + e.getMessage());
    }
  }

  private static OptionalInt limit(List<String> v) throws TaxiiError {
    if (v == null) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(v.get(0));
      if (n < 1) {
        throw TaxiiError.badRequest("limit: must be a positive integer");
      }
      return OptionalInt.of(n);
    } catch (NumberFormatException e) {
      if (v.get(0).matches("\\d{1,256}")) {
        return OptionalInt.of(Integer.MAX_VALUE);
      }
      throw TaxiiError.badRequest("limit: must be a positive integer");
    }
  }

  private static Optional<VersionFilter> versions(List<String> v) throws TaxiiError {
    if (v == null) {
      return Optional.empty();
    }
    boolean first = false;
    boolean last = false;
    boolean all = false;
    List<Long> exact = new ArrayList<>();
    for (String s : v) {
      if ((s.equals("first") && first) || (s.equals("last") && last) || (s.equals("all") && all)) {
        throw TaxiiError.badRequest("match[version]: " + s + " given twice"); // TAXII 2.1 §3.4.1
      }
      switch (s) {
        case "first" -> first = true;
        case "last" -> last = true;
        case "all" -> all = true;
        default -> {
          try {
            exact.add(Micros.parse(s));
          } catch (IllegalArgumentException e) {
            throw TaxiiError.badRequest("match[version]: expected first, last, all or a timestamp; "
                + e.getMessage());
          }
        }
      }
    }
    if (all && v.size() > 1) { // TAXII 2.1 §3.4.1: "The all keyword MUST NOT be used with any other version parameter"
      throw TaxiiError.badRequest("match[version]: all cannot be combined with other versions");
    }
    return Optional.of(new VersionFilter(first, last, all, exact));
  }

  /** Untrusted text echoed in an error: bounded and stripped of control characters. */
  static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
