package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the honest development sets from one ATT&CK bundle (protocol in docs/design/attribution.md): every
 * case is one public report (an ATT&CK citation) published after the cutoff of the knowledge base it is tested
 * against, so no label is ever known to the knowledge base. Deterministic: same bundle, same files.
 */
public final class DevSets {
  private static final Pattern CITATION = Relationship.CITATION;
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

  private final AttackObjects attack;
  private final DevCases devCases;

  private DevSets(AttackObjects attack) {
    this.attack = attack;
    this.devCases = new DevCases(attack);
  }

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

  /** Writes {@code out/<split>/{kb.json.gz, labels.csv, case-*.json}} and {@code out/campaigns/...}. */
  public static Map<String, Integer> generate(Path attackBundle, Path out) throws AttributionException, IOException {
    DevSets d = new DevSets(AttackObjects.read(attackBundle));
    Map<String, Integer> counts = new TreeMap<>();
    for (Split s : SPLITS) {
      counts.put(s.name(), d.writeSplit(s, out.resolve(s.name())));
    }
    counts.put("campaigns", d.writeCampaigns(out.resolve("campaigns")));
    for (int half = 0; half < 2; half++) {
      MatureSplit mature = new MatureSplit(d.attack, d.devCases, half);
      counts.put(MATURE.get(half), mature.write(out.resolve(MATURE.get(half))));
    }
    return counts;
  }

  private int writeSplit(Split s, Path dir) throws IOException {
    Set<String> keptActors = new HashSet<>();
    DevKb.write(attack.objects, dir, o -> {
      String type = KbBuilder.text(o, "type");
      boolean before = AttackObjects.created(o).compareTo(s.cutoff()) < 0;
      return switch (type) {
        case "attack-pattern" -> true; // the technique vocabulary names no actor
        case "intrusion-set", "campaign", "malware", "tool" -> before && keptActors.add(KbBuilder.text(o, "id"));
        case "relationship" -> KbBuilder.text(o, "relationship_type").equals("subtechnique-of")
            || (before && attack.endpointsCreatedBefore(o, s.cutoff()));
        default -> false;
      };
    }, cite -> attack.sourceYear.getOrDefault(cite, 0) >= s.fromYear());
    Map<String, Set<String>> cases = new TreeMap<>();
    Map<String, String> groupOfCase = devCases.reportCases(cite -> {
      int y = attack.sourceYear.getOrDefault(cite, 0);
      return y >= s.fromYear() && y <= s.toYear();
    }, cases);
    Map<String, String> labels = new HashMap<>();
    groupOfCase.forEach((key, src) -> labels.put(key,
        AttackObjects.created(attack.byId.get(src)).compareTo(s.cutoff()) < 0 ? attack.externalId(src) : "UNKNOWN"));
    devCases.addSoftwareTechniques(cases);
    return devCases.writeCases(dir, cases, labels);
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

  private int writeCampaigns(Path dir) throws IOException {
    Set<String> campaignSources = new HashSet<>();
    Map<String, Set<String>> cases = new TreeMap<>();
    Map<String, String> labels = new HashMap<>();
    for (JsonNode r : attack.objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (AttackObjects.isUses(r) && src.startsWith("campaign--") && attack.byId.containsKey(src)) {
        campaignSources.addAll(AttackObjects.citations(r));
        String ext = attack.externalId(src);
        cases.computeIfAbsent(ext, k -> new LinkedHashSet<>()).add(KbBuilder.text(r, "target_ref"));
        labels.put(ext, CAMPAIGN_LABELS.getOrDefault(ext, "UNKNOWN"));
        devCases.campaignVictims(ext, src);
      }
    }
    for (JsonNode o : attack.objects) {
      if ("campaign".equals(KbBuilder.text(o, "type"))) {
        campaignSources.addAll(Relationship.citationsIn(KbBuilder.text(o, "description")));
      }
    }
    // The campaigns' own links, their attributions, and every link citing a report they cite are left out.
    DevKb.write(attack.objects, dir, o -> {
      String type = KbBuilder.text(o, "type");
      if (!type.equals("relationship")) {
        return !type.equals("campaign");
      }
      if (KbBuilder.text(o, "source_ref").startsWith("campaign--")) {
        return false;
      }
      return AttackObjects.citations(o).stream().noneMatch(campaignSources::contains);
    }, campaignSources::contains);
    return devCases.writeCases(dir, cases, labels);
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
