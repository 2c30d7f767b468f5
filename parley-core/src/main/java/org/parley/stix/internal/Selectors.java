package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * STIX 2.1 §7.2.3.1 selectors: property names separated by {@code .}, list items as {@code [n]}
 * ({@code external_references.[0].source_name}).
 */
final class Selectors {
  private Selectors() {}

  static boolean resolves(JsonNode object, String selector) {
    if (selector.isEmpty()) {
      return false;
    }
    JsonNode at = object;
    int from = 0;
    while (from <= selector.length()) {
      int dot = selector.indexOf('.', from);
      int to = dot < 0 ? selector.length() : dot;
      String step = selector.substring(from, to);
      if (step.isEmpty()) {
        return false;
      }
      if (step.charAt(0) == '[') {
        int index = index(step);
        if (index < 0 || !at.isArray() || index >= at.size()) {
          return false;
        }
        at = at.get(index);
      } else {
        if (!at.isObject() || !at.has(step)) {
          return false;
        }
        at = at.get(step);
      }
      if (dot < 0) {
        return true;
      }
      from = dot + 1;
    }
    return false;
  }

  private static int index(String step) {
    int n = step.length();
    if (n < 3 || n > 11 || step.charAt(n - 1) != ']') {
      return -1;
    }
    int v = 0;
    for (int i = 1; i < n - 1; i++) {
      char c = step.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
