package org.parley.node.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.attribution.Assessment;
import org.parley.attribution.AttributionEngine;
import org.parley.attribution.AttributionException;
import org.parley.attribution.Incidents;
import org.parley.attribution.KnowledgeBase;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoreException;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;

/**
 * Attribution of a shared report or grouping, for one party: the evidence is what the container's
 * {@code object_refs} name and the party may see (its TLP ceiling applies as on every read); the knowledge base is
 * the node's imported ATT&CK ({@link KnowledgeBase#DATA_FILE} in the data dir, what {@code parley kb import --data
 * DATA} writes)
 * extended with the intrusion sets, campaigns, relationships, software, infrastructure and victims the same
 * collection shares and the party may see — not with the evidence itself, except the evidence objects a shared
 * relationship ties to something (the malware a shared intrusion set {@code uses} must be known to be linked).
 */
final class Attributions {
  static final int MAX_REFS = 2_000;
  static final int MAX_INTEL = 20_000;
  static final Set<String> CONTAINERS = Set.of("report", "grouping");
  private static final List<String> INTEL_TYPES = List.of("intrusion-set", "campaign", "relationship", "malware",
      "tool", "infrastructure", "indicator", "identity", "location", "domain-name", "ipv4-addr", "ipv6-addr", "url",
      "email-addr", "file");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path kbFile;
  private KnowledgeBase base;
  private FileTime baseTime;

  Attributions(Path dataDir) {
    this.kbFile = dataDir.resolve(KnowledgeBase.DATA_FILE);
  }

  Path kbFile() {
    return kbFile;
  }

  /** The imported knowledge base, read again when the file changes; empty when none was imported. */
  synchronized Optional<KnowledgeBase> base() throws AttributionException {
    if (!Files.isRegularFile(kbFile)) {
      return Optional.empty();
    }
    FileTime t;
    try {
      t = Files.getLastModifiedTime(kbFile);
    } catch (IOException e) {
      throw new AttributionException("cannot read " + kbFile + ": " + e.getMessage(), e);
    }
    if (base == null || !t.equals(baseTime)) {
      base = KnowledgeBase.load(kbFile);
      baseTime = t;
    }
    return Optional.of(base);
  }

  /** What the page shows: the assessment, and how much of the evidence and intel the party could see. */
  record Outcome(Assessment assessment, int referenced, int visible, int intel) {}

  Outcome attribute(ObjectStore store, String collection, Viewer viewer, StoredVersion container, KnowledgeBase kb)
      throws StoreException, AttributionException {
    JsonNode c = parse(container.json().utf8());
    Set<String> refs = new LinkedHashSet<>();
    for (JsonNode r : c.path("object_refs")) {
      if (r.isTextual() && refs.size() < MAX_REFS) {
        refs.add(r.asText());
      }
    }
    List<String> refList = List.copyOf(refs);
    List<StoredVersion> evidence = new ArrayList<>();
    for (int i = 0; i < refList.size(); i += ObjectQuery.MAX_VALUES) {
      evidence.addAll(CollectionRoutes.all(store, collection, viewer, refList.subList(i, Math.min(refList.size(),
          i + ObjectQuery.MAX_VALUES)), List.of(), VersionFilter.LAST, MAX_REFS));
    }
    List<String> intel = new ArrayList<>();
    Set<String> linked = new java.util.HashSet<>(); // what the shared relationships connect
    for (StoredVersion v : CollectionRoutes.all(store, collection, viewer, List.of(), INTEL_TYPES, VersionFilter.LAST,
        MAX_INTEL)) {
      if (!refs.contains(v.objectId()) && !v.objectId().equals(container.objectId())) {
        intel.add(v.json().utf8());
        if (v.type().equals("relationship")) {
          JsonNode r = parse(v.json().utf8());
          linked.add(r.path("source_ref").asText());
          linked.add(r.path("target_ref").asText());
        }
      }
    }
    for (StoredVersion v : evidence) { // evidence a shared relationship ties to an actor is known to the KB too
      if (linked.contains(v.objectId())) {
        intel.add(v.json().utf8());
      }
    }
    KnowledgeBase extended = intel.isEmpty() ? kb : kb.extendedWith(intel);
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + container.objectId().substring(container.objectId().indexOf("--") + 2));
    ArrayNode objects = bundle.putArray("objects");
    objects.add(c);
    for (StoredVersion v : evidence) {
      objects.add(parse(v.json().utf8()));
    }
    Assessment a = AttributionEngine.create(extended).attribute(Incidents.read(
        new ByteArrayInputStream(bundle.toString().getBytes(StandardCharsets.UTF_8)), extended));
    return new Outcome(a, refs.size(), evidence.size(), intel.size());
  }

  private static JsonNode parse(String json) throws AttributionException {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AttributionException("a stored object is not JSON: " + e.getMessage(), e);
    }
  }
}
