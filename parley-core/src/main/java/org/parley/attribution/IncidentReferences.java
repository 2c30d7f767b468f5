package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the objects an incident refers to by id without holding them (references, sightings) as the knowledge base's
 * indicators, infrastructure, software or techniques; part of {@link Incidents}.
 */
final class IncidentReferences {
  private IncidentReferences() {}

  /**
   * A sighting (STIX 2.1 §5.7) of an object the bundle does not hold but shared intel or ATT&CK does — how a party
   * reports "we saw your indicator" by its id: that object is evidence as if the bundle held it ({@link #referenced}).
   * A sighting of an object in the bundle adds nothing to the object itself; of an object known nowhere, it is listed
   * as unresolved.
   */
  static void sighting(JsonNode o, String oid, KnowledgeBase kb, double cred, Set<String> inBundle,
      Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    String ref = KbBuilder.text(o, "sighting_of_ref");
    if (!ref.isEmpty() && !inBundle.contains(ref)
        && !referenced(ref, oid, EvidenceText.Template.SIGHTED, kb, cred, out)) {
      unresolved.add(new UnresolvedEvidence(oid, "sighting", ref, EvidenceText.en(EvidenceText.Template.NO_SIGHTED)));
    }
  }

  /**
   * The objects a bundle refers to by id without holding them — a report's or grouping's {@code object_refs}, a
   * relationship's ends: producers name ATT&CK's techniques and software, and shared intel's indicators, by their
   * STIX ids. Those the knowledge base holds are evidence, with the referring object's confidence; other dangling
   * references (identities, notes…) are not evidence and are not listed.
   */
  static void references(JsonNode o, KnowledgeBase kb, double cred, Set<String> inBundle,
      Map<String, Evidence> out) {
    List<String> refs = new ArrayList<>();
    o.path("object_refs").forEach(r -> refs.add(r.asText()));
    if (KbBuilder.text(o, "type").equals("relationship")) {
      refs.add(KbBuilder.text(o, "source_ref"));
      refs.add(KbBuilder.text(o, "target_ref"));
    }
    for (String ref : refs) {
      if (!ref.isEmpty() && !inBundle.contains(ref)) {
        referenced(ref, ref, EvidenceText.Template.REFERRED, kb, cred, out);
      }
    }
  }

  /**
   * Adds the knowledge base's indicator, infrastructure or observable, malware or tool, or technique {@code ref} as
   * evidence carried by {@code carrier}, its label ending in {@code note}; false when the knowledge base holds no such
   * object (groups and campaigns are someone's attribution, not evidence).
   */
  private static boolean referenced(String ref, String carrier, EvidenceText.Template note, KnowledgeBase kb,
      double cred, Map<String, Evidence> out) {
    Set<String> values = kb.artifactMap().get(ref);
    Optional<Software> software = kb.softwareById(ref);
    Optional<Technique> technique = kb.technique(ref);
    String how = EvidenceText.en(note);
    if (values != null) {
      Incidents.add(out, new Evidence(carrier, Evidence.Kind.INFRASTRUCTURE, kb.artifactTypeMap().get(ref) + " "
          + String.join(", ", values) + how, List.of(ref), cred));
    } else if (software.isPresent()) {
      Software sw = software.get();
      Incidents.add(out, new Evidence(carrier, Evidence.Kind.SOFTWARE, (sw.externalId().equals(sw.id()) ? ""
          : sw.externalId() + " ") + sw.name() + how, List.of(sw.id()), cred));
    } else if (technique.isPresent()) {
      Incidents.add(out, new Evidence(carrier, Evidence.Kind.TECHNIQUE, technique.get().externalId() + " "
          + technique.get().name() + how, List.of(technique.get().id()), cred));
    } else {
      Optional<Map.Entry<String, String>> replaced = kb.replacementOfStixId(ref); // e.g. T1086, revoked by T1059.001
      if (replaced.isEmpty() || replaced.get().getValue().equals(ref)) {
        return false;
      }
      String by = replaced.get().getValue();
      Optional<Technique> t = kb.technique(by);
      Optional<Software> s = kb.softwareById(by);
      String ext = replaced.get().getKey().toUpperCase(java.util.Locale.ROOT);
      if (t.isPresent()) {
        Incidents.add(out, new Evidence(carrier, Evidence.Kind.TECHNIQUE, t.get().externalId() + " " + t.get().name()
            + EvidenceText.en(EvidenceText.Template.REVOKED, ext, t.get().externalId()) + how, List.of(by), cred));
      } else if (s.isPresent()) {
        Incidents.add(out, new Evidence(carrier, Evidence.Kind.SOFTWARE, s.get().externalId() + " " + s.get().name()
            + EvidenceText.en(EvidenceText.Template.REVOKED, ext, s.get().externalId()) + how, List.of(by), cred));
      } else {
        return false;
      }
    }
    return true;
  }
}
