package org.parley.stix.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What STIX 2.1 defines for one object type: its kind, the properties it requires, and for each reference
 * property the types it may point to ({@link TypeSpecs#ANY_SDO} and friends stand for whole kinds).
 */
public record TypeSpec(String type, Kind kind, List<String> required, Map<String, Set<String>> refs) {
  public enum Kind {
    SDO,
    SRO,
    SCO,
    /** marking-definition, language-content, extension-definition (STIX 2.1 §7). */
    META
  }

  public TypeSpec {
    required = List.copyOf(required);
    refs = Map.copyOf(refs);
  }

  /** Whether objects of this kind carry {@code spec_version}, {@code created} and {@code modified} (§3.2). */
  public boolean versioned() {
    return kind != Kind.SCO;
  }
}
