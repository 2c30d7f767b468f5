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

/** The development sets are deterministic and no label leaks into the knowledge base it is tested against. */
class DevSetsTest {
  @TempDir static Path out;
  private static final Map<String, String> created = new HashMap<>();
  private static final Map<String, Integer> year = new HashMap<>();

  @BeforeAll
  static void generate() throws Exception {
    DevSets.generate(Fixtures.attackBundle(), out.resolve("a"));
    try (InputStream in = Files.newInputStream(Fixtures.attackBundle())) {
      BundleReader.read(in, o -> {
        String t = KbBuilder.text(o, "type");
        String key = t.equals("relationship") ? KbBuilder.text(o, "relationship_type") + "|"
            + KbBuilder.text(o, "source_ref") + "|" + KbBuilder.text(o, "target_ref") : KbBuilder.text(o, "id");
        created.put(key, KbBuilder.text(o, "created"));
        for (com.fasterxml.jackson.databind.JsonNode ref : o.path("external_references")) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{4})[,)]")
              .matcher(KbBuilder.text(ref, "description"));
          if (m.find()) {
            year.putIfAbsent(KbBuilder.text(ref, "source_name"), Integer.parseInt(m.group(1)));
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
      assertThat(kb.relationships()).filteredOn(r -> !r.type().equals("subtechnique-of")).allSatisfy(r ->
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
  void half_splitsReportsIntoTwoHalvesOfSimilarSize() {
    int[] n = new int[2];
    year.keySet().forEach(report -> n[DevSets.half(report)]++);

    assertThat(n[0]).isBetween(n[1] * 9 / 10, n[1] * 11 / 10);
  }
}
