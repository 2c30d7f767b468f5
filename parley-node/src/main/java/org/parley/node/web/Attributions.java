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
import org.parley.attribution.AttributionSettings;
import org.parley.attribution.AttributionException;
import org.parley.attribution.Incidents;
import org.parley.attribution.KnowledgeBase;
import org.parley.marking.Tlp;
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
  /** Assessments computed at once; more wait for none: the page answers 503 (they take a core each, and seconds). */
  static final int MAX_CONCURRENT = 2;
  /** Assessments kept, keyed by exactly what went in (a repeated view costs the store reads only). */
  static final int CACHE_ENTRIES = 64;
  static final int MAX_REFS = 2_000;
  static final int MAX_INTEL = 20_000;
  static final Set<String> CONTAINERS = Set.of("report", "grouping");
  private static final List<String> INTEL_TYPES = List.of("intrusion-set", "campaign", "relationship", "malware",
      "tool", "infrastructure", "indicator", "identity", "location", "domain-name", "ipv4-addr", "ipv6-addr", "url",
      "email-addr", "file");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path kbFile;
  private final java.util.concurrent.Semaphore running;
  private final java.util.Map<String, Outcome> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, Outcome> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };
  private final java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
  private KnowledgeBase base;
  private FileTime baseTime;
  private final Path settingsFile;
  private volatile AttributionSettings settings = AttributionSettings.DEFAULT;
  private FileTime settingsTime;

  Attributions(Path dataDir) {
    this(dataDir, MAX_CONCURRENT);
  }

  Attributions(Path dataDir, int concurrent) {
    this.kbFile = dataDir.resolve(KnowledgeBase.DATA_FILE);
    this.settingsFile = dataDir.resolve(AttributionSettings.FILE);
    this.running = new java.util.concurrent.Semaphore(concurrent);
  }

  /** Thrown when {@link #MAX_CONCURRENT} assessments are already being computed. */
  static final class Busy extends Exception {
    Busy() {
      super("attributions are being computed for others; retry shortly", null, false, false);
    }
  }

  /** How many assessments were computed (not served from the cache). */
  int computed() {
    return computed.get();
  }

  Path kbFile() {
    return kbFile;
  }

  /**
   * The imported knowledge base, read again when the file changes; empty when none was imported. The data dir's
   * {@link AttributionSettings} (what {@code parley kb settings} writes) are read again when they change too.
   */
  synchronized Optional<KnowledgeBase> base() throws AttributionException {
    if (!Files.isRegularFile(kbFile)) {
      return Optional.empty();
    }
    FileTime s = null;
    try {
      s = Files.isRegularFile(settingsFile) ? Files.getLastModifiedTime(settingsFile) : null;
    } catch (IOException e) {
      throw new AttributionException("cannot read " + settingsFile + ": " + e.getMessage(), e);
    }
    if (!java.util.Objects.equals(s, settingsTime)) {
      settings = AttributionSettings.read(settingsFile.getParent());
      settingsTime = s;
      synchronized (cache) {
        cache.clear();
      }
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
      synchronized (cache) {
        cache.clear();
      }
    }
    return Optional.of(base);
  }

  /** What the page shows: the assessment, and how much of the evidence and intel the party could see. */
  record Outcome(Assessment assessment, int referenced, int visible, int intel) {}

  Outcome attribute(ObjectStore store, String collection, Viewer viewer, StoredVersion container, KnowledgeBase kb,
      Tlp unmarkedAs) throws StoreException, AttributionException, Busy {
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
    List<StoredVersion> intel = new ArrayList<>();
    for (StoredVersion v : CollectionRoutes.all(store, collection, viewer, List.of(), INTEL_TYPES, VersionFilter.LAST,
        MAX_INTEL)) {
      if (!refs.contains(v.objectId()) && !v.objectId().equals(container.objectId())) {
        intel.add(v);
      }
    }
    String key = key(container, evidence, intel) + unmarkedAs; // the collection's setting marks the outcome too
    synchronized (cache) {
      Outcome hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    if (!running.tryAcquire()) {
      throw new Busy();
    }
    try {
      Outcome o = compute(c, container, refs.size(), evidence, intel, kb, unmarkedAs);
      computed.incrementAndGet();
      synchronized (cache) {
        cache.put(key, o);
      }
      return o;
    } finally {
      running.release();
    }
  }

  /** The assessment itself, only on a cache miss: the store reads that decide the key are all that a hit costs. */
  private Outcome compute(JsonNode c, StoredVersion container, int referenced, List<StoredVersion> evidence,
      List<StoredVersion> intelVersions, KnowledgeBase kb, Tlp unmarkedAs) throws AttributionException {
    List<String> intel = new ArrayList<>();
    Set<String> linked = new java.util.HashSet<>(); // what the shared relationships connect
    for (StoredVersion v : intelVersions) {
      intel.add(v.json().utf8());
      if (v.type().equals("relationship")) {
        JsonNode r = parse(v.json().utf8());
        linked.add(r.path("source_ref").asText());
        linked.add(r.path("target_ref").asText());
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
    Assessment a = settings.engine(extended).attribute(Incidents.read(
        new ByteArrayInputStream(bundle.toString().getBytes(StandardCharsets.UTF_8)), extended));
    // the levels the collection handles these versions at — an unmarked one at its `unmarked` level, which the
    // objects themselves do not say — bound what the assessment drawn from them may be shared as
    Tlp handled = container.level().orElse(unmarkedAs);
    for (List<StoredVersion> part : List.of(evidence, intelVersions)) {
      for (StoredVersion v : part) {
        Tlp l = v.level().orElse(unmarkedAs);
        handled = l.compareTo(handled) > 0 ? l : handled;
      }
    }
    return new Outcome(a.withMarkingAtLeast(handled), referenced, evidence.size(), intel.size());
  }

  /**
   * What an assessment depends on besides the imported knowledge base (a new import empties the cache): the
   * container's version and every evidence and intel version the party could see. Two parties who see the same
   * versions share the entry; one who sees a version more does not.
   */
  private static String key(StoredVersion container, List<StoredVersion> evidence,
      List<StoredVersion> intel) {
    java.security.MessageDigest d;
    try {
      d = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
    StringBuilder b = new StringBuilder().append(container.collectionId()).append('|');
    for (List<StoredVersion> part : List.of(List.of(container), evidence, intel)) {
      for (StoredVersion v : part) {
        b.append(v.objectId()).append('@').append(v.versionMicros()).append(',');
      }
      b.append('|');
      d.update(b.toString().getBytes(StandardCharsets.UTF_8));
      b.setLength(0);
    }
    return java.util.HexFormat.of().formatHex(d.digest());
  }

  private static JsonNode parse(String json) throws AttributionException {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AttributionException("a stored object is not JSON: " + e.getMessage(), e);
    }
  }
}
