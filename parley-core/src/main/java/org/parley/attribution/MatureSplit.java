package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One half of the mature-knowledge-base splits ({@link DevSets#MATURE}): its cases are the reports of that half,
 * its knowledge base all of the bundle but what those reports and the held-out groups bring.
 */
final class MatureSplit {
  private final AttackObjects attack;
  private final DevCases devCases;
  private final int half;

  MatureSplit(AttackObjects attack, DevCases devCases, int half) {
    this.attack = attack;
    this.devCases = devCases;
    this.half = half;
  }

  int write(Path dir) throws IOException {
    Map<String, Set<String>> cases = new TreeMap<>();
    Map<String, String> groupOfCase = devCases.reportCases(cite -> DevSets.half(cite) == half, cases);
    devCases.addSoftwareTechniques(cases);
    Set<String> held = new HashSet<>();
    cases.forEach((key, items) -> {
      String g = groupOfCase.get(key);
      if (items.size() >= DevSets.MIN_ITEMS && DevSets.heldOut(attack.externalId(g), half)) {
        held.add(g);
      }
    });
    Set<String> gone = goneWith(held);
    addNewSoftware(gone);
    DevKb.write(attack.objects, dir, o -> keep(o, gone), c -> DevSets.half(c) == half);
    Map<String, String> labels = new HashMap<>();
    groupOfCase.forEach((key, g) -> labels.put(key, held.contains(g) ? "UNKNOWN" : attack.externalId(g)));
    return devCases.writeCases(dir, cases, labels);
  }

  /**
   * The held-out groups and what goes with them: campaigns attributed only to held-out groups, and software only
   * held-out actors use.
   */
  private Set<String> goneWith(Set<String> held) {
    Map<String, Set<String>> attributed = new HashMap<>();
    Map<String, Set<String>> usersOf = new HashMap<>();
    for (JsonNode r : attack.objects) {
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
    for (JsonNode r : attack.objects) {
      String src = KbBuilder.text(r, "source_ref");
      if (AttackObjects.isUses(r) && (src.startsWith("intrusion-set--") || src.startsWith("campaign--"))) {
        usersOf.computeIfAbsent(KbBuilder.text(r, "target_ref"), k -> new HashSet<>()).add(src);
      }
    }
    usersOf.forEach((sw, users) -> {
      if ((sw.startsWith("malware--") || sw.startsWith("tool--")) && gone.containsAll(users)) {
        gone.add(sw);
      }
    });
    return gone;
  }

  /**
   * Adds to {@code gone} the software first documented by a report of this half (every actor link to it cites only
   * this half's reports): it is new to this knowledge base too, as a new report often brings a new malware family.
   */
  private void addNewSoftware(Set<String> gone) {
    Map<String, Boolean> onlyThisHalf = new HashMap<>();
    for (JsonNode r : attack.objects) {
      String src = KbBuilder.text(r, "source_ref");
      String tgt = KbBuilder.text(r, "target_ref");
      if (AttackObjects.isUses(r) && (src.startsWith("intrusion-set--") || src.startsWith("campaign--"))
          && (tgt.startsWith("malware--") || tgt.startsWith("tool--"))) {
        Set<String> cites = AttackObjects.citations(r);
        boolean here = !cites.isEmpty() && cites.stream().allMatch(c -> DevSets.half(c) == half);
        onlyThisHalf.merge(tgt, here, Boolean::logicalAnd);
      }
    }
    onlyThisHalf.forEach((sw, here) -> {
      if (here) {
        gone.add(sw);
      }
    });
  }

  /** Whether {@code o} stays in this half's knowledge base: not gone, and no link only this half's reports cite. */
  private boolean keep(JsonNode o, Set<String> gone) {
    if (gone.contains(KbBuilder.text(o, "id"))) {
      return false;
    }
    if (!KbBuilder.text(o, "type").equals("relationship")) {
      return true;
    }
    if (gone.contains(KbBuilder.text(o, "source_ref")) || gone.contains(KbBuilder.text(o, "target_ref"))) {
      return false;
    }
    Set<String> cites = AttackObjects.citations(o);
    return cites.isEmpty() || cites.stream().anyMatch(c -> DevSets.half(c) != half);
  }
}
