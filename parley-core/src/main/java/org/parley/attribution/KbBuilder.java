package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accumulates STIX objects (ATT&CK bundle, compact file or shared intel) into a {@link KnowledgeBase}. Shared copies,
 * revoked objects and victimology are left to {@link SharedCopies}, {@link Revocations} and {@link Victims}.
 */
final class KbBuilder {
  static final Set<String> RELATIONSHIP_TYPES =
      Set.of("uses", "attributed-to", "indicates", "targets", "consists-of", "subtechnique-of", "revoked-by");
  private static final Set<String> OBSERVABLE_TYPES = Set.of("domain-name", "ipv4-addr", "ipv6-addr", "url",
      "email-addr", "file", "mac-addr", "autonomous-system", "x509-certificate");
  final Map<String, Technique> techniques = new LinkedHashMap<>();
  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, Software> software = new LinkedHashMap<>();
  final Map<String, Campaign> campaigns = new LinkedHashMap<>();
  final Map<String, Relationship> relationships = new LinkedHashMap<>();
  final Map<String, Set<String>> artifacts = new LinkedHashMap<>();
  final Map<String, String> artifactTypes = new HashMap<>();
  final Map<String, Set<String>> victims = new LinkedHashMap<>();
  /** The TLP marking ref of each kept object that carried one (relationships by {@link #relKey}). */
  final Map<String, String> markings = new HashMap<>();
  private final Revocations revocations = new Revocations();
  private final SharedCopies copies = new SharedCopies(groups, software);
  private final Victims victimology = new Victims(relationships, victims);
  private final Map<String, Integer> kept = new TreeMap<>();
  private final Map<String, Integer> skipped = new TreeMap<>();
  private int excluded;

  static KbBuilder from(KnowledgeBase kb) {
    KbBuilder b = new KbBuilder();
    kb.techniques().forEach(t -> b.techniques.put(t.id(), t));
    kb.groups().forEach(b::putGroup);
    kb.software().forEach(b::putSoftware);
    kb.campaigns().forEach(c -> b.campaigns.put(c.id(), c));
    kb.relationships().forEach(r -> b.relationships.put(relKey(r), r));
    kb.artifactMap().forEach((k, v) -> b.artifacts.put(k, new LinkedHashSet<>(v)));
    b.artifactTypes.putAll(kb.artifactTypeMap());
    kb.victimMap().forEach((k, v) -> b.victims.put(k, new LinkedHashSet<>(v)));
    b.markings.putAll(kb.markingMap());
    b.revocations.replacements.putAll(kb.replacementMap());
    b.revocations.deprecated.addAll(kb.deprecatedIds());
    b.copies.sameAs.putAll(kb.sameAsMap());
    b.revocations.revokedExternal.putAll(kb.revokedIdMap());
    b.kept.putAll(kb.stats().kept());
    b.skipped.putAll(kb.stats().skipped());
    b.excluded = kb.stats().excluded();
    return b;
  }

  static String relKey(Relationship r) {
    return r.type() + '|' + r.sourceId() + '|' + r.targetId();
  }

  private static String relKey(JsonNode o) {
    return text(o, "relationship_type") + '|' + text(o, "source_ref") + '|' + text(o, "target_ref");
  }

  private final Map<String, String> latestModified = new java.util.HashMap<>();

  /** Adds one STIX object; objects it cannot use are counted, never fatal. */
  void accept(JsonNode o) {
    String type = text(o, "type");
    String id = text(o, "id");
    if (type.isEmpty() || (id.isEmpty() && !type.equals("relationship"))) {
      count(skipped, type.isEmpty() ? "(no type)" : type);
      return;
    }
    if (!isLatest(o, id)) {
      return;
    }
    if (o.path("revoked").asBoolean(false) || o.path("x_mitre_deprecated").asBoolean(false)) {
      excluded++;
      remove(id);
      revocations.record(o, id);
      return;
    }
    if (copies.recordCopy(o, id, type)) {
      count(kept, type);
      return;
    }
    if (!add(o, id, type)) {
      return;
    }
    count(kept, type);
    mark(o, type.equals("relationship") ? relKey(o) : id);
  }

  /** False for an older version of an object already read in a newer one. */
  private boolean isLatest(JsonNode o, String id) {
    String modified = text(o, "modified");
    if (!id.isEmpty() && !modified.isEmpty()) {
      // STIX 2.1 §3.6: the latest modified is the object; files hold versions in any order (a `parley pull` export
      // in the order the node added them): an older one read after a newer is not the object (RFC 3339 UTC sorts as
      // text)
      String seen = latestModified.putIfAbsent(id, modified);
      if (seen != null) {
        if (modified.compareTo(seen) < 0) {
          return false;
        }
        latestModified.put(id, modified);
      }
    }
    return true;
  }

  /** Puts an object in the table of its type; false for a type the knowledge base does not use (counted as skipped). */
  private boolean add(JsonNode o, String id, String type) {
    switch (type) {
      case "attack-pattern" -> addTechnique(o, id);
      case "intrusion-set" -> {
        putGroup(new Group(id, externalId(o, id), name(o, id), aliases(o, "aliases")));
        victimology.addTargets(id, text(o, "description"));
      }
      case "malware", "tool" -> putSoftware(new Software(id, externalId(o, id), name(o, id),
          aliases(o, "x_mitre_aliases", "aliases"), type.equals("tool")));
      case "campaign" -> {
        campaigns.put(id, new Campaign(id, externalId(o, id), name(o, id), List.of()));
        victimology.addTargets(id, text(o, "description"));
      }
      case "relationship" -> {
        if (!addRelationship(o)) {
          return false; // counted as skipped, per relationship type
        }
        String src = text(o, "source_ref");
        if (text(o, "relationship_type").equals("uses")
            && (src.startsWith("intrusion-set--") || src.startsWith("campaign--"))) {
          victimology.addExploited(src, text(o, "description"), Victims.MINED_EXPLOIT);
        }
      }
      case "vulnerability" -> victimology.addVictim(o, id);
      case "infrastructure" -> addArtifact(id, type, o.has("x_parley_values") ? strings(o, "x_parley_values")
          : ArtifactValues.infrastructureValues(o));
      case "indicator" -> addArtifact(id, type, o.has("x_parley_values") ? strings(o, "x_parley_values")
          : ArtifactValues.patternValues(text(o, "pattern")));
      case "identity", "location" -> victimology.addVictim(o, id);
      default -> {
        if (OBSERVABLE_TYPES.contains(type)) {
          addArtifact(id, type, o.has("x_parley_values") ? strings(o, "x_parley_values")
              : ArtifactValues.observableValues(o));
        } else {
          count(skipped, type);
          return false;
        }
      }
    }
    return true;
  }

  /** Keeps the TLP marking of a kept object (a relationship by {@link #relKey}). */
  private void mark(JsonNode o, String key) {
    markings.remove(key); // a newer version's markings replace the older one's
    if (relationships.containsKey(key) || groups.containsKey(key) || campaigns.containsKey(key)
        || software.containsKey(key) || artifacts.containsKey(key) || victims.containsKey(key)
        || techniques.containsKey(key)) { // only what the knowledge base kept
      org.parley.marking.Tlp.strictestOf(strings(o, "object_marking_refs"))
          .ifPresent(tlp -> markings.put(key, tlp.markingRef()));
    }
  }

  private void putGroup(Group g) {
    groups.put(g.id(), g);
    copies.indexGroup(g);
  }

  private void putSoftware(Software s) {
    software.put(s.id(), s);
    copies.indexSoftware(s);
  }

  private void remove(String id) {
    techniques.remove(id);
    groups.remove(id);
    software.remove(id);
    campaigns.remove(id);
    artifacts.remove(id);
    victims.remove(id);
    markings.remove(id);
  }

  private void addTechnique(JsonNode o, String id) {
    techniques.put(id, new Technique(id, externalId(o, id), name(o, id), java.util.Optional.empty(), tactics(o)));
  }

  /** The phase names of an object's ATT&CK kill chain phases (STIX 2.1 §4.1 kill_chain_phases). */
  static List<String> tactics(JsonNode o) {
    List<String> out = new ArrayList<>();
    for (JsonNode k : o.path("kill_chain_phases")) {
      String chain = text(k, "kill_chain_name");
      String phase = text(k, "phase_name");
      if (!phase.isEmpty() && (chain.isEmpty() || chain.startsWith("mitre"))) {
        out.add(phase.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** Keeps a relationship of a type the knowledge base uses; false (counted as skipped) for any other type. */
  private boolean addRelationship(JsonNode o) {
    String rt = text(o, "relationship_type");
    if (!RELATIONSHIP_TYPES.contains(rt)) {
      count(skipped, "relationship:" + rt);
      return false;
    }
    Relationship r = new Relationship(rt, text(o, "source_ref"), text(o, "target_ref"), text(o, "description"));
    relationships.put(relKey(r), r);
    return true;
  }

  private void addArtifact(String id, String type, Set<String> values) {
    if (!values.isEmpty()) {
      artifacts.put(id, new LinkedHashSet<>(values));
      artifactTypes.put(id, type);
    }
  }

  KnowledgeBase build() {
    Map<String, Technique> linked = linkSubTechniques();
    Map<String, List<String>> attributed = new HashMap<>();
    for (Relationship r : relationships.values()) {
      if (r.type().equals("attributed-to") && campaigns.containsKey(r.sourceId())
          && groups.containsKey(r.targetId())) {
        attributed.computeIfAbsent(r.sourceId(), k -> new ArrayList<>()).add(r.targetId());
      }
    }
    Map<String, Campaign> cs = new LinkedHashMap<>();
    campaigns.forEach((id, c) -> cs.put(id, new Campaign(id, c.externalId(), c.name(),
        attributed.getOrDefault(id, List.of()))));
    List<Relationship> rels = relationships.values().stream().filter(r -> !r.type().equals("revoked-by"))
        .map(copies::canonical).distinct().toList();
    return new KnowledgeBase(linked, groups, software, cs, rels, artifacts, artifactTypes, victims, markings,
        new ImportStats(kept, excluded, skipped), revocations.replacements(relationships.values(), this::isKept),
        revocations.deprecated, copies.sameAs, revocations.revokedExternal);
  }

  private boolean isKept(String id) {
    return techniques.containsKey(id) || software.containsKey(id) || groups.containsKey(id)
        || campaigns.containsKey(id);
  }

  private Map<String, Technique> linkSubTechniques() {
    Map<String, String> byExternal = new HashMap<>();
    techniques.values().forEach(t -> byExternal.put(t.externalId(), t.id()));
    Map<String, String> parent = new HashMap<>();
    for (Relationship r : relationships.values()) {
      if (r.type().equals("subtechnique-of") && techniques.containsKey(r.targetId())) {
        parent.put(r.sourceId(), r.targetId());
      }
    }
    Map<String, Technique> out = new LinkedHashMap<>();
    for (Technique t : techniques.values()) {
      String p = parent.get(t.id());
      int dot = t.externalId().indexOf('.');
      if (p == null && dot > 0) {
        p = byExternal.get(t.externalId().substring(0, dot));
      }
      out.put(t.id(), new Technique(t.id(), t.externalId(), t.name(), java.util.Optional.ofNullable(p), t.tactics()));
    }
    return out;
  }

  static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && n.isValueNode() && !n.isNull() ? n.asText() : ""; // "name": null is no name "null"
  }

  static String name(JsonNode o, String id) {
    String n = text(o, "name");
    return n.isEmpty() ? id : n;
  }

  /** The ATT&CK id ({@code mitre-attack} external reference), else the STIX id. */
  static String externalId(JsonNode o, String id) {
    java.util.regex.Pattern shape = ATTACK_ID.get(text(o, "type"));
    for (JsonNode ref : o.path("external_references")) {
      String source = text(ref, "source_name");
      String ext = text(ref, "external_id");
      // an ATT&CK id has its type's shape (G0016 for a group): shared intel calling "APT-X 2024" a mitre-attack id
      // put it where machines expect a group id or UNKNOWN (the report schema refused it; found by an audit)
      if (!ext.isEmpty() && (source.equals("mitre-attack") || source.startsWith("mitre-"))
          && (shape == null || shape.matcher(ext).matches())) {
        return shape == null ? ext : ext.toUpperCase(java.util.Locale.ROOT);
      }
    }
    return id;
  }

  /** The shape of an ATT&CK id by STIX type (ATT&CK's STIX data model). */
  private static final Map<String, java.util.regex.Pattern> ATTACK_ID = Map.of(
      "intrusion-set", java.util.regex.Pattern.compile("G\\d{4}", java.util.regex.Pattern.CASE_INSENSITIVE),
      "attack-pattern", java.util.regex.Pattern.compile("T\\d{4}(\\.\\d{3})?", java.util.regex.Pattern.CASE_INSENSITIVE),
      "malware", java.util.regex.Pattern.compile("S\\d{4}", java.util.regex.Pattern.CASE_INSENSITIVE),
      "tool", java.util.regex.Pattern.compile("S\\d{4}", java.util.regex.Pattern.CASE_INSENSITIVE),
      "campaign", java.util.regex.Pattern.compile("C\\d{4}", java.util.regex.Pattern.CASE_INSENSITIVE));

  static List<String> aliases(JsonNode o, String... fields) {
    Set<String> out = new LinkedHashSet<>();
    for (String f : fields) {
      o.path(f).forEach(a -> {
        if (a.isTextual() && !a.asText().isBlank()) {
          out.add(a.asText());
        }
      });
    }
    return List.copyOf(out);
  }

  static Set<String> strings(JsonNode o, String field) {
    Set<String> out = new LinkedHashSet<>();
    o.path(field).forEach(v -> {
      if (v.isTextual() && !v.asText().isEmpty()) {
        out.add(v.asText());
      }
    });
    return out;
  }

  private static void count(Map<String, Integer> m, String key) {
    m.merge(key, 1, Integer::sum);
  }
}
