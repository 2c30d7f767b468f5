package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The revoked and deprecated ATT&CK objects a knowledge base being built has read: the ATT&CK ids they leave behind,
 * and which kept object now stands for each revoked one.
 */
final class Revocations {
  /** How many revoked-by links are followed to the object that finally replaced a revoked one. */
  private static final int MAX_REVOCATION_CHAIN = 10;
  /** Revoked ATT&CK objects: STIX id → their ATT&CK id (T1073, S0032, G0058...), to map old ids forward. */
  final Map<String, String> revokedExternal = new HashMap<>();
  /** ATT&CK ids of revoked objects → the STIX id of the object that replaced them, carried from an earlier build. */
  final Map<String, String> replacements = new HashMap<>();
  /** ATT&CK ids of deprecated objects: retired without a replacement. */
  final Set<String> deprecated = new java.util.TreeSet<>();

  /** Records the ATT&CK id a revoked or deprecated object leaves behind. */
  void record(JsonNode o, String id) {
    String ext = KbBuilder.externalId(o, id);
    if (o.path("revoked").asBoolean(false) && !ext.equals(id)) {
      revokedExternal.put(id, ext); // ATT&CK links it to its replacement with a revoked-by relationship
    } else if (!ext.equals(id)) {
      deprecated.add(ext.toUpperCase(Locale.ROOT)); // retired without a replacement (T1064 "Scripting")
    }
  }

  /**
   * ATT&CK ids of revoked objects → the STIX id of the kept object that replaced them, following revoked-by
   * (ATT&CK revokes T1073 "DLL Side-Loading" by T1574.002, older reports and MISP events still say T1073).
   */
  Map<String, String> replacements(Collection<Relationship> relationships, Predicate<String> isKept) {
    Map<String, String> by = new HashMap<>();
    relationships.stream().filter(r -> r.type().equals("revoked-by"))
        .forEach(r -> by.put(r.sourceId(), r.targetId()));
    Map<String, String> out = new HashMap<>();
    replacements.forEach((ext, target) -> {
      if (isKept.test(target)) {
        out.put(ext, target);
      }
    });
    revokedExternal.forEach((id, ext) -> {
      String at = by.get(id);
      for (int i = 0; at != null && !isKept.test(at) && i < MAX_REVOCATION_CHAIN; i++) {
        at = by.get(at);
      }
      if (at != null && isKept.test(at)) {
        out.put(ext.toUpperCase(Locale.ROOT), at);
      }
    });
    return out;
  }
}
