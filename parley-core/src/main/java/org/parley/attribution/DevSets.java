package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.extract.Victimology;

/**
 * Builds the honest development sets from one ATT&CK bundle (protocol in docs/design/attribution.md): every
 * case is one public report (an ATT&CK citation) published after the cutoff of the knowledge base it is tested
 * against, so no label is ever known to the knowledge base. Deterministic: same bundle, same files.
 */
public final class DevSets {
  private static final Pattern CITATION = Relationship.CITATION;
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})[,)]");
  /** ATT&CK v12.1 campaign attributions, as the campaign descriptions state them. */
  static final Map<String, String> CAMPAIGN_LABELS = Map.of(
      "C0011", "G0134", // "conducted by Transparent Tribe"
      "C0012", "G0096|G0044", // "actors affiliated with Winnti Group, APT41"
      "C0013", "G0032"); // "shared many similarities with previous Lazarus Group operations"
  static final int MIN_ITEMS = 3;

  /** One split: the knowledge base holds what was created before {@code cutoff}; cases are reports of years [from, to]. */
  public record Split(String name, String cutoff, int fromYear, int toYear) {}

  public static final List<Split> SPLITS = List.of(
      new Split("tune-2019", "2019-01-01", 2019, 2020),
      new Split("test-2021", "2021-01-01", 2021, 9999));

  /**
   * The mature-knowledge-base splits: reports are cut in two halves by a hash of their name; a half's knowledge
   * base is all of v12.1 without every link citing a report of that half, without the software only that half's
   * reports link to an actor, and without a quarter of the groups reported in that half (with their campaigns and
   * the software only they use), whose cases become UNKNOWN.
   */
  public static final List<String> MATURE = List.of("mature-a", "mature-b");

  private final List<JsonNode> objects = new ArrayList<>();
  private final Map<String, JsonNode> byId = new HashMap<>();
  private final Map<String, Integer> sourceYear = new HashMap<>();
  /** Per case (as {@link #reportCases} keys it), the victims its report states: victimology keys. */
  private final Map<String, Set<String>> caseVictims = new HashMap<>();
  /** Per case, the vulnerabilities (CVE keys) its report says were exploited. */
  private final Map<String, Set<String>> caseVulnerabilities = new HashMap<>();

  private DevSets() {}

  /** A stretch of an ATT&CK description and the sources cited at its end. */
  record Segment(String text, Set<String> cites) {}

  /** Cuts a description at its citations: each stretch of text goes with the citations that follow it. */
  static List<Segment> segments(String description) {
    List<Segment> out = new ArrayList<>();
    Matcher m = CITATION.matcher(description);
    int textStart = 0;
    int last = 0;
    StringBuilder text = new StringBuilder();
    Set<String> cites = new LinkedHashSet<>();
    while (m.find()) {
      String between = description.substring(last, m.start());
      if (!cites.isEmpty() && !between.isBlank()) { // text after a citation group starts a new segment
        out.add(new Segment(text.toString(), cites));
        text = new StringBuilder();
        cites = new LinkedHashSet<>();
      }
      text.append(between);
      cites.add(m.group(1).trim());
      last = m.end();
      textStart = last;
    }
    if (!cites.isEmpty()) {
      out.add(new Segment(text.toString(), cites));
    }
    if (textStart < description.length() && !description.substring(textStart).isBlank()) {
      out.add(new Segment(description.substring(textStart), Set.of()));
    }
    return out;
  }

  /**
   * The victim of one incident the report documents: of the victims the parts of {@code actor}'s description citing
   * {@code cite} (null: all parts) state, one place (a country if any is stated, else a region) and one sector,
   * each picked by a stable hash of {@code seed}. A description lists a group's targeting over many incidents; a
   * real incident has one victim, and a case carrying the whole list would be a copy of what the KB knows.
   */
  private Set<String> victimStated(JsonNode actor, String cite, String seed) {
    Set<String> stated = new LinkedHashSet<>();
    for (Segment seg : segments(KbBuilder.text(actor, "description"))) {
      if (cite == null || seg.cites().contains(cite)) {
        stated.addAll(Victimology.get().targetsIn(seg.text()));
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (String kind : List.of("country:", "sector:")) {
      List<String> of = stated.stream().filter(k -> k.startsWith(kind)).toList();
      if (of.isEmpty() && kind.equals("country:")) {
        of = stated.stream().filter(k -> k.startsWith("region:")).toList();
      }
      if (!of.isEmpty()) {
        long h = UUID.nameUUIDFromBytes((seed + "/" + kind).getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits();
        out.add(of.get((int) Math.floorMod(h, (long) of.size())));
      }
    }
    return out;
  }

  /**
   * The vulnerabilities (CVE keys) the parts of {@code actor}'s description citing {@code cite} say it exploited; the
   * case's procedures citing the report add theirs ({@link #reportCases}). A case carries them as a report would.
   */
  private static Set<String> cvesStated(JsonNode actor, String cite) {
    Set<String> out = new LinkedHashSet<>();
    for (Segment seg : segments(KbBuilder.text(actor, "description"))) {
      if (seg.cites().contains(cite)) {
        out.addAll(Victims.cveKeys(seg.text()));
      }
    }
    return out;
  }

  /** Writes {@code out/<split>/{kb.json.gz, labels.csv, case-*.json}} and {@code out/campaigns/...}. */
  public static Map<String, Integer> generate(Path attackBundle, Path out) throws AttributionException, IOException {
    DevSets d = new DevSets();
    try (var in = Files.newInputStream(attackBundle)) {
      BundleReader.read(in, o -> {
        if (!o.path("revoked").asBoolean(false) && !o.path("x_mitre_deprecated").asBoolean(false)) {
          d.objects.add(o);
          d.byId.put(KbBuilder.text(o, "id"), o);
        }
      });
    }
    d.indexSourceYears();
    Map<String, Integer> counts = new TreeMap<>();
    for (Split s : SPLITS) {
      counts.put(s.name(), d.writeSplit(s, out.resolve(s.name())));
    }
    counts.put("campaigns", d.writeCampaigns(out.resolve("campaigns")));
    for (int half = 0; half < 2; half++) {
      counts.put(MATURE.get(half), d.writeMature(half, out.resolve(MATURE.get(half))));
    }
    return counts;
  }

  private void indexSourceYears() {
    for (JsonNode o : objects) {
      for (JsonNode ref : o.path("external_references")) {
        Matcher m = YEAR.matcher(KbBuilder.text(ref, "description"));
        if (m.find()) { // citations are trimmed, so are names (v12.1 has "Unit 42 IronNetInjector February 2021 ")
          sourceYear.putIfAbsent(KbBuilder.text(ref, "source_name").trim(), Integer.parseInt(m.group(1)));
        }
      }
    }
  }

  private static boolean isUses(JsonNode o) {
    return "relationship".equals(KbBuilder.text(o, "type")) && "uses".equals(KbBuilder.text(o, "relationship_type"));
  }

  private static Set<String> citations(JsonNode rel) {
    return Relationship.citationsIn(KbBuilder.text(rel, "description"));
  }

  private static String created(JsonNode o) {
    return KbBuilder.text(o, "created");
  }

  private int writeSplit(Split s, Path dir) throws IOException {
    Set<String> keptActors = new HashSet<>();
    writeKb(dir, o -> {
      String type = KbBuilder.text(o, "type");
      boolean before = created(o).compareTo(s.cutoff()) < 0;
      return switch (type) {
        case "attack-pattern" -> true; // the technique vocabulary names no actor
        case "intrusion-set", "campaign", "malware", "tool" -> before && keptActors.add(KbBuilder.text(o, "id"));
        case "relationship" -> KbBuilder.text(o, "relationship_type").equals("subtechnique-of")
            || (before && endpointsCreatedBefore(o, s.cutoff()));
        default -> false;
      };
    }, cite -> sourceYear.getOrDefault(cite, 0) >= s.fromYear());
    Map<String, Set<String>> cases = new TreeMap<>();
    Map<String, String> groupOfCase = reportCases(cite -> {
      int y = sourceYear.getOrDefault(cite, 0);
      return y >= s.fromYear() && y <= s.toYear();
    }, cases);
    Map<String, String> labels = new HashMap<>();
    groupOfCase.forEach((key, src) -> labels.put(key, created(byId.get(src)).compareTo(s.cutoff()) < 0
        ? KbBuilder.externalId(byId.get(src), src) : "UNKNOWN"));
    addSoftwareTechniques(cases);
    return writeCases(dir, cases, labels);
  }

  /**
   * Fills {@code cases} with one case per (group, report) whose report {@code counts}: the items the report
   * documents for that group. Returns each case's group (STIX id).
   */
  private Map<String, String> reportCases(Predicate<String> counts, Map<String, Set<String>> cases) {
    Map<String, String> groupOfCase = new HashMap<>();
    for (JsonNode r : objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (!isUses(r) || !src.startsWith("intrusion-set--") || !byId.containsKey(src)) {
        continue;
      }
      for (String cite : citations(r)) {
        if (counts.test(cite)) {
          String key = KbBuilder.externalId(byId.get(src), src) + " / " + cite;
          cases.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(KbBuilder.text(r, "target_ref"));
          groupOfCase.put(key, src);
          caseVictims.computeIfAbsent(key, k -> victimStated(byId.get(src), cite, k));
          Set<String> exploited = caseVulnerabilities.computeIfAbsent(key, k -> cvesStated(byId.get(src), cite));
          for (Segment seg : segments(KbBuilder.text(r, "description"))) {
            if (seg.cites().contains(cite)) {
              exploited.addAll(Victims.cveKeys(seg.text()));
            }
          }
        }
      }
    }
    return groupOfCase;
  }

  /** A report on a group's malware also documents that malware's techniques (cited to the same report). */
  private void addSoftwareTechniques(Map<String, Set<String>> cases) {
    Map<String, List<JsonNode>> softwareUses = new HashMap<>();
    for (JsonNode r : objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (isUses(r) && (src.startsWith("malware--") || src.startsWith("tool--"))) {
        softwareUses.computeIfAbsent(src, k -> new ArrayList<>()).add(r);
      }
    }
    for (var e : cases.entrySet()) {
      String cite = e.getKey().substring(e.getKey().indexOf(" / ") + 3);
      for (String item : List.copyOf(e.getValue())) {
        for (JsonNode r : softwareUses.getOrDefault(item, List.of())) {
          if (citations(r).contains(cite)) {
            e.getValue().add(KbBuilder.text(r, "target_ref"));
          }
        }
      }
    }
  }

  /** Which half a report (citation source name) belongs to: a stable hash, independent of the JVM. */
  static int half(String report) {
    return (int) (UUID.nameUUIDFromBytes(report.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits() & 1);
  }

  /** A quarter of the groups reported in {@code half}, chosen by a stable hash, play the unknown actor. */
  static boolean heldOut(String groupExternalId, int half) {
    long h = UUID.nameUUIDFromBytes((groupExternalId + "/" + half).getBytes(StandardCharsets.UTF_8))
        .getLeastSignificantBits();
    return (h & 3) == 0;
  }

  private int writeMature(int half, Path dir) throws IOException {
    Map<String, Set<String>> cases = new TreeMap<>();
    Map<String, String> groupOfCase = reportCases(cite -> half(cite) == half, cases);
    addSoftwareTechniques(cases);
    Set<String> held = new HashSet<>();
    cases.forEach((key, items) -> {
      String g = groupOfCase.get(key);
      if (items.size() >= MIN_ITEMS && heldOut(KbBuilder.externalId(byId.get(g), g), half)) {
        held.add(g);
      }
    });
    // Campaigns attributed only to held-out groups, and software only held-out actors use, go with them.
    Map<String, Set<String>> attributed = new HashMap<>();
    Map<String, Set<String>> usersOf = new HashMap<>();
    for (JsonNode r : objects) {
      String src = KbBuilder.text(r, "source_ref");
      if ("attributed-to".equals(KbBuilder.text(r, "relationship_type")) && src.startsWith("campaign--")) {
        attributed.computeIfAbsent(src, k -> new HashSet<>()).add(KbBuilder.text(r, "target_ref"));
      }
    }
    Set<String> gone = new HashSet<>(held);
    attributed.forEach((c, gs) -> {
      if (held.containsAll(gs)) {
        gone.add(c);
      }
    });
    for (JsonNode r : objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (isUses(r) && (src.startsWith("intrusion-set--") || src.startsWith("campaign--"))) {
        usersOf.computeIfAbsent(KbBuilder.text(r, "target_ref"), k -> new HashSet<>()).add(src);
      }
    }
    usersOf.forEach((sw, users) -> {
      if ((sw.startsWith("malware--") || sw.startsWith("tool--")) && gone.containsAll(users)) {
        gone.add(sw);
      }
    });
    // Software first documented by a report of this half (every actor link to it cites only this half's
    // reports) is new to this knowledge base too: a new report often brings a new malware family.
    Map<String, Boolean> onlyThisHalf = new HashMap<>();
    for (JsonNode r : objects) {
      String src = KbBuilder.text(r, "source_ref");
      String tgt = KbBuilder.text(r, "target_ref");
      if (isUses(r) && (src.startsWith("intrusion-set--") || src.startsWith("campaign--"))
          && (tgt.startsWith("malware--") || tgt.startsWith("tool--"))) {
        Set<String> cites = citations(r);
        boolean here = !cites.isEmpty() && cites.stream().allMatch(c -> half(c) == half);
        onlyThisHalf.merge(tgt, here, Boolean::logicalAnd);
      }
    }
    onlyThisHalf.forEach((sw, here) -> {
      if (here) {
        gone.add(sw);
      }
    });
    writeKb(dir, o -> {
      if (gone.contains(KbBuilder.text(o, "id"))) {
        return false;
      }
      if (!KbBuilder.text(o, "type").equals("relationship")) {
        return true;
      }
      if (gone.contains(KbBuilder.text(o, "source_ref")) || gone.contains(KbBuilder.text(o, "target_ref"))) {
        return false;
      }
      Set<String> cites = citations(o);
      return cites.isEmpty() || cites.stream().anyMatch(c -> half(c) != half);
    }, c -> half(c) == half);
    Map<String, String> labels = new HashMap<>();
    groupOfCase.forEach((key, g) -> labels.put(key, held.contains(g) ? "UNKNOWN" : KbBuilder.externalId(byId.get(g), g)));
    return writeCases(dir, cases, labels);
  }

  private boolean endpointsCreatedBefore(JsonNode rel, String cutoff) {
    for (String f : List.of("source_ref", "target_ref")) {
      JsonNode end = byId.get(KbBuilder.text(rel, f));
      if (end == null || (!KbBuilder.text(end, "type").equals("attack-pattern")
          && created(end).compareTo(cutoff) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private int writeCampaigns(Path dir) throws IOException {
    Set<String> campaignSources = new HashSet<>();
    Map<String, Set<String>> cases = new TreeMap<>();
    Map<String, String> labels = new HashMap<>();
    for (JsonNode r : objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (isUses(r) && src.startsWith("campaign--") && byId.containsKey(src)) {
        campaignSources.addAll(citations(r));
        String ext = KbBuilder.externalId(byId.get(src), src);
        cases.computeIfAbsent(ext, k -> new LinkedHashSet<>()).add(KbBuilder.text(r, "target_ref"));
        labels.put(ext, CAMPAIGN_LABELS.getOrDefault(ext, "UNKNOWN"));
        caseVictims.computeIfAbsent(ext, k -> victimStated(byId.get(src), null, k));
      }
    }
    for (JsonNode o : objects) {
      if ("campaign".equals(KbBuilder.text(o, "type"))) {
        campaignSources.addAll(Relationship.citationsIn(KbBuilder.text(o, "description")));
      }
    }
    // The campaigns' own links, their attributions, and every link citing a report they cite are left out.
    writeKb(dir, o -> {
      String type = KbBuilder.text(o, "type");
      if (!type.equals("relationship")) {
        return !type.equals("campaign");
      }
      if (KbBuilder.text(o, "source_ref").startsWith("campaign--")) {
        return false;
      }
      return citations(o).stream().noneMatch(campaignSources::contains);
    }, campaignSources::contains);
    return writeCases(dir, cases, labels);
  }

  /**
   * Writes the knowledge base of the kept objects; a kept relationship's description loses its citations of the
   * held-out reports ({@code heldOut}), so that no trace of a case's own report stays in its knowledge base.
   */
  private void writeKb(Path dir, Predicate<JsonNode> keep, Predicate<String> heldOut) throws IOException {
    Files.createDirectories(dir);
    KbBuilder b = new KbBuilder();
    objects.stream().filter(keep).map(o -> scrub(o, heldOut)).forEach(b::accept);
    try (OutputStream o = Files.newOutputStream(dir.resolve("kb.json.gz"))) {
      b.build().writeCompact(o);
    }
  }

  private static JsonNode scrub(JsonNode o, Predicate<String> heldOut) {
    String d = KbBuilder.text(o, "description");
    String type = KbBuilder.text(o, "type");
    if ((type.equals("intrusion-set") || type.equals("campaign")) && !d.isEmpty()) {
      return scrubActor(o, d, heldOut);
    }
    if (!"relationship".equals(type) || d.isEmpty()) {
      return o;
    }
    Matcher m = CITATION.matcher(d);
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    while (m.find()) {
      boolean drop = heldOut.test(m.group(1).trim());
      changed |= drop;
      m.appendReplacement(out, drop ? "" : Matcher.quoteReplacement(m.group()));
    }
    if (!changed) {
      return o;
    }
    m.appendTail(out);
    ObjectNode copy = o.deepCopy();
    copy.put("description", out.toString());
    return copy;
  }

  /**
   * An actor's description without what only held-out reports say: a stretch whose citations are all held out goes
   * (its victimology with it); a stretch also citing a kept report stays, citing only the kept ones.
   */
  private static JsonNode scrubActor(JsonNode o, String description, Predicate<String> heldOut) {
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    for (Segment seg : segments(description)) {
      List<String> kept = seg.cites().stream().filter(c -> !heldOut.test(c)).toList();
      if (!seg.cites().isEmpty() && kept.isEmpty()) {
        changed = true;
        continue;
      }
      changed |= kept.size() != seg.cites().size();
      out.append(seg.text());
      kept.forEach(c -> out.append("(Citation: ").append(c).append(')'));
    }
    if (!changed) {
      return o;
    }
    ObjectNode copy = o.deepCopy();
    copy.put("description", out.toString());
    return copy;
  }

  private int writeCases(Path dir, Map<String, Set<String>> cases, Map<String, String> labels) throws IOException {
    int n = 0;
    try (Writer w = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8)) {
      w.write("case,actor\n");
      for (var e : cases.entrySet()) {
        e.getValue().removeIf(id -> !byId.containsKey(id)); // links to revoked or deprecated objects
        if (e.getValue().size() < MIN_ITEMS) {
          continue;
        }
        String name = String.format("case-%04d", ++n);
        Files.writeString(dir.resolve(name + ".json"),
            bundle(name, e.getKey(), e.getValue(), caseVictims.getOrDefault(e.getKey(), Set.of()),
                caseVulnerabilities.getOrDefault(e.getKey(), Set.of())));
        w.write(name + "," + labels.get(e.getKey()) + "\n");
      }
    }
    return n;
  }

  /** The case as a producer would share it: its own STIX ids, ATT&CK ids in external_references, names. */
  private String bundle(String name, String source, Set<String> items, Set<String> victims,
      Set<String> vulnerabilities) throws IOException {
    ObjectNode b = BundleReader.MAPPER.createObjectNode();
    b.put("type", "bundle");
    b.put("id", "bundle--" + uuid(name));
    ArrayNode objs = b.putArray("objects");
    ObjectNode inc = objs.addObject();
    common(inc, "incident", name + "/incident", name);
    String report = source.substring(source.indexOf(" / ") + 3);
    inc.put("description", "Development case built from the public report \"" + report + "\"");
    for (String item : items) {
      JsonNode o = byId.get(item);
      if (o == null) {
        continue;
      }
      String type = KbBuilder.text(o, "type");
      ObjectNode x = objs.addObject();
      common(x, type, name + "/" + item, KbBuilder.text(o, "name"));
      if (type.equals("attack-pattern")) {
        ObjectNode ref = x.putArray("external_references").addObject();
        ref.put("source_name", "mitre-attack");
        ref.put("external_id", KbBuilder.externalId(o, item));
      } else if (type.equals("malware")) {
        x.put("is_family", true);
      }
    }
    for (String key : victims) { // the victims the report states, as a producer would share them
      String value = key.substring(key.indexOf(':') + 1);
      ObjectNode v = objs.addObject();
      if (key.startsWith("sector:")) {
        common(v, "identity", name + "/" + key, value + " sector");
        v.put("identity_class", "class");
        v.putArray("sectors").add(value);
      } else if (key.startsWith("country:")) {
        common(v, "location", name + "/" + key, new java.util.Locale("", value).getDisplayCountry(java.util.Locale.ENGLISH));
        v.put("country", value.toUpperCase(java.util.Locale.ROOT));
      } else {
        common(v, "location", name + "/" + key, value);
        v.put("region", value);
      }
    }
    for (String key : vulnerabilities) { // what the report says was exploited, as STIX 2.1 §4.18 writes it
      String cve = key.substring(key.indexOf(':') + 1);
      ObjectNode v = objs.addObject();
      common(v, "vulnerability", name + "/" + key, cve);
      ObjectNode ref = v.putArray("external_references").addObject();
      ref.put("source_name", "cve");
      ref.put("external_id", cve);
    }
    return BundleReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(b);
  }

  static void common(ObjectNode o, String type, String seed, String name) {
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", type + "--" + uuid(seed));
    o.put("created", "2023-01-01T00:00:00.000Z");
    o.put("modified", "2023-01-01T00:00:00.000Z");
    o.put("name", name);
  }

  static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
