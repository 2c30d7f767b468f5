package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.extract.Victimology;

/** Accumulates STIX objects (ATT&CK bundle, compact file or shared intel) into a {@link KnowledgeBase}. */
final class KbBuilder {
  static final Set<String> RELATIONSHIP_TYPES =
      Set.of("uses", "attributed-to", "indicates", "targets", "consists-of", "subtechnique-of", "revoked-by");
  /** How many revoked-by links are followed to the object that finally replaced a revoked one. */
  private static final int MAX_REVOCATION_CHAIN = 10;
  private static final Set<String> OBSERVABLE_TYPES = Set.of("domain-name", "ipv4-addr", "ipv6-addr", "url",
      "email-addr", "file", "mac-addr", "autonomous-system", "x509-certificate");

  /** Description of a {@code targets} relationship read in an actor's description ({@link #addTargets}). */
  static final String MINED_TARGET = "victimology stated in the actor's description";
  /** Description of a {@code targets} relationship to a vulnerability a group's procedure exploited ({@link #addExploited}). */
  static final String MINED_EXPLOIT = "vulnerability exploited per a procedure's description";
  /** A CVE id (cve.org: CVE-YYYY-NNNN, four or more digits). */
  private static final Pattern CVE = Pattern.compile("(?i)\\bCVE-(\\d{4})-(\\d{4,7})\\b");
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
  /** Revoked ATT&CK objects: STIX id → their ATT&CK id (T1073, S0032, G0058...), to map old ids forward. */
  final Map<String, String> revokedExternal = new HashMap<>();
  /** ATT&CK ids of revoked objects → the STIX id of the object that replaced them, carried from an earlier build. */
  final Map<String, String> replacements = new HashMap<>();
  /** ATT&CK ids of deprecated objects: retired without a replacement. */
  final Set<String> deprecated = new java.util.TreeSet<>();
  /**
   * STIX ids of shared copies of a group or software the knowledge base already holds → the id of that entry
   * ({@link #sameAs}): OpenCTI and MISP share "PlugX" or "APT28" under ids of their own.
   */
  final Map<String, String> sameAs = new HashMap<>();
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
    b.replacements.putAll(kb.replacementMap());
    b.deprecated.addAll(kb.deprecatedIds());
    b.sameAs.putAll(kb.sameAsMap());
    b.revokedExternal.putAll(kb.revokedIdMap());
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
    String modified = text(o, "modified");
    if (!id.isEmpty() && !modified.isEmpty()) {
      // STIX 2.1 §3.6: the latest modified is the object; files hold versions in any order (a `parley pull` export
      // in the order the node added them): an older one read after a newer is not the object (RFC 3339 UTC sorts as
      // text)
      String seen = latestModified.putIfAbsent(id, modified);
      if (seen != null) {
        if (modified.compareTo(seen) < 0) {
          return;
        }
        latestModified.put(id, modified);
      }
    }
    if (o.path("revoked").asBoolean(false) || o.path("x_mitre_deprecated").asBoolean(false)) {
      excluded++;
      remove(id);
      String ext = externalId(o, id);
      if (o.path("revoked").asBoolean(false) && !ext.equals(id)) {
        revokedExternal.put(id, ext); // ATT&CK links it to its replacement with a revoked-by relationship
      } else if (!ext.equals(id)) {
        deprecated.add(ext.toUpperCase(Locale.ROOT)); // retired without a replacement (T1064 "Scripting")
      }
      return;
    }
    if (o.hasNonNull("x_parley_same_as") && o.path("x_parley_same_as").isTextual()) { // compact file
      sameAs.put(id, o.path("x_parley_same_as").asText());
      count(kept, type);
      return;
    }
    Optional<String> same = type.equals("intrusion-set") || type.equals("malware") || type.equals("tool")
        ? sameAs(o, id, type) : Optional.empty();
    if (same.isPresent()) {
      sameAs.put(id, same.get());
      count(kept, type);
      return;
    }
    switch (type) {
      case "attack-pattern" -> addTechnique(o, id);
      case "intrusion-set" -> {
        putGroup(new Group(id, externalId(o, id), name(o, id), aliases(o, "aliases")));
        addTargets(id, text(o, "description"));
      }
      case "malware", "tool" -> putSoftware(new Software(id, externalId(o, id), name(o, id),
          aliases(o, "x_mitre_aliases", "aliases"), type.equals("tool")));
      case "campaign" -> {
        campaigns.put(id, new Campaign(id, externalId(o, id), name(o, id), List.of()));
        addTargets(id, text(o, "description"));
      }
      case "relationship" -> {
        if (!addRelationship(o)) {
          return; // counted as skipped, per relationship type
        }
        String src = text(o, "source_ref");
        if (text(o, "relationship_type").equals("uses")
            && (src.startsWith("intrusion-set--") || src.startsWith("campaign--"))) {
          addExploited(src, text(o, "description"), MINED_EXPLOIT);
        }
      }
      case "vulnerability" -> addVictim(o, id);
      case "infrastructure" -> addArtifact(id, type, o.has("x_parley_values") ? strings(o, "x_parley_values")
          : infrastructureValues(o));
      case "indicator" -> addArtifact(id, type, o.has("x_parley_values") ? strings(o, "x_parley_values")
          : patternValues(text(o, "pattern")));
      case "identity", "location" -> addVictim(o, id);
      default -> {
        if (OBSERVABLE_TYPES.contains(type)) {
          addArtifact(id, type, o.has("x_parley_values") ? strings(o, "x_parley_values") : observableValues(o));
        } else {
          count(skipped, type);
          return;
        }
      }
    }
    count(kept, type);
    String key = type.equals("relationship") ? relKey(o) : id;
    markings.remove(key); // a newer version's markings replace the older one's
    if (relationships.containsKey(key) || groups.containsKey(key) || campaigns.containsKey(key)
        || software.containsKey(key) || artifacts.containsKey(key) || victims.containsKey(key)
        || techniques.containsKey(key)) { // only what the knowledge base kept
      org.parley.marking.Tlp.strictestOf(strings(o, "object_marking_refs"))
          .ifPresent(tlp -> markings.put(key, tlp.markingRef()));
    }
  }

  /**
   * The entry a shared intrusion set, malware or tool is a copy of, if any: one under another STIX id with the same
   * ATT&CK id ({@code S0013}, {@code G0007}), or — for an object that carries no ATT&CK id — the one entry whose
   * name or alias is its name or an alias (case- and punctuation-insensitive). ATT&CK's own objects (a new ATT&CK
   * id) and names shared by several entries are not copies. Without this a shared "PlugX" was a second PlugX:
   * the incident's reference resolved to the copy, and every ATT&CK group known for PlugX dropped out.
   */
  private Optional<String> sameAs(JsonNode o, String id, String type) {
    boolean group = type.equals("intrusion-set");
    Map<String, ? extends Object> entries = group ? groups : software;
    if (entries.containsKey(id) || sameAs.containsKey(id)) {
      return Optional.ofNullable(sameAs.get(id)); // a newer version of an object already read
    }
    Map<String, Set<String>> index = group ? groupIndex : softwareIndex;
    String ext = externalId(o, id).toUpperCase(Locale.ROOT);
    if (!ext.equals(id.toUpperCase(Locale.ROOT))) {
      return index.getOrDefault("id:" + ext, Set.of()).stream().filter(entries::containsKey).findFirst();
    }
    Set<String> hits = new LinkedHashSet<>();
    List<String> names = new ArrayList<>(aliases(o, "aliases", "x_mitre_aliases"));
    names.add(name(o, id));
    for (String n : names) {
      String k = Names.key(n);
      if (!k.isEmpty()) {
        index.getOrDefault("name:" + k, Set.of()).stream().filter(entries::containsKey).forEach(hits::add);
      }
    }
    return hits.size() == 1 ? Optional.of(hits.iterator().next()) : Optional.empty();
  }

  /** ATT&CK id and name/alias keys → the groups or software holding them: what a shared copy is matched against. */
  private final Map<String, Set<String>> groupIndex = new HashMap<>();
  private final Map<String, Set<String>> softwareIndex = new HashMap<>();

  private void putGroup(Group g) {
    groups.put(g.id(), g);
    index(groupIndex, g.id(), g.externalId(), g.name(), g.aliases());
  }

  private void putSoftware(Software s) {
    software.put(s.id(), s);
    index(softwareIndex, s.id(), s.externalId(), s.name(), s.aliases());
  }

  private static void index(Map<String, Set<String>> index, String id, String ext, String name, List<String> aliases) {
    if (!ext.equals(id)) {
      index.computeIfAbsent("id:" + ext.toUpperCase(Locale.ROOT), k -> new LinkedHashSet<>()).add(id);
    }
    List<String> names = new ArrayList<>(aliases);
    names.add(name);
    for (String n : names) {
      String k = Names.key(n);
      if (!k.isEmpty()) {
        index.computeIfAbsent("name:" + k, x -> new LinkedHashSet<>()).add(id);
      }
    }
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

  /**
   * The victimology an intrusion set's or campaign's description states (ATT&CK has no {@code targets}
   * relationships; its descriptions say "has targeted government entities in South Korea"): one {@code targets}
   * relationship per country, region or sector, to a victim entry of that single key. A newer version of the object
   * replaces what its older description said.
   */
  private void addTargets(String actor, String description) {
    relationships.values().removeIf(r -> r.type().equals("targets") && r.sourceId().equals(actor)
        && r.description().equals(MINED_TARGET));
    for (String key : Victimology.get().targetsIn(description)) {
      mined(actor, (key.startsWith("sector:") ? "identity--" : "location--"), key, MINED_TARGET);
    }
    addExploited(actor, description, MINED_TARGET);
  }

  /**
   * The vulnerabilities a text says an actor exploited: ATT&CK links no group to a vulnerability, but its group and
   * campaign descriptions and procedure examples name CVEs ("has exploited CVE-2019-19781"). One {@code targets}
   * relationship (STIX 2.1 allows an intrusion set or campaign to target a vulnerability) per CVE, to a
   * {@code vulnerability} entry keyed by it — matched by an incident's vulnerability as victims are.
   */
  private void addExploited(String actor, String text, String how) {
    for (String key : cveKeys(text)) {
      mined(actor, "vulnerability--", key, how);
    }
  }

  private void mined(String actor, String prefix, String key, String how) {
    String target = prefix + java.util.UUID.nameUUIDFromBytes(("parley-victimology/" + key)
        .getBytes(StandardCharsets.UTF_8));
    victims.putIfAbsent(target, new LinkedHashSet<>(Set.of(key)));
    Relationship r = new Relationship("targets", actor, target, how);
    relationships.putIfAbsent(relKey(r), r);
  }

  /** The CVE keys ({@code cve:CVE-2019-19781}) a text names. */
  static Set<String> cveKeys(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CVE.matcher(text);
    while (m.find()) {
      out.add("cve:CVE-" + m.group(1) + "-" + m.group(2));
    }
    return out;
  }

  private void addVictim(JsonNode o, String id) {
    Set<String> keys = o.has("x_parley_keys") ? strings(o, "x_parley_keys") : victimKeys(o);
    if (!keys.isEmpty()) {
      victims.put(id, keys);
    }
  }

  /** Keys under which a victim identity or location is matched: name, sectors, country, region. */
  static Set<String> victimKeys(JsonNode o) {
    Set<String> keys = new LinkedHashSet<>();
    if ("vulnerability".equals(text(o, "type"))) { // its name, or its cve external reference (STIX 2.1 §4.18)
      keys.addAll(cveKeys(text(o, "name")));
      for (JsonNode r : o.path("external_references")) {
        keys.addAll(cveKeys(text(r, "external_id")));
      }
    } else if ("identity".equals(text(o, "type"))) {
      String name = text(o, "name");
      if (!name.isEmpty()) {
        keys.add("name:" + Names.key(name));
      }
      o.path("sectors").forEach(s -> keys.add(Victimology.get().sectorKeys(s.asText()).get(0)));
    } else {
      String country = text(o, "country");
      if (!country.isEmpty()) {
        keys.add("country:" + country.toLowerCase(Locale.ROOT));
      }
      String region = text(o, "region");
      if (!region.isEmpty()) {
        keys.add("region:" + region.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-'));
      }
    }
    return keys;
  }

  /**
   * Keys an incident's victim is matched by: its own keys, every country, region and sector its name states, and
   * the wider keys they imply (a country's region and continent, a sector's family), so a victim in South Korea meets an
   * actor known to target South Korea, East Asia or Asia.
   */
  static Set<String> incidentVictimKeys(JsonNode o) {
    Set<String> narrow = new LinkedHashSet<>(victimKeys(o));
    Victimology v = Victimology.get();
    narrow.addAll(v.keysOfName(text(o, "name")));
    // Producers also write names where STIX wants vocabulary: country "Ukraine", region "Middle East", sector "Oil & Gas".
    narrow.addAll(v.keysOfName(text(o, "country")));
    narrow.addAll(v.keysOfName(text(o, "region").replace('-', ' ')));
    o.path("sectors").forEach(s -> {
      narrow.addAll(v.sectorKeys(s.asText()));
      narrow.addAll(v.keysOfName(s.asText().replace('-', ' ')));
    });
    Set<String> keys = new LinkedHashSet<>();
    narrow.forEach(k -> keys.addAll(v.widen(k)));
    return keys;
  }

  /**
   * The constants a pattern compares with. STIX 2.1 §9: string literals are single-quoted with {@code \'} and
   * {@code \\} escapes. A scan, not a regular expression: a literal thousands of characters long (an encoded
   * PowerShell command line) overflowed the stack of the backtracking matcher an alternation needs.
   */
  static Set<String> patternValues(String pattern) {
    Set<String> values = new LinkedHashSet<>();
    int n = pattern.length();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (pattern.charAt(i) != '\'') {
        continue;
      }
      int start = i;
      literal.setLength(0);
      int j = i + 1;
      boolean closed = false;
      for (; j < n; j++) {
        char c = pattern.charAt(j);
        if (c == '\\' && j + 1 < n) {
          literal.append(pattern.charAt(++j));
        } else if (c == '\'') {
          closed = true;
          break;
        } else {
          literal.append(c);
        }
      }
      if (!closed) {
        break; // an unterminated literal: nothing after it is a value
      }
      if (compared(pattern, start)) {
        values.add(artifactKey(literal.toString()));
      }
      i = j;
    }
    values.remove("");
    return values;
  }

  /**
   * The quoted string at {@code quote} is a constant compared with (STIX 2.1 §9.4-9.6: after {@code = != < <= > >=},
   * {@code LIKE}, {@code MATCHES}, {@code ISSUBSET}, {@code ISSUPERSET}, or in an {@code IN (…)} list), not a quoted
   * property name of an object path ({@code file:hashes.'SHA-256'}: read as a value, every SHA-256 indicator of shared
   * intel had the value "sha-256" in common) nor a typed literal ({@code t'…'}, {@code b'…'}, {@code h'…'}).
   */
  private static boolean compared(String pattern, int quote) {
    int i = quote - 1;
    while (i >= 0 && Character.isWhitespace(pattern.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    char c = pattern.charAt(i);
    if (c == '=' || c == '<' || c == '>' || c == '(' || c == ',') {
      return true;
    }
    int end = i + 1;
    while (i >= 0 && Character.isLetter(pattern.charAt(i))) {
      i--;
    }
    String word = pattern.substring(i + 1, end).toUpperCase(Locale.ROOT);
    return (word.equals("LIKE") || word.equals("MATCHES") || word.equals("ISSUBSET")
        || word.equals("ISSUPERSET"));
  }

  /**
   * An infrastructure object's values: its name's key, and the name itself when it is a host, address, network or
   * URL ("evil.example", "203.0.113.0/24"), so that it meets indicators and observables of that value.
   */
  static Set<String> infrastructureValues(JsonNode o) {
    Set<String> values = new LinkedHashSet<>();
    String name = text(o, "name");
    values.add(Names.key(name));
    String v = artifactKey(name);
    if (!Infrastructure.host(v).isEmpty() || Infrastructure.network(v).isPresent()) {
      values.add(v);
    }
    values.remove("");
    return values;
  }

  static Set<String> observableValues(JsonNode o) {
    Set<String> values = new LinkedHashSet<>();
    String v = text(o, "value");
    if (!v.isEmpty()) {
      values.add(artifactKey(v));
    }
    o.path("hashes").forEach(h -> values.add(artifactKey(h.asText())));
    values.remove("");
    return values;
  }

  static String artifactKey(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
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
        .map(this::canonical).distinct().toList();
    return new KnowledgeBase(linked, groups, software, cs, rels, artifacts, artifactTypes, victims, markings,
        new ImportStats(kept, excluded, skipped), replacements(), deprecated, sameAs, revokedExternal);
  }

  /**
   * ATT&CK ids of revoked objects → the STIX id of the kept object that replaced them, following revoked-by
   * (ATT&CK revokes T1073 "DLL Side-Loading" by T1574.002, older reports and MISP events still say T1073).
   */
  private Map<String, String> replacements() {
    Map<String, String> by = new HashMap<>();
    relationships.values().stream().filter(r -> r.type().equals("revoked-by"))
        .forEach(r -> by.put(r.sourceId(), r.targetId()));
    Map<String, String> out = new HashMap<>();
    replacements.forEach((ext, target) -> {
      if (isKept(target)) {
        out.put(ext, target);
      }
    });
    revokedExternal.forEach((id, ext) -> {
      String at = by.get(id);
      for (int i = 0; at != null && !isKept(at) && i < MAX_REVOCATION_CHAIN; i++) {
        at = by.get(at);
      }
      if (at != null && isKept(at)) {
        out.put(ext.toUpperCase(Locale.ROOT), at);
      }
    });
    return out;
  }

  /** The relationship with a shared copy's id at either end read as the entry it is a copy of. */
  private Relationship canonical(Relationship r) {
    String s = sameAs.getOrDefault(r.sourceId(), r.sourceId());
    String t = sameAs.getOrDefault(r.targetId(), r.targetId());
    return s.equals(r.sourceId()) && t.equals(r.targetId()) ? r
        : new Relationship(r.type(), s, t, r.description());
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

  private static String name(JsonNode o, String id) {
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

  private static List<String> aliases(JsonNode o, String... fields) {
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

  private static Set<String> strings(JsonNode o, String field) {
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
