package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.extract.Victimology;

/** The development sets are deterministic and no label leaks into the knowledge base it is tested against. */
class DevSetsTest {
  @TempDir static Path out;
  private static final Map<String, String> created = new HashMap<>();
  private static final Map<String, Integer> year = new HashMap<>();
  private static final Map<String, String> description = new HashMap<>();
  private static final Map<String, String> groupId = new HashMap<>(); // ATT&CK id → STIX id

  @BeforeAll
  static void generate() throws Exception {
    DevSets.generate(Fixtures.attackBundle(), out.resolve("a"));
    try (InputStream in = Files.newInputStream(Fixtures.attackBundle())) {
      BundleReader.read(in, o -> {
        String t = KbBuilder.text(o, "type");
        String key = t.equals("relationship") ? KbBuilder.text(o, "relationship_type") + "|"
            + KbBuilder.text(o, "source_ref") + "|" + KbBuilder.text(o, "target_ref") : KbBuilder.text(o, "id");
        created.put(key, KbBuilder.text(o, "created"));
        description.put(KbBuilder.text(o, "id"), KbBuilder.text(o, "description"));
        if (t.equals("intrusion-set")) {
          groupId.put(KbBuilder.externalId(o, KbBuilder.text(o, "id")), KbBuilder.text(o, "id"));
        }
        for (com.fasterxml.jackson.databind.JsonNode ref : o.path("external_references")) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{4})[,)]")
              .matcher(KbBuilder.text(ref, "description"));
          if (m.find()) {
            year.putIfAbsent(KbBuilder.text(ref, "source_name").trim(), Integer.parseInt(m.group(1)));
          }
        }
      });
    }
  }

  @Test
  void generate_twice_writesIdenticalFiles() throws Exception {
    DevSets.generate(Fixtures.attackBundle(), out.resolve("b"));

    List<Path> files;
    try (Stream<Path> s = Files.walk(out.resolve("a"))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(100);
    for (Path f : files) {
      Path twin = out.resolve("b").resolve(out.resolve("a").relativize(f));
      assertThat(Files.mismatch(f, twin)).as(f.toString()).isEqualTo(-1L);
    }
  }

  @Test
  void splits_knowledgeBaseHoldsOnlyWhatWasCreatedBeforeTheCutoff() throws Exception {
    for (DevSets.Split s : DevSets.SPLITS) {
      KnowledgeBase kb = KnowledgeBase.load(out.resolve("a").resolve(s.name()).resolve("kb.json.gz"));

      assertThat(kb.groups()).allSatisfy(g -> assertThat(created.get(g.id())).isLessThan(s.cutoff()));
      assertThat(kb.software()).allSatisfy(x -> assertThat(created.get(x.id())).isLessThan(s.cutoff()));
      assertThat(kb.relationships()).filteredOn(r -> !r.type().equals("subtechnique-of")
          && !r.description().equals(Victims.MINED_TARGET) // read from what the KB kept: no date of its own
          && !r.description().equals(Victims.MINED_EXPLOIT)).allSatisfy(r ->
          assertThat(created.get(r.type() + "|" + r.sourceId() + "|" + r.targetId())).isLessThan(s.cutoff()));
    }
  }

  @Test
  void splits_everyCaseIsLabelledAndUnknownCasesNameNoGroupOfTheKnowledgeBase() throws Exception {
    for (String split : List.of("tune-2019", "test-2021", "campaigns", "mature-a", "mature-b")) {
      Path dir = out.resolve("a").resolve(split);
      KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));

      List<Evaluation.Case> cases = Evaluation.load(dir, kb);

      assertThat(cases).as(split).isNotEmpty();
      assertThat(cases).filteredOn(c -> !c.unknownActor()).allSatisfy(c ->
          assertThat(c.labels()).anyMatch(l -> kb.groupByExternalId(l).isPresent()));
      assertThat(cases).filteredOn(c -> !split.equals("campaigns")).allSatisfy(c ->
          assertThat(c.incident().evidence().size() + c.incident().unresolved().size())
              .isGreaterThanOrEqualTo(DevSets.MIN_ITEMS));
    }
  }

  @Test
  void campaigns_knowledgeBaseHasNoCampaignsNorTheirLinks() throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(out.resolve("a").resolve("campaigns").resolve("kb.json.gz"));

    assertThat(kb.campaigns()).isEmpty();
    assertThat(kb.relationships()).noneMatch(r -> r.sourceId().startsWith("campaign--"));
  }


  @Test
  void splits_knowledgeBaseCitesNoReportOfTheCasePeriod() throws Exception {
    for (DevSets.Split s : DevSets.SPLITS) {
      KnowledgeBase kb = KnowledgeBase.load(out.resolve("a").resolve(s.name()).resolve("kb.json.gz"));

      assertThat(kb.relationships()).flatExtracting(r -> List.copyOf(r.citations()))
          .allSatisfy(c -> assertThat(year.getOrDefault(c, 0)).as(c).isLessThan(s.fromYear()));
    }
  }

  @Test
  void mature_knowledgeBaseCitesNoReportOfItsOwnHalfAndHoldsNoHeldOutGroup() throws Exception {
    for (int half = 0; half < 2; half++) {
      int h = half;
      Path dir = out.resolve("a").resolve(DevSets.MATURE.get(half));
      KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
      List<Evaluation.Case> cases = Evaluation.load(dir, kb);

      assertThat(kb.relationships()).flatExtracting(r -> List.copyOf(r.citations()))
          .isNotEmpty().allSatisfy(c -> assertThat(DevSets.half(c)).as(c).isNotEqualTo(h));
      assertThat(kb.groups()).hasSizeGreaterThan(100);
      assertThat(cases).filteredOn(Evaluation.Case::unknownActor).hasSizeGreaterThan(cases.size() / 6);
      assertThat(cases).filteredOn(c -> !c.unknownActor()).allSatisfy(c ->
          assertThat(c.labels()).noneMatch(l -> DevSets.heldOut(l, h)));
    }
  }

  @Test
  void everySplit_knowsAnActorsVictimsOnlyFromWhatItsKeptReportsSay() throws Exception {
    for (String split : List.of("tune-2019", "test-2021", "campaigns", "mature-a", "mature-b")) {
      KnowledgeBase kb = KnowledgeBase.load(out.resolve("a").resolve(split).resolve("kb.json.gz"));
      java.util.function.Predicate<String> heldOut = switch (split) {
        case "tune-2019" -> c -> year.getOrDefault(c, 0) >= 2019;
        case "test-2021" -> c -> year.getOrDefault(c, 0) >= 2021;
        case "mature-a" -> c -> DevSets.half(c) == 0;
        case "mature-b" -> c -> DevSets.half(c) == 1;
        default -> c -> false; // campaigns: the campaigns themselves are gone
      };
      List<Relationship> mined = kb.relationships().stream()
          .filter(r -> r.description().equals(Victims.MINED_TARGET)).toList();

      assertThat(mined).as(split).hasSizeGreaterThan(150);
      assertThat(mined).allSatisfy(r -> {
        String key = kb.victimMap().get(r.targetId()).iterator().next();
        assertThat(DevSets.segments(description.get(r.sourceId())))
            .as(split + ": " + r.sourceId() + " targets " + key)
            .anyMatch(seg -> (seg.cites().isEmpty() || !seg.cites().stream().allMatch(heldOut))
                && Victimology.get().targetsIn(seg.text()).contains(key));
      });
    }
  }

  @Test
  void cases_stateTheVictimsTheirOwnReportSaysAboutTheirGroupAndNothingElse() throws Exception {
    Path dir = out.resolve("a").resolve("mature-b");
    int withVictims = 0;
    int cases = 0;
    for (String line : Files.readAllLines(dir.resolve("labels.csv")).subList(1, Files.readAllLines(
        dir.resolve("labels.csv")).size())) {
      String[] cell = line.split(",");
      com.fasterxml.jackson.databind.JsonNode bundle = BundleReader.MAPPER.readTree(
          dir.resolve(cell[0] + ".json").toFile());
      java.util.Set<String> victims = new java.util.HashSet<>();
      String report = "";
      for (com.fasterxml.jackson.databind.JsonNode o : bundle.path("objects")) {
        switch (KbBuilder.text(o, "type")) {
          case "incident" -> report = KbBuilder.text(o, "description").replaceAll(".*report \"(.*)\"$", "$1");
          case "location" -> victims.add(o.has("country") ? "country:" + KbBuilder.text(o, "country").toLowerCase()
              : "region:" + KbBuilder.text(o, "region"));
          case "identity" -> victims.add("sector:" + o.path("sectors").get(0).asText());
          default -> { }
        }
      }
      cases++;
      if (cell[1].equals("UNKNOWN") || victims.isEmpty()) {
        continue;
      }
      withVictims++;
      java.util.Set<String> stated = new java.util.HashSet<>();
      for (DevSets.Segment seg : DevSets.segments(description.get(groupId.get(cell[1])))) {
        if (seg.cites().contains(report)) {
          stated.addAll(Victimology.get().targetsIn(seg.text()));
        }
      }
      assertThat(stated).as(cell[0] + " from " + report).containsAll(victims);
    }

    assertThat(withVictims).isBetween(cases / 5, cases * 3 / 4);
  }

  @Test
  void segments_cutADescriptionAtItsCitations() {
    String d = "X targets banks in Japan.(Citation: A)(Citation: B) It also hit Korea. (Citation: C) Since 2020.";

    assertThat(DevSets.segments(d)).containsExactly(
        new DevSets.Segment("X targets banks in Japan.", java.util.Set.of("A", "B")),
        new DevSets.Segment(" It also hit Korea. ", java.util.Set.of("C")),
        new DevSets.Segment(" Since 2020.", java.util.Set.of()));
  }

  @Test
  void half_splitsReportsIntoTwoHalvesOfSimilarSize() {
    int[] n = new int[2];
    year.keySet().forEach(report -> n[DevSets.half(report)]++);

    assertThat(n[0]).isBetween(n[1] * 9 / 10, n[1] * 11 / 10);
  }
}
