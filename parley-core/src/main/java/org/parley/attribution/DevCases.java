package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.parley.extract.Victimology;

/**
 * The cases of the development sets: which items, victims and vulnerabilities each public report documents for a
 * group or campaign, and the writing of a set's {@code labels.csv} and {@code case-*.json}.
 */
final class DevCases {
  private final AttackObjects attack;
  /** Per case (as {@link #reportCases} keys it), the victims its report states: victimology keys. */
  private final Map<String, Set<String>> caseVictims = new HashMap<>();
  /** Per case, the vulnerabilities (CVE keys) its report says were exploited. */
  private final Map<String, Set<String>> caseVulnerabilities = new HashMap<>();

  DevCases(AttackObjects attack) {
    this.attack = attack;
  }

  /**
   * The victim of one incident the report documents: of the victims the parts of {@code actor}'s description citing
   * {@code cite} (null: all parts) state, one place (a country if any is stated, else a region) and one sector,
   * each picked by a stable hash of {@code seed}. A description lists a group's targeting over many incidents; a
   * real incident has one victim, and a case carrying the whole list would be a copy of what the KB knows.
   */
  private Set<String> victimStated(JsonNode actor, String cite, String seed) {
    return victimStated(KbBuilder.text(actor, "description"), cite, seed);
  }

  /** As {@link #victimStated(JsonNode, String, String)}, from the description's text. */
  static Set<String> victimStated(String description, String cite, String seed) {
    Set<String> stated = new LinkedHashSet<>();
    for (DevSets.Segment seg : DevSets.segments(description)) {
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
    return cvesStated(KbBuilder.text(actor, "description"), cite);
  }

  /** As {@link #cvesStated(JsonNode, String)}, from the description's text. */
  static Set<String> cvesStated(String description, String cite) {
    Set<String> out = new LinkedHashSet<>();
    for (DevSets.Segment seg : DevSets.segments(description)) {
      if (seg.cites().contains(cite)) {
        out.addAll(Victims.cveKeys(seg.text()));
      }
    }
    return out;
  }

  /**
   * Fills {@code cases} with one case per (group, report) whose report {@code counts}: the items the report
   * documents for that group. Returns each case's group (STIX id).
   */
  Map<String, String> reportCases(Predicate<String> counts, Map<String, Set<String>> cases) {
    Map<String, String> groupOfCase = new HashMap<>();
    for (JsonNode r : attack.objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (!AttackObjects.isUses(r) || !src.startsWith("intrusion-set--") || !attack.byId.containsKey(src)) {
        continue;
      }
      for (String cite : AttackObjects.citations(r)) {
        if (counts.test(cite)) {
          String key = attack.externalId(src) + " / " + cite;
          cases.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(KbBuilder.text(r, "target_ref"));
          groupOfCase.put(key, src);
          caseVictims.computeIfAbsent(key, k -> victimStated(attack.byId.get(src), cite, k));
          Set<String> exploited = caseVulnerabilities.computeIfAbsent(key,
              k -> cvesStated(attack.byId.get(src), cite));
          for (DevSets.Segment seg : DevSets.segments(KbBuilder.text(r, "description"))) {
            if (seg.cites().contains(cite)) {
              exploited.addAll(Victims.cveKeys(seg.text()));
            }
          }
        }
      }
    }
    return groupOfCase;
  }

  /** Records the victims the description of {@code campaign} (STIX id) states, for the campaign case {@code key}. */
  void campaignVictims(String key, String campaign) {
    caseVictims.computeIfAbsent(key, k -> victimStated(attack.byId.get(campaign), null, k));
  }

  /** A report on a group's malware also documents that malware's techniques (cited to the same report). */
  void addSoftwareTechniques(Map<String, Set<String>> cases) {
    Map<String, List<JsonNode>> softwareUses = new HashMap<>();
    for (JsonNode r : attack.objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (AttackObjects.isUses(r) && (src.startsWith("malware--") || src.startsWith("tool--"))) {
        softwareUses.computeIfAbsent(src, k -> new ArrayList<>()).add(r);
      }
    }
    for (var e : cases.entrySet()) {
      String cite = e.getKey().substring(e.getKey().indexOf(" / ") + 3);
      for (String item : List.copyOf(e.getValue())) {
        for (JsonNode r : softwareUses.getOrDefault(item, List.of())) {
          if (AttackObjects.citations(r).contains(cite)) {
            e.getValue().add(KbBuilder.text(r, "target_ref"));
          }
        }
      }
    }
  }

  int writeCases(Path dir, Map<String, Set<String>> cases, Map<String, String> labels) throws IOException {
    int n = 0;
    try (Writer w = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8)) {
      w.write("case,actor\n");
      for (var e : cases.entrySet()) {
        e.getValue().removeIf(id -> !attack.byId.containsKey(id)); // links to revoked or deprecated objects
        if (e.getValue().size() < DevSets.MIN_ITEMS) {
          continue;
        }
        String name = String.format("case-%04d", ++n);
        Files.writeString(dir.resolve(name + ".json"),
            CaseBundle.json(attack.byId, name, e.getKey(), e.getValue(),
                caseVictims.getOrDefault(e.getKey(), Set.of()),
                caseVulnerabilities.getOrDefault(e.getKey(), Set.of())));
        w.write(name + "," + labels.get(e.getKey()) + "\n");
      }
    }
    return n;
  }
}
