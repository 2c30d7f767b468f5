package org.parley.attribution;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;

/**
 * The compact knowledge-base file: a STIX bundle holding only what attribution reads (no descriptions of
 * objects, no mitigations, data sources or matrices), so it loads in a fraction of the full release's time.
 * Values already normalised by the builder travel in {@code x_parley_values} / {@code x_parley_keys}.
 */
final class CompactWriter {
  private CompactWriter() {}

  static void write(KnowledgeBase kb, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "bundle");
    g.writeStringField("id", "bundle--00000000-0000-4000-8000-000000000000");
    g.writeStringField("x_parley_format", KnowledgeBase.COMPACT_FORMAT);
    g.writeStringField("x_parley_notice", "Contains MITRE ATT&CK content. ATT&CK is (c) The MITRE Corporation; "
        + "reproduced under the ATT&CK terms of use (https://attack.mitre.org/resources/legal-and-branding/terms-of-use/).");
    g.writeArrayFieldStart("objects");
    for (Technique t : kb.techniques()) {
      start(g, "attack-pattern", t.id(), t.name(), t.externalId());
      if (!t.tactics().isEmpty()) {
        g.writeArrayFieldStart("kill_chain_phases");
        for (String phase : t.tactics()) {
          g.writeStartObject();
          g.writeStringField("kill_chain_name", "mitre-attack");
          g.writeStringField("phase_name", phase);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      marking(g, kb, t.id());
      g.writeEndObject();
      if (t.parentId().isPresent()) {
        relationship(g, "subtechnique-of", t.id(), t.parentId().get(), "", null);
      }
    }
    for (Group x : kb.groups()) {
      start(g, "intrusion-set", x.id(), x.name(), x.externalId());
      strings(g, "aliases", x.aliases());
      marking(g, kb, x.id());
      g.writeEndObject();
    }
    for (Software s : kb.software()) {
      start(g, s.tool() ? "tool" : "malware", s.id(), s.name(), s.externalId());
      strings(g, "x_mitre_aliases", s.aliases());
      marking(g, kb, s.id());
      g.writeEndObject();
    }
    for (Campaign c : kb.campaigns()) {
      start(g, "campaign", c.id(), c.name(), c.externalId());
      marking(g, kb, c.id());
      g.writeEndObject();
    }
    for (Relationship r : kb.relationships()) {
      if (!r.type().equals("subtechnique-of")) {
        relationship(g, r.type(), r.sourceId(), r.targetId(), r.description(),
            kb.markingMap().get(KbBuilder.relKey(r)));
      }
    }
    java.util.Map<String, String> originalId = new java.util.HashMap<>(); // ATT&CK id → the revoked object's STIX id
    kb.revokedIdMap().forEach((stix, ext) -> originalId.merge(ext.toUpperCase(java.util.Locale.ROOT), stix,
        (a, b) -> a.compareTo(b) <= 0 ? a : b));
    for (var e : new java.util.TreeMap<>(kb.replacementMap()).entrySet()) { // revoked ATT&CK ids, as ATT&CK writes them
      String id = retired(g, e.getValue().substring(0, e.getValue().indexOf("--")), "revoked", e.getKey(),
          originalId.get(e.getKey()));
      relationship(g, "revoked-by", id, e.getValue(), "", null);
    }
    for (String ext : kb.deprecatedIds()) { // deprecated ATT&CK ids (sorted), as ATT&CK marks them
      retired(g, ext.startsWith("T") ? "attack-pattern" : ext.startsWith("S") ? "malware"
          : ext.startsWith("G") ? "intrusion-set" : ext.startsWith("C") ? "campaign" : "x-mitre-object",
          "x_mitre_deprecated", ext, null);
    }
    for (var e : new java.util.TreeMap<>(kb.sameAsMap()).entrySet()) { // shared copies of groups and software
      g.writeStartObject();
      g.writeStringField("type", e.getKey().substring(0, e.getKey().indexOf("--")));
      g.writeStringField("id", e.getKey());
      g.writeStringField("x_parley_same_as", e.getValue());
      g.writeEndObject();
    }
    for (var e : kb.artifactMap().entrySet()) {
      g.writeStartObject();
      g.writeStringField("type", kb.artifactTypeMap().getOrDefault(e.getKey(), "indicator"));
      g.writeStringField("id", e.getKey());
      strings(g, "x_parley_values", e.getValue());
      marking(g, kb, e.getKey());
      g.writeEndObject();
    }
    for (var e : kb.victimMap().entrySet()) {
      g.writeStartObject();
      g.writeStringField("type", e.getKey().substring(0, e.getKey().indexOf("--")));
      g.writeStringField("id", e.getKey());
      strings(g, "x_parley_keys", e.getValue());
      marking(g, kb, e.getKey());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The object's TLP marking, kept so that a reloaded knowledge base still knows what it was told under TLP. */
  private static void marking(JsonGenerator g, KnowledgeBase kb, String key) throws IOException {
    marking(g, kb.markingMap().get(key));
  }

  private static void marking(JsonGenerator g, String ref) throws IOException {
    if (ref != null) {
      g.writeArrayFieldStart("object_marking_refs");
      g.writeString(ref);
      g.writeEndArray();
    }
  }

  private static void start(JsonGenerator g, String type, String id, String name, String externalId)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    g.writeStringField("id", id);
    g.writeStringField("name", name);
    if (!externalId.equals(id)) {
      attackId(g, externalId);
    }
  }

  /**
   * A retired ATT&CK object as ATT&CK marks it ({@code flag}: {@code revoked} or {@code x_mitre_deprecated}), only
   * its ATT&CK id kept; its STIX id is derived from that id. Returns the STIX id.
   */
  private static String retired(JsonGenerator g, String type, String flag, String externalId, String knownId)
      throws IOException {
    String id = knownId != null && knownId.startsWith(type + "--") ? knownId // the revoked object's own id
        : type + "--" + java.util.UUID.nameUUIDFromBytes((flag + " " + externalId)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    g.writeStartObject();
    g.writeStringField("type", type);
    g.writeStringField("id", id);
    g.writeBooleanField(flag, true);
    attackId(g, externalId);
    g.writeEndObject();
    return id;
  }

  private static void attackId(JsonGenerator g, String externalId) throws IOException {
    g.writeArrayFieldStart("external_references");
    g.writeStartObject();
    g.writeStringField("source_name", "mitre-attack");
    g.writeStringField("external_id", externalId);
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void relationship(JsonGenerator g, String type, String source, String target, String description,
      String markingRef) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "relationship");
    g.writeStringField("relationship_type", type);
    g.writeStringField("source_ref", source);
    g.writeStringField("target_ref", target);
    if (!description.isEmpty()) {
      g.writeStringField("description", description);
    }
    marking(g, markingRef);
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, Collection<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
