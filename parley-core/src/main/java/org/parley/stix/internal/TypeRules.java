package org.parley.stix.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The rules each STIX 2.1 type adds to the common ones (co-constraints, enumerations, value ranges). */
final class TypeRules {
  private TypeRules() {}

  static void check(String type, ObjectNode o, Problems problems) {
    // filled in by type: see SdoRules and ScoRules
  }
}
