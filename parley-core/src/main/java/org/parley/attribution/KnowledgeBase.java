package org.parley.attribution;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * What is known about actors: ATT&CK intrusion sets, campaigns, software, techniques and {@code uses}
 * relationships, extended with the intrusion sets, campaigns, relationships and infrastructure a group shares.
 * Immutable; {@link #extendedWith} returns a new knowledge base.
 */
public final class KnowledgeBase {
  static final String COMPACT_FORMAT = "parley-kb/1";
  /** The file a data directory keeps its imported knowledge base in (`parley kb import`; a node's console reads it). */
  public static final String DATA_FILE = "attack-kb.json.gz";

  private final Map<String, Technique> techniques;
  private final Map<String, Group> groups;
  private final Map<String, Software> software;
  private final Map<String, Campaign> campaigns;
  private final List<Relationship> relationships;
  private final Map<String, Set<String>> artifacts;
  private final Map<String, String> artifactTypes;
  private final Map<String, Set<String>> victims;
  private final Map<String, String> markings;
  private final ImportStats stats;
  private final Map<String, String> replacements;
  private final Set<String> deprecated;
  private final Map<String, String> sameAs;
  /** STIX ids of revoked ATT&CK objects → their ATT&CK ids, so a reference by the old STIX id finds the replacement. */
  private final Map<String, String> revokedIds;
  private final Map<String, String> techniqueByExternal = new HashMap<>();
  private final Map<String, String> groupByExternal = new HashMap<>();
  private final Map<String, List<Software>> softwareByName = new HashMap<>();
  private final Map<String, List<Software>> softwareByCore = new HashMap<>();
  private final Map<String, List<String>> artifactsByHost = new HashMap<>();
  private final List<Map.Entry<Infrastructure.Network, String>> networks = new ArrayList<>();
  private final Map<String, String> softwareByExternal = new HashMap<>();
  private final Map<String, List<String>> techniqueByName = new HashMap<>();
  private final Map<String, List<String>> artifactsByValue = new HashMap<>();
  private volatile Map<String, Integer> techniqueUsers;

  KnowledgeBase(Map<String, Technique> techniques, Map<String, Group> groups, Map<String, Software> software,
      Map<String, Campaign> campaigns, List<Relationship> relationships, Map<String, Set<String>> artifacts,
      Map<String, String> artifactTypes, Map<String, Set<String>> victims, Map<String, String> markings,
      ImportStats stats, Map<String, String> replacements, Set<String> deprecated, Map<String, String> sameAs,
      Map<String, String> revokedIds) {
    this.replacements = Map.copyOf(replacements);
    this.sameAs = Map.copyOf(sameAs);
    this.revokedIds = Map.copyOf(revokedIds);
    this.deprecated = Set.copyOf(deprecated);
    this.techniques = Collections.unmodifiableMap(new LinkedHashMap<>(techniques));
    this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    this.software = Collections.unmodifiableMap(new LinkedHashMap<>(software));
    this.campaigns = Collections.unmodifiableMap(new LinkedHashMap<>(campaigns));
    this.relationships = List.copyOf(relationships);
    this.artifacts = Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
    this.artifactTypes = Map.copyOf(artifactTypes);
    this.victims = Collections.unmodifiableMap(new LinkedHashMap<>(victims));
    this.markings = Map.copyOf(markings);
    this.stats = stats;
    techniques.values().forEach(t -> techniqueByExternal.put(t.externalId().toUpperCase(Locale.ROOT), t.id()));
    techniques.values().forEach(t -> techniqueByName.computeIfAbsent(Names.key(t.name()), k -> new ArrayList<>())
        .add(t.id()));
    groups.values().forEach(g -> groupByExternal.put(g.externalId().toUpperCase(Locale.ROOT), g.id()));
    for (Software s : software.values()) {
      if (!s.externalId().isEmpty()) {
        softwareByExternal.put(s.externalId().toUpperCase(Locale.ROOT), s.id());
      }
      List<String> names = new ArrayList<>(s.aliases());
      names.add(s.name());
      names.stream().map(Names::key).filter(k -> !k.isEmpty()).distinct()
          .forEach(k -> softwareByName.computeIfAbsent(k, x -> new ArrayList<>()).add(s));
      names.stream().filter(n -> !Names.key(n).equals(Names.key(Names.withoutQualifiers(n))))
          .map(n -> Names.key(Names.withoutQualifiers(n))).filter(k -> !k.isEmpty()).distinct()
          .forEach(k -> softwareByCore.computeIfAbsent(k, x -> new ArrayList<>()).add(s));
    }
    artifacts.forEach((id, values) -> values.forEach(v -> {
      artifactsByValue.computeIfAbsent(v, x -> new ArrayList<>()).add(id);
      String host = Infrastructure.host(v);
      if (!host.isEmpty()) {
        artifactsByHost.computeIfAbsent(host, x -> new ArrayList<>()).add(id);
      }
      Infrastructure.network(v).ifPresent(n -> networks.add(Map.entry(n, id)));
    }));
  }

  /** Loads an ATT&CK bundle ({@code .json} or {@code .json.gz}) or a compact file written by {@link #writeCompact}. */
  public static KnowledgeBase load(Path file) throws AttributionException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new AttributionException("cannot read knowledge base " + file + ": " + AttributionException.reason(e), e);
    }
  }

  /** Reads a STIX 2.1 bundle (plain or gzip; the compact format is such a bundle). */
  public static KnowledgeBase read(InputStream in) throws AttributionException {
    KbBuilder b = new KbBuilder();
    BundleReader.read(in, b::accept);
    return b.build();
  }

  /** An empty knowledge base (to be extended with shared intel). */
  public static KnowledgeBase empty() {
    return new KbBuilder().build();
  }

  /**
   * A new knowledge base with these STIX objects (JSON texts: intrusion sets, campaigns, relationships,
   * software, infrastructure, indicators, observables, identities, locations) added; an object with an id
   * already known replaces it, a revoked or deprecated one removes it, anything else is counted and skipped.
   *
   * @throws AttributionException if one text is not a JSON object
   */
  public KnowledgeBase extendedWith(Iterable<String> stixObjectJson) throws AttributionException {
    KbBuilder b = KbBuilder.from(this);
    for (String json : stixObjectJson) {
      JsonNode node;
      try {
        node = BundleReader.MAPPER.readTree(json);
      } catch (IOException e) {
        throw new AttributionException("shared object is not JSON: " + e.getMessage(), e);
      }
      if (node == null || !node.isObject()) {
        throw new AttributionException("shared object must be a JSON object");
      }
      b.accept(node);
    }
    return b.build();
  }

  /**
   * A new knowledge base with the objects of a STIX bundle or TAXII envelope file (plain or gzip; what {@code parley
   * pull} writes from a node's collection) added, as {@link #extendedWith(Iterable)} adds them. Streamed.
   */
  public KnowledgeBase extendedWith(Path bundleOrEnvelope) throws AttributionException {
    KbBuilder b = KbBuilder.from(this);
    try (InputStream in = Files.newInputStream(bundleOrEnvelope)) {
      BundleReader.read(in, b::accept);
    } catch (IOException e) {
      throw new AttributionException("cannot read shared intel " + bundleOrEnvelope + ": "
          + AttributionException.reason(e), e);
    }
    return b.build();
  }

  /** Writes the knowledge base as a small gzip STIX bundle that {@link #load} reads back to an equal one. */
  public void writeCompact(OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
    try (JsonGenerator g = BundleReader.MAPPER.getFactory().createGenerator(gz)) {
      CompactWriter.write(this, g);
    }
  }

  public Collection<Technique> techniques() {
    return techniques.values();
  }

  public Collection<Group> groups() {
    return groups.values();
  }

  public Collection<Software> software() {
    return software.values();
  }

  public Collection<Campaign> campaigns() {
    return campaigns.values();
  }

  public List<Relationship> relationships() {
    return relationships;
  }

  public ImportStats stats() {
    return stats;
  }

  public Optional<Technique> technique(String stixId) {
    return Optional.ofNullable(techniques.get(stixId));
  }

  /** By ATT&CK id ({@code T1059.001}), case-insensitive. */
  public Optional<Technique> techniqueByExternalId(String externalId) {
    return Optional.ofNullable(techniqueByExternal.get(externalId.trim().toUpperCase(Locale.ROOT)))
        .map(techniques::get);
  }

  /**
   * By name, case- and punctuation-insensitive, only when exactly one technique has that name; a sub-technique also
   * by ATT&CK's "Parent: Sub-technique" form.
   */
  public Optional<Technique> techniqueByName(String name) {
    List<String> ids = techniqueByName.getOrDefault(Names.key(name), List.of());
    if (ids.size() == 1) {
      return Optional.of(techniques.get(ids.get(0)));
    }
    int colon = name.indexOf(':'); // ATT&CK's own display form of a sub-technique: "Phishing: Spearphishing Attachment"
    if (colon > 0) {
      String parent = Names.key(name.substring(0, colon));
      List<Technique> subs = techniqueByName.getOrDefault(Names.key(name.substring(colon + 1)), List.of()).stream()
          .map(techniques::get).filter(t -> t.parentId().map(techniques::get)
              .filter(p -> Names.key(p.name()).equals(parent)).isPresent()).toList();
      return subs.size() == 1 ? Optional.of(subs.get(0)) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Every technique with this name, case- and punctuation-insensitive (ATT&CK reuses 22 names: "Domains"...). */
  public List<Technique> techniquesNamed(String name) {
    return techniqueByName.getOrDefault(Names.key(name), List.of()).stream().map(techniques::get).toList();
  }

  /** How many intrusion sets and campaigns the knowledge base links to this technique directly. */
  public int techniqueUsers(String stixId) {
    Map<String, Integer> u = techniqueUsers;
    if (u == null) {
      Map<String, Integer> count = new HashMap<>();
      for (Relationship r : relationships) {
        if (r.type().equals("uses") && (groups.containsKey(r.sourceId()) || campaigns.containsKey(r.sourceId()))) {
          count.merge(r.targetId(), 1, Integer::sum);
        }
      }
      techniqueUsers = u = Map.copyOf(count);
    }
    return u.getOrDefault(stixId, 0);
  }

  /** By ATT&CK id ({@code S0154}), case-insensitive. */
  /**
   * The object ATT&CK replaced a revoked one with, by the revoked one's ATT&CK id ("T1073" → T1574.002's STIX id),
   * following revoked-by; empty if the id was never revoked (or its replacement is not here).
   */
  Optional<String> replacement(String externalId) {
    return Optional.ofNullable(replacements.get(externalId.toUpperCase(Locale.ROOT)));
  }

  Map<String, String> replacementMap() {
    return replacements;
  }

  /** Whether ATT&CK deprecated the object with this ATT&CK id (retired, no replacement). */
  boolean isDeprecated(String externalId) {
    return deprecated.contains(externalId.toUpperCase(Locale.ROOT));
  }

  Set<String> deprecatedIds() {
    return deprecated;
  }

  Map<String, String> revokedIdMap() {
    return revokedIds;
  }

  /**
   * The object that replaced a revoked ATT&CK object, by the revoked object's STIX id (a report written before the
   * revocation refers to T1086 "PowerShell" by its STIX id): its ATT&CK id and the replacement's STIX id.
   */
  Optional<Map.Entry<String, String>> replacementOfStixId(String stixId) {
    String ext = revokedIds.get(stixId);
    return ext == null ? Optional.empty() : replacement(ext).map(r -> Map.entry(ext, r));
  }

  /** STIX ids of shared copies of a group or software → the entry's id (see {@code SharedCopies#sameAs}). */
  Map<String, String> sameAsMap() {
    return sameAs;
  }

  public Optional<Software> softwareByExternalId(String externalId) {
    return Optional.ofNullable(softwareByExternal.get(externalId.trim().toUpperCase(Locale.ROOT)))
        .map(software::get);
  }

  /** By STIX id: the group's own, or that of a shared copy of it. */
  public Optional<Group> group(String stixId) {
    return Optional.ofNullable(groups.get(sameAs.getOrDefault(stixId, stixId)));
  }

  /** By ATT&CK id ({@code G0016}) or, for shared intrusion sets without one, STIX id. */
  public Optional<Group> groupByExternalId(String externalId) {
    return Optional.ofNullable(groupByExternal.get(externalId.trim().toUpperCase(Locale.ROOT))).map(groups::get);
  }

  /** By STIX id: the software's own, or that of a shared copy of it (an OpenCTI "PlugX" is ATT&CK's S0013). */
  public Optional<Software> softwareById(String stixId) {
    return Optional.ofNullable(software.get(sameAs.getOrDefault(stixId, stixId)));
  }

  /** Software whose name or alias matches, case- and punctuation-insensitive. */
  public List<Software> softwareByName(String name) {
    return softwareByName.getOrDefault(Names.key(name), List.of());
  }

  /**
   * Software whose name or alias, without the words that say what kind of thing it is ({@link Names#withoutQualifiers}),
   * is {@code name}: "gh0st" finds "gh0st RAT". Empty when no name has such words.
   */
  List<Software> softwareByCoreName(String name) {
    return softwareByCore.getOrDefault(Names.key(name), List.of());
  }

  public Optional<Campaign> campaign(String stixId) {
    return Optional.ofNullable(campaigns.get(stixId));
  }

  /** Ids of infrastructure, indicators and observables known to carry this value (domain, IP, hash...). */
  List<String> artifactsWithValue(String value) {
    return artifactsByValue.getOrDefault(ArtifactValues.artifactKey(value), List.of());
  }

  /** Known infrastructure a value is related to without being it, and through what ({@code via}). */
  record Related(String via, List<String> ids) {}

  /**
   * What shared intel knows that {@code value} lies on or in ({@link Infrastructure}): a URL's host, and a host's
   * registrable parent domains, as known domains, addresses or hosts of known URLs; an address's known networks.
   * A value related to nothing gives an empty list.
   */
  List<Related> relatedArtifacts(String value) {
    String v = ArtifactValues.artifactKey(value);
    List<Related> out = new ArrayList<>();
    String host = Infrastructure.host(v);
    if (!host.isEmpty()) {
      List<String> hosts = new ArrayList<>();
      if (!host.equals(v)) {
        hosts.add(host); // a URL: its host
      } else if (!artifactsByHost.getOrDefault(v, List.of()).isEmpty()) {
        hosts.add(v); // a host: the URLs shared intel knows on it
      }
      hosts.addAll(Infrastructure.parents(host));
      for (String h : hosts) {
        List<String> ids = new ArrayList<>(artifactsByHost.getOrDefault(h, List.of()));
        ids.removeAll(artifactsByValue.getOrDefault(v, List.of()));
        if (!ids.isEmpty()) {
          out.add(new Related(h, ids));
        }
      }
    }
    if (!networks.isEmpty()) {
      Infrastructure.ip(host.isEmpty() ? v : host).ifPresent(ip -> networks.stream()
          .filter(n -> n.getKey().contains(ip)).forEach(n -> out.add(new Related(n.getKey().text(),
              List.of(n.getValue())))));
    }
    return out;
  }

  Map<String, Set<String>> artifactMap() {
    return artifacts;
  }

  Map<String, String> artifactTypeMap() {
    return artifactTypes;
  }

  Map<String, Set<String>> victimMap() {
    return victims;
  }

  /** TLP marking ref per object that carried one (relationships keyed {@code type|source|target}). */
  Map<String, String> markingMap() {
    return markings;
  }

  /**
   * The strictest TLP marking among the objects this knowledge base holds (shared intel is often marked; ATT&CK is
   * not): what is concluded with its help is passed on at most under that marking (TLP 2.0). Empty when none is marked.
   */
  public Optional<org.parley.marking.Tlp> marking() {
    return org.parley.marking.Tlp.strictestOf(markings.values());
  }

  @Override
  public String toString() {
    return "KnowledgeBase[" + groups.size() + " groups, " + campaigns.size() + " campaigns, " + software.size()
        + " software, " + techniques.size() + " techniques, " + relationships.size() + " relationships]";
  }
}
