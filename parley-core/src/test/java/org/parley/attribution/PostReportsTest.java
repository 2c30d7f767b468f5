package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-v12.1 check set is built from reports ATT&CK v12.1 never cites, reproducibly, and the model stays ahead of
 * TF-IDF on it; the figures it prints are the ones docs/design/attribution.md quotes.
 */
class PostReportsTest {
  @TempDir static Path out;
  static Path pages;
  static List<PostReports.Case> cases;

  @BeforeAll
  static void build() throws Exception {
    for (Path d = Path.of("").toAbsolutePath(); d != null && pages == null; d = d.getParent()) {
      Path p = d.resolve("docs/eval/post-v12.1/groups");
      pages = Files.isDirectory(p) ? p : null;
    }
    cases = PostReports.write(pages, Fixtures.attackBundle(), out.resolve("a"));
  }

  @Test
  void everyCase_isAReportV121CitesNowhere_labelledByAGroupItHoldsOrUnknown() {
    KnowledgeBase kb = Fixtures.real();
    java.util.Set<String> cited = new java.util.HashSet<>();
    kb.relationships().forEach(r -> cited.addAll(r.citations()));

    assertThat(cases).hasSize(203);
    assertThat(cases).filteredOn(c -> c.label().equals(Hypothesis.UNKNOWN)).hasSize(108);
    assertThat(cases).extracting(PostReports.Case::report).allSatisfy(r -> assertThat(cited).doesNotContain(r));
    assertThat(cases).filteredOn(c -> !c.label().equals(Hypothesis.UNKNOWN))
        .allSatisfy(c -> assertThat(kb.groupByExternalId(c.label())).isPresent());
  }

  @Test
  void aCase_carriesTheVictimAndVulnerabilityThatThePartsOfTheDescriptionCitingItsReportState(@TempDir Path dir)
      throws Exception {
    Path page = Files.createDirectories(dir.resolve("groups"));
    Files.writeString(page.resolve("G0007.txt"), String.join("\n",
        "GROUP G0007 APT28",
        "D [APT28](https://attack.mitre.org/groups/G0007) has targeted the energy sector in Norway.[^2] It has"
            + " targeted government entities in Ukraine and exploited CVE-2023-23397.[^1] [^3]",
        "T T1059.001 1", "T T1566.001 1 2", "T T1071.001 1", "T T1027 2",
        "R 1 A later report on APT28 v12.1 never cites", "R 2 Another later report", "R 3 Third later report", ""));

    PostReports.write(page, Fixtures.attackBundle(), dir.resolve("out"));

    com.fasterxml.jackson.databind.JsonNode bundle = BundleReader.MAPPER.readTree(
        dir.resolve("out").resolve("post-0001.json").toFile());
    List<String> objects = new java.util.ArrayList<>();
    bundle.get("objects").forEach(o -> objects.add(o.get("type").asText() + " " + o.path("country").asText("")
        + o.path("sectors").path(0).asText("") + o.path("name").asText("")));
    assertThat(objects).contains("location UAUkraine", "identity governmentgovernment sector",
        "vulnerability CVE-2023-23397").noneMatch(o -> o.contains("Norway") || o.contains("energy"));
    assertThat(PostReports.withCitations("a.[^1] [^2] b[^9]", java.util.Map.of("1", "X", "2", "Y")))
        .isEqualTo("a.(Citation: X) (Citation: Y) b");
  }

  @Test
  void buildingTwice_writesTheSameBytes() throws Exception {
    PostReports.write(pages, Fixtures.attackBundle(), out.resolve("b"));

    for (String f : List.of("labels.csv", "post-0001.json", "post-0203.json")) {
      assertThat(Files.readAllBytes(out.resolve("b").resolve(f))).isEqualTo(Files.readAllBytes(out.resolve("a").resolve(f)));
    }
  }

  @Test
  void theModel_leadsTfidfOnThePostV121Reports() throws Exception {
    KnowledgeBase kb = Fixtures.real();
    List<Evaluation.Case> loaded = Evaluation.load(out.resolve("a"), kb);

    Evaluation.Report ach = Evaluation.run(loaded, Evaluation.model(AttributionEngine.create(kb)));
    Evaluation.Report tfidf = Evaluation.run(loaded, Evaluation.tfidf(kb));
    Evaluation.Comparison versus = Evaluation.compare(ach, tfidf);
    FitMain.print("post-v12.1", ach);
    FitMain.print("post-v12.1 tfidf", tfidf);
    System.out.printf(java.util.Locale.ROOT, "top-1 right by only one: %d ach, %d tfidf (McNemar p = %.4f)%n",
        versus.top1OnlyMethod(), versus.top1OnlyBaseline(), versus.mcnemarP());

    assertThat(versus.ahead()).contains("top1", "top3", "mrr", "brier");
    assertThat(versus.top1OnlyMethod()).isGreaterThan(versus.top1OnlyBaseline());
  }
}
