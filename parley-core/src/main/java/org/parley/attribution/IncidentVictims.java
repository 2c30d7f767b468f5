package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an incident's victims (the identities and locations it states were targeted) and vulnerabilities against
 * what the knowledge base knows groups target; part of {@link Incidents}.
 */
final class IncidentVictims {
  private IncidentVictims() {}

  /**
   * The identities and locations the bundle states were targeted: {@code targets} relationships (STIX 2.1 §4: attack-pattern,
   * campaign, intrusion-set, malware, threat-actor and tool may target an identity or location), objects our extractor marks
   * {@code x_parley_role: targeted}, and the locations a targeted identity is {@code located-at}. Empty when the
   * bundle states no target: every identity and location other than the producer's is then read as a victim.
   */
  static Set<String> targeted(List<JsonNode> objects) {
    Set<String> out = new java.util.HashSet<>();
    for (JsonNode o : objects) {
      String type = KbBuilder.text(o, "type");
      if (type.equals("relationship") && KbBuilder.text(o, "relationship_type").equals("targets")) {
        out.add(KbBuilder.text(o, "target_ref"));
      } else if ((type.equals("identity") || type.equals("location"))
          && KbBuilder.text(o, "x_parley_role").equals("targeted")) {
        out.add(KbBuilder.text(o, "id"));
      }
    }
    for (JsonNode o : objects) {
      if (KbBuilder.text(o, "type").equals("relationship") && KbBuilder.text(o, "relationship_type").equals("located-at")
          && out.contains(KbBuilder.text(o, "source_ref"))) {
        out.add(KbBuilder.text(o, "target_ref"));
      }
    }
    out.removeIf(id -> !id.startsWith("identity--") && !id.startsWith("location--"));
    Set<String> held = new java.util.HashSet<>();
    objects.forEach(o -> held.add(KbBuilder.text(o, "id")));
    out.retainAll(held); // a target the bundle does not hold says nothing about which of its own are victims
    return out;
  }

  /**
   * A vulnerability (by its CVE: name or {@code cve} external reference) meets the groups the knowledge base says
   * exploited it ({@link KbBuilder#cveKeys}: ATT&CK's descriptions and procedures, shared intel's {@code targets}).
   */
  static void vulnerability(JsonNode o, String oid, KnowledgeBase kb, double cred, Map<String, Evidence> out,
      List<UnresolvedEvidence> unresolved) {
    Set<String> keys = Victims.victimKeys(o);
    Set<String> matches = targetsWithAnyOf(keys, kb);
    String name = KbBuilder.text(o, "name");
    String label = keys.isEmpty() ? (name.isEmpty() ? oid : name) : keys.iterator().next().substring("cve:".length());
    if (matches.isEmpty()) {
      unresolved.add(new UnresolvedEvidence(oid, "vulnerability", label,
          EvidenceText.en(keys.isEmpty() ? EvidenceText.Template.NO_CVE : EvidenceText.Template.NO_EXPLOIT)));
    } else {
      Incidents.add(out, new Evidence(oid, Evidence.Kind.VULNERABILITY, "vulnerability " + label,
          List.copyOf(matches), cred));
    }
  }

  static void victim(JsonNode o, String oid, String type, KnowledgeBase kb, double cred,
      Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    Set<String> matches = targetsWithAnyOf(Victims.incidentVictimKeys(o), kb);
    String name = KbBuilder.text(o, "name");
    String label = name.isEmpty() ? String.join(", ", Victims.victimKeys(o)) : name;
    if (matches.isEmpty()) {
      unresolved.add(new UnresolvedEvidence(oid, type, label.isEmpty() ? oid : label,
          EvidenceText.en(EvidenceText.Template.NO_VICTIM)));
    } else {
      Incidents.add(out, new Evidence(oid, Evidence.Kind.VICTIM, type + " " + label, List.copyOf(matches), cred));
    }
  }

  /** What the knowledge base knows groups target (victims, vulnerabilities) under any of {@code keys}. */
  private static Set<String> targetsWithAnyOf(Set<String> keys, KnowledgeBase kb) {
    Set<String> matches = new LinkedHashSet<>();
    kb.victimMap().forEach((vid, vkeys) -> {
      if (vkeys.stream().anyMatch(keys::contains)) {
        matches.add(vid);
      }
    });
    return matches;
  }
}
