package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shared copies of the groups and software a knowledge base being built holds: which entry a shared intrusion set,
 * malware or tool is a copy of, and relationships read through those copies to the entries.
 */
final class SharedCopies {
  /**
   * STIX ids of shared copies of a group or software the knowledge base already holds → the id of that entry
   * ({@link #sameAs}): OpenCTI and MISP share "PlugX" or "APT28" under ids of their own.
   */
  final Map<String, String> sameAs = new HashMap<>();
  private final Map<String, Group> groups;
  private final Map<String, Software> software;
  /** ATT&CK id and name/alias keys → the groups or software holding them: what a shared copy is matched against. */
  private final Map<String, Set<String>> groupIndex = new HashMap<>();
  private final Map<String, Set<String>> softwareIndex = new HashMap<>();

  /** Shared copies of a builder's groups and software (its own tables, not copies). */
  SharedCopies(Map<String, Group> groups, Map<String, Software> software) {
    this.groups = groups;
    this.software = software;
  }

  /** Records the object as a shared copy if it is one: a compact file says so, or {@link #sameAs} finds its entry. */
  boolean recordCopy(JsonNode o, String id, String type) {
    if (o.hasNonNull("x_parley_same_as") && o.path("x_parley_same_as").isTextual()) { // compact file
      sameAs.put(id, o.path("x_parley_same_as").asText());
      return true;
    }
    Optional<String> same = type.equals("intrusion-set") || type.equals("malware") || type.equals("tool")
        ? sameAs(o, id, type) : Optional.empty();
    if (same.isPresent()) {
      sameAs.put(id, same.get());
      return true;
    }
    return false;
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
    String ext = KbBuilder.externalId(o, id).toUpperCase(Locale.ROOT);
    if (!ext.equals(id.toUpperCase(Locale.ROOT))) {
      return index.getOrDefault("id:" + ext, Set.of()).stream().filter(entries::containsKey).findFirst();
    }
    Set<String> hits = new LinkedHashSet<>();
    List<String> names = new ArrayList<>(KbBuilder.aliases(o, "aliases", "x_mitre_aliases"));
    names.add(KbBuilder.name(o, id));
    for (String n : names) {
      String k = Names.key(n);
      if (!k.isEmpty()) {
        index.getOrDefault("name:" + k, Set.of()).stream().filter(entries::containsKey).forEach(hits::add);
      }
    }
    return hits.size() == 1 ? Optional.of(hits.iterator().next()) : Optional.empty();
  }

  void indexGroup(Group g) {
    index(groupIndex, g.id(), g.externalId(), g.name(), g.aliases());
  }

  void indexSoftware(Software s) {
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

  /** The relationship with a shared copy's id at either end read as the entry it is a copy of. */
  Relationship canonical(Relationship r) {
    String s = sameAs.getOrDefault(r.sourceId(), r.sourceId());
    String t = sameAs.getOrDefault(r.targetId(), r.targetId());
    return s.equals(r.sourceId()) && t.equals(r.targetId()) ? r
        : new Relationship(r.type(), s, t, r.description());
  }
}
