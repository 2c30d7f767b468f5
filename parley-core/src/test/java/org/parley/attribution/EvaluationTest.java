package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
  private static final Incident EMPTY = new Incident("incident--x", "x", List.of(), List.of());

  /** A fake method answering a fixed ranking per case name (the incident's name). */
  private static Evaluation.Method fixed(Map<String, List<Hypothesis>> answers) {
    return new Evaluation.Method() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public List<Hypothesis> rank(Incident incident) {
        return answers.get(incident.name());
      }
    };
  }

  private static Hypothesis g(String id, double p) {
    return new Hypothesis(Hypothesis.Kind.GROUP, id, id, p);
  }

  private static Hypothesis u(double p) {
    return new Hypothesis(Hypothesis.Kind.UNKNOWN, "UNKNOWN", "UNKNOWN", p);
  }

  private static Evaluation.Case c(String name, String... labels) {
    return new Evaluation.Case(name, new Incident("incident--" + name, name, List.of(), List.of()), Set.of(labels));
  }

  @Test
  void run_handComputedCases_giveTheExpectedFigures() {
    Map<String, List<Hypothesis>> answers = Map.of(
        "a", List.of(g("G1", 0.6), g("G2", 0.3), u(0.1)), // known, right: rank 1
        "b", List.of(g("G1", 0.5), u(0.3), g("G2", 0.2)), // known G2: rank 3
        "c", List.of(u(0.7), g("G1", 0.2), g("G2", 0.1)), // UNKNOWN, called
        "d", List.of(u(0.4), g("G2", 0.35), g("G1", 0.25))); // known G1|G2 called UNKNOWN: rank 2
    List<Evaluation.Case> cases = List.of(c("a", "G1"), c("b", "G2"), c("c", "UNKNOWN"), c("d", "G1", "G2"));

    Evaluation.Report r = Evaluation.run(cases, fixed(answers));

    assertThat(r.top1()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(r.top3()).isCloseTo(1.0, within(1e-12));
    assertThat(r.mrr()).isCloseTo((1 + 1 / 3.0 + 1 / 2.0) / 3, within(1e-12));
    assertThat(r.unknownPrecision()).isCloseTo(0.5, within(1e-12));
    assertThat(r.unknownRecall()).isCloseTo(1.0, within(1e-12));
    double brierA = 0.16 + 0.09 + 0.01;
    double brierB = 0.25 + 0.09 + 0.64;
    double brierC = 0.09 + 0.04 + 0.01;
    double brierD = 0.16 + 0.16;
    assertThat(r.brier()).isCloseTo((brierA + brierB + brierC + brierD) / 4, within(1e-12));
    assertThat(r.results()).extracting(Evaluation.CaseResult::rank).containsExactly(1, 3, 1, 2);
  }

  @Test
  void byActor_handComputedCases_givePerActorFiguresAndWhoWasNamedInstead() {
    Map<String, List<Hypothesis>> answers = Map.of(
        "a", List.of(g("G1", 0.6), g("G2", 0.3), u(0.1)), // G1, right at 1
        "b", List.of(g("G2", 0.5), u(0.3), g("G1", 0.2)), // G1 taken for G2: rank 3
        "e", List.of(g("G2", 0.5), g("G1", 0.3), u(0.2)), // G1 taken for G2 again: rank 2
        "c", List.of(u(0.7), g("G1", 0.2), g("G2", 0.1)), // UNKNOWN, called
        "d", List.of(g("G1", 0.4), g("G2", 0.35), u(0.25))); // UNKNOWN taken for G1: rank 3
    List<Evaluation.Case> cases = List.of(c("a", "G1"), c("b", "G1"), c("e", "G1"), c("c", "UNKNOWN"),
        c("d", "UNKNOWN"));

    List<Evaluation.ActorFigures> by = Evaluation.byActor(Evaluation.run(cases, fixed(answers)));

    assertThat(by).extracting(Evaluation.ActorFigures::actor, Evaluation.ActorFigures::cases)
        .containsExactly(tuple("G1", 3), tuple("UNKNOWN", 2));
    Evaluation.ActorFigures g1 = by.get(0);
    assertThat(g1.top1()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(g1.top3()).isCloseTo(1.0, within(1e-12));
    assertThat(g1.mrr()).isCloseTo((1 + 1 / 3.0 + 1 / 2.0) / 3, within(1e-12));
    assertThat(g1.mostOftenInstead()).contains("G2");
    assertThat(g1.mostOftenInsteadCases()).isEqualTo(2);
    Evaluation.ActorFigures unknown = by.get(1);
    assertThat(unknown.top1()).isCloseTo(0.5, within(1e-12));
    assertThat(unknown.mostOftenInstead()).contains("G1");
  }

  @Test
  void byActor_anActorAlwaysNamedRight_hasNoneNamedInstead_andAlternativesStayOneLabel() {
    Map<String, List<Hypothesis>> answers = Map.of(
        "a", List.of(g("G1", 0.6), g("G2", 0.3), u(0.1)),
        "b", List.of(g("G2", 0.6), g("G1", 0.3), u(0.1)));
    List<Evaluation.Case> cases = List.of(c("a", "G1", "G2"), c("b", "G2", "G1"));

    List<Evaluation.ActorFigures> by = Evaluation.byActor(Evaluation.run(cases, fixed(answers)));

    assertThat(by).singleElement().satisfies(f -> {
      assertThat(f.actor()).isEqualTo("G1|G2");
      assertThat(f.top1()).isEqualTo(1.0);
      assertThat(f.mostOftenInstead()).isEmpty();
      assertThat(f.mostOftenInsteadCases()).isZero();
    });
  }

  @Test
  void confusions_countEachActorTakenForAnother_mostFirst_rightCallsNotAmongThem() {
    Map<String, List<Hypothesis>> answers = Map.of(
        "a", List.of(g("G2", 0.6), g("G1", 0.4)),
        "b", List.of(g("G2", 0.6), g("G1", 0.4)),
        "c", List.of(u(0.6), g("G1", 0.4)),
        "d", List.of(g("G1", 0.6), u(0.4)),
        "e", List.of(g("G3", 0.6), g("G2", 0.4)));
    List<Evaluation.Case> cases = List.of(c("a", "G1"), c("b", "G1"), c("c", "G1"), c("d", "G1"), c("e", "G2"));

    List<Evaluation.Confusion> confusions = Evaluation.confusions(Evaluation.run(cases, fixed(answers)));

    assertThat(confusions).extracting(Evaluation.Confusion::actor, Evaluation.Confusion::predicted,
        Evaluation.Confusion::cases)
        .containsExactly(tuple("G1", "G2", 2), tuple("G1", "UNKNOWN", 1), tuple("G2", "G3", 1));
  }

  @Test
  void run_handComputedCases_giveTheCalibrationBinsAndTheirExpectedError() {
    Map<String, List<Hypothesis>> answers = Map.of(
        "a", List.of(g("G1", 0.6), g("G2", 0.3), u(0.1)), // top 0.6, right
        "b", List.of(g("G1", 0.5), u(0.3), g("G2", 0.2)), // top 0.5, wrong
        "c", List.of(u(0.7), g("G1", 0.2), g("G2", 0.1)), // top 0.7, right
        "d", List.of(u(0.4), g("G2", 0.35), g("G1", 0.25))); // top 0.4, wrong
    List<Evaluation.Case> cases = List.of(c("a", "G1"), c("b", "G2"), c("c", "UNKNOWN"), c("d", "G1", "G2"));

    Evaluation.Report r = Evaluation.run(cases, fixed(answers));

    assertThat(r.calibration()).extracting(Evaluation.CalibrationBin::cases).containsExactly(0, 0, 2, 2, 0);
    Evaluation.CalibrationBin low = r.calibration().get(2); // [0.4, 0.6): 0.5 and 0.4, both wrong
    Evaluation.CalibrationBin high = r.calibration().get(3); // [0.6, 0.8): 0.6 and 0.7, both right
    assertThat(low.meanProbability()).isCloseTo(0.45, within(1e-12));
    assertThat(low.accuracy()).isZero();
    assertThat(high.meanProbability()).isCloseTo(0.65, within(1e-12));
    assertThat(high.accuracy()).isEqualTo(1.0);
    assertThat(r.ece()).isCloseTo(0.5 * 0.45 + 0.5 * 0.35, within(1e-12));
    // P(UNKNOWN): 0.1 and 0.3 (known actors) in [0, 0.2) and [0.2, 0.4); 0.4 (known) and 0.7 (unknown) above
    assertThat(r.unknownCalibration()).extracting(Evaluation.CalibrationBin::cases).containsExactly(1, 1, 1, 1, 0);
    assertThat(r.unknownCalibration().get(3).accuracy()).isEqualTo(1.0);
    assertThat(r.unknownCalibration().get(2).accuracy()).isZero();
    assertThat(r.unknownEce()).isCloseTo((0.1 + 0.3 + 0.4 + 0.3) / 4, within(1e-12));
  }

  @Test
  void run_unknownCurve_tradesPrecisionForRecallAsTheThresholdFalls() {
    Map<String, List<Hypothesis>> answers = Map.of(
        "a", List.of(g("G1", 0.6), u(0.4)), // known, P(U) 0.4
        "b", List.of(g("G1", 0.9), u(0.1)), // UNKNOWN case, P(U) 0.1: missed by rank
        "c", List.of(u(0.7), g("G1", 0.3)), // UNKNOWN case, P(U) 0.7
        "d", List.of(g("G2", 0.8), u(0.2))); // known, P(U) 0.2
    List<Evaluation.Case> cases = List.of(c("a", "G1"), c("b", "UNKNOWN"), c("c", "UNKNOWN"), c("d", "G2"));

    Evaluation.Report r = Evaluation.run(cases, fixed(answers));

    assertThat(r.unknownCurve()).extracting(Evaluation.UnknownPoint::threshold).containsExactly(0.7, 0.4, 0.2, 0.1);
    assertThat(r.unknownCurve()).extracting(Evaluation.UnknownPoint::precision)
        .containsExactly(1.0, 0.5, 1 / 3.0, 0.5);
    assertThat(r.unknownCurve()).extracting(Evaluation.UnknownPoint::recall).containsExactly(0.5, 0.5, 0.5, 1.0);
    assertThat(r.unknownPrecisionAtRecall(0.5)).isEqualTo(1.0);
    assertThat(r.unknownPrecisionAtRecall(0.6)).isEqualTo(0.5);
    assertThat(r.unknownRecall()).isEqualTo(0.5);
  }

  @Test
  void load_aCaseNamedCase_afterTheHeader_isACase(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "case,actor\ncase,G0001\n");
    Files.writeString(dir.resolve("case.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}");

    List<Evaluation.Case> cases = Evaluation.load(dir, Fixtures.mini());

    assertThat(cases).extracting(Evaluation.Case::name).containsExactly("case");
  }

  @Test
  void load_aHeaderOtherThanCaseActor_isSkipped_butAFirstCaseWithABundleIsACase(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "case_id,group\none,G0001\n");
    Files.writeString(dir.resolve("one.json"), EMPTY_BUNDLE);

    assertThat(Evaluation.load(dir, Fixtures.mini())).extracting(Evaluation.Case::name).containsExactly("one");

    Files.writeString(dir.resolve("labels.csv"), "one,G0001\ntwo,UNKNOWN\n");
    Files.writeString(dir.resolve("two.json"), EMPTY_BUNDLE);
    assertThat(Evaluation.load(dir, Fixtures.mini())).extracting(Evaluation.Case::name).containsExactly("one", "two");

    Files.writeString(dir.resolve("labels.csv"), "missing,G0001\none,G0001\n"); // a row with a label is a case
    assertThat(Evaluation.load(dir, Fixtures.mini())).extracting(Evaluation.Case::name, c -> c.note().isEmpty())
        .containsExactly(tuple("missing", false), tuple("one", true));
  }

  @Test
  void load_labelsNotUtf8_orListingNoCase_orACaseTwice_orAPathOutsideTheDir_failSayingWhat(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("one.json"), EMPTY_BUNDLE);
    Files.write(dir.resolve("labels.csv"), "case,actor\none,Caf\u00e9 Bear\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Evaluation.load(dir, Fixtures.mini())).isInstanceOf(AttributionException.class)
        .hasMessageContaining("is not UTF-8").hasMessageContaining("line 2");

    Files.writeString(dir.resolve("labels.csv"), "case,actor\n# nothing yet\n");
    assertThatThrownBy(() -> Evaluation.load(dir, Fixtures.mini())).isInstanceOf(AttributionException.class)
        .hasMessageContaining("lists no case");

    Files.writeString(dir.resolve("labels.csv"), "case,actor\none,G0001\none.json,UNKNOWN\n");
    assertThatThrownBy(() -> Evaluation.load(dir, Fixtures.mini())).isInstanceOf(AttributionException.class)
        .hasMessageContaining("line 3").hasMessageContaining("listed twice (first on line 2)");

    Files.writeString(dir.resolve("labels.csv"), "case,actor\n../one,G0001\n");
    assertThatThrownBy(() -> Evaluation.load(dir, Fixtures.mini())).isInstanceOf(AttributionException.class)
        .hasMessageContaining("not a file name");
  }

  @Test
  void load_labelsInUtf16WithItsByteOrderMark_areRead(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("one.json"), EMPTY_BUNDLE);
    Files.write(dir.resolve("labels.csv"), "\uFEFFcase,actor\r\none,G0001\r\n".getBytes(StandardCharsets.UTF_16LE));

    assertThat(Evaluation.load(dir, Fixtures.mini())).extracting(Evaluation.Case::name).containsExactly("one");
  }

  @Test
  void run_withNoKnownActorCase_hasNoTop1Top3OrMrr_ratherThanZero() throws Exception {
    Map<String, List<Hypothesis>> answers = Map.of("u", List.of(u(0.7), g("G1", 0.3)));

    Evaluation.Report r = Evaluation.run(List.of(c("u", "UNKNOWN")), fixed(answers));

    assertThat(r.top1()).isNaN();
    assertThat(r.top3()).isNaN();
    assertThat(r.mrr()).isNaN();
    assertThat(r.unknownRecall()).isEqualTo(1.0);
  }

  @Test
  void load_aGzippedCaseBundle_isRead(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "case,actor\none,G0001\n");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("one.json.gz")))) {
      out.write(("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + Fixtures.malware("RedDoor") + "]}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    List<Evaluation.Case> cases = Evaluation.load(dir, Fixtures.mini());

    assertThat(cases).singleElement().satisfies(c -> assertThat(c.incident().evidence()).hasSize(1));
  }

  @Test
  void load_anUnreadableOrMissingCaseBundle_isScoredOnNoEvidence_andSaysWhichCaseAndFileAndWhatToDo(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "case,actor\nfine,G0001\nbroken,UNKNOWN\nmissing,G0001\n");
    Files.writeString(dir.resolve("fine.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}");
    Files.writeString(dir.resolve("broken.json"), "{\"objects\": [");

    List<Evaluation.Case> cases = Evaluation.load(dir, Fixtures.mini());

    assertThat(cases).extracting(Evaluation.Case::name).containsExactly("fine", "broken", "missing");
    assertThat(cases.get(0).note()).isEmpty();
    assertThat(cases.get(1).note()).startsWith("labels.csv line 3: unreadable, scored on no evidence: ")
        .contains("broken.json").endsWith("(fix the bundle, or take the case out of labels.csv)");
    assertThat(cases.get(1).incident().evidence()).isEmpty();
    assertThat(cases.get(1).incident().unresolved()).singleElement().extracting(UnresolvedEvidence::type)
        .isEqualTo("bundle");
    assertThat(cases.get(2).note()).startsWith("labels.csv line 4: unreadable, scored on no evidence: no bundle ")
        .contains("missing.json");
    assertThat(Evaluation.run(cases, Evaluation.model(AttributionEngine.create(Fixtures.mini()))).cases())
        .as("every listed case is scored").isEqualTo(3);
  }

  @Test
  void compare_handComputedRuns_countTheCasesOnlyOneNamesRightAndWhereEachLeads() {
    List<Evaluation.Case> cases = List.of(c("a", "G1"), c("b", "G2"), c("c", "G1"), c("d", "UNKNOWN"));
    Evaluation.Report method = Evaluation.run(cases, fixed(Map.of(
        "a", List.of(g("G1", 0.7), g("G2", 0.2), u(0.1)), // right
        "b", List.of(g("G2", 0.6), g("G1", 0.3), u(0.1)), // right
        "c", List.of(g("G2", 0.5), g("G1", 0.4), u(0.1)), // wrong
        "d", List.of(g("G1", 0.5), u(0.4), g("G2", 0.1))))); // UNKNOWN missed
    Evaluation.Report baseline = Evaluation.run(cases, fixed(Map.of(
        "a", List.of(g("G2", 0.4), g("G1", 0.3), u(0.3)), // wrong
        "b", List.of(g("G1", 0.4), g("G2", 0.3), u(0.3)), // wrong
        "c", List.of(g("G1", 0.4), g("G2", 0.3), u(0.3)), // right
        "d", List.of(u(0.4), g("G1", 0.3), g("G2", 0.3))))); // UNKNOWN called

    Evaluation.Comparison cmp = Evaluation.compare(method, baseline);

    assertThat(cmp.top1OnlyMethod()).isEqualTo(2);
    assertThat(cmp.top1OnlyBaseline()).isEqualTo(1);
    assertThat(cmp.mcnemarP()).isCloseTo(1.0, within(1e-12)); // 2 against 1 of 3: P(≤ 1 of 3) · 2 = 0.5 · 2
    assertThat(cmp.ahead()).contains("top1").doesNotContain("unknown_recall", "unknown_precision");
    assertThat(cmp.behind()).contains("unknown_recall");
  }

  @Test
  void mcnemar_exactTwoSidedValues_matchTheBinomialTail() {
    assertThat(Evaluation.mcnemar(12, 0)).isCloseTo(2 * Math.pow(0.5, 12), within(1e-15));
    assertThat(Evaluation.mcnemar(8, 2)).isCloseTo(2 * (1 + 10 + 45) / 1024.0, within(1e-12));
    assertThat(Evaluation.mcnemar(5, 5)).isEqualTo(1.0);
    assertThat(Evaluation.mcnemar(0, 0)).isEqualTo(1.0);
  }

  @Test
  void compare_runsOverDifferentCases_isRefused() {
    Evaluation.Report one = Evaluation.run(List.of(c("a", "G1")), fixed(Map.of("a", List.of(g("G1", 1)))));
    Evaluation.Report other = Evaluation.run(List.of(c("b", "G1")), fixed(Map.of("b", List.of(g("G1", 1)))));

    assertThatThrownBy(() -> Evaluation.compare(one, other)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void run_nothingCalledUnknown_hasUndefinedPrecision() {
    Evaluation.Report r = Evaluation.run(List.of(c("a", "G1")), fixed(Map.of("a", List.of(g("G1", 1)))));

    assertThat(r.unknownPrecision()).isNaN();
    assertThat(r.top1()).isEqualTo(1);
  }

  @Test
  void load_groupIdAttackRevoked_isReadAsTheGroupThatReplacedItAndSaysSo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "case,actor\nsolarwinds,G0118\n"); // UNC2452, merged into APT29
    Files.writeString(dir.resolve("solarwinds.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}");

    Evaluation.Case c = Evaluation.load(dir, Fixtures.real()).get(0);

    assertThat(c.labels()).containsExactly("G0016");
    assertThat(c.note()).isEqualTo("G0118 is revoked in ATT&CK, read as G0016");
  }

  @Test
  void load_labelsWithAlternativesAndComments_readsEveryCase(@TempDir Path dir) throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    Files.writeString(dir.resolve("labels.csv"), "case,actor\n# a comment\none,G0001|g0002\ntwo.json,UNKNOWN\n");
    Files.writeString(dir.resolve("one.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
        + Fixtures.malware("RedDoor") + "]}");
    Files.writeString(dir.resolve("two.json"), "{\"type\":\"bundle\",\"id\":\"bundle--2\",\"objects\":[]}");

    List<Evaluation.Case> cases = Evaluation.load(dir, kb);

    assertThat(cases).extracting(Evaluation.Case::labels).containsExactly(Set.of("G0001", "G0002"), Set.of("UNKNOWN"));
    assertThat(cases.get(1).unknownActor()).isTrue();
    assertThat(cases.get(0).incident().evidence()).hasSize(1);
  }

  private static final String EMPTY_BUNDLE = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}";

  @Test
  void load_byteOrderMarkAndQuotedFields_areReadAsPlainCsv(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "\uFEFF\"case\",\"actor\"\r\n\"one\",\"G0001 | G0003\"\r\n");
    Files.writeString(dir.resolve("one.json"), EMPTY_BUNDLE);

    List<Evaluation.Case> cases = Evaluation.load(dir, Fixtures.mini());

    assertThat(cases).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("one");
      assertThat(c.labels()).containsExactlyInAnyOrder("G0001", "G0003");
      assertThat(c.note()).isEmpty();
    });
  }

  @Test
  void load_groupNamedRatherThanGivenById_isReadAsItsIdAndSaysSo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "one,alpha bear\n");
    Files.writeString(dir.resolve("one.json"), EMPTY_BUNDLE);

    Evaluation.Case c = Evaluation.load(dir, Fixtures.mini()).get(0);

    assertThat(c.labels()).containsExactly("G0001");
    assertThat(c.note()).contains("alpha bear read as G0001");
  }

  @Test
  void load_groupTheKnowledgeBaseDoesNotHold_isScoredAsUnknownAndSaysSo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "one,G1015\ntwo,G0001|G1015\n");
    Files.writeString(dir.resolve("one.json"), EMPTY_BUNDLE);
    Files.writeString(dir.resolve("two.json"), EMPTY_BUNDLE);

    List<Evaluation.Case> cases = Evaluation.load(dir, Fixtures.mini());

    assertThat(cases.get(0).unknownActor()).isTrue();
    assertThat(cases.get(0).note()).contains("G1015 is not in the knowledge base");
    assertThat(cases.get(1).labels()).containsExactlyInAnyOrder("G0001", "UNKNOWN");
    assertThat(cases.get(1).unknownActor()).isFalse();
  }

  @Test
  void load_noCaseReadable_orACaseWithoutActor_failsNamingTheLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.csv"), "case,actor\nmissing,G0001\ngone,UNKNOWN\n");
    assertThatThrownBy(() -> Evaluation.load(dir, Fixtures.mini())).isInstanceOf(AttributionException.class)
        .hasMessageContaining("line 2").hasMessageContaining("missing").hasMessageContaining("is it the right directory");

    Files.writeString(dir.resolve("labels.csv"), "one,\n");
    assertThatThrownBy(() -> Evaluation.load(dir, Fixtures.mini())).isInstanceOf(AttributionException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void run_reportsProgressAfterEveryCase() {
    List<Integer> seen = new java.util.ArrayList<>();
    Evaluation.run(List.of(c("a", "G1"), c("b", "G1")), fixed(Map.of("a", List.of(g("G1", 1)), "b",
        List.of(g("G1", 1)))), seen::add);

    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void tfidf_groupsOwnItems_rankThatGroupFirst() {
    KnowledgeBase kb = Fixtures.mini();
    Incident i = Fixtures.incident(kb, Fixtures.malware("BlueShell"), Fixtures.technique("T1566"));

    List<Hypothesis> r = Evaluation.tfidf(kb).rank(i);

    assertThat(r.get(0).groupId()).isEqualTo("G0002");
    assertThat(r.stream().mapToDouble(Hypothesis::probability).sum()).isCloseTo(1, within(1e-9));
    assertThat(Evaluation.tfidf(kb).rank(EMPTY).get(0).actorId()).isEqualTo("UNKNOWN");
  }

  @Test
  void tfidf_readsTheTechniqueAndSoftwareSetOnly_victimsChangeNothing() {
    KnowledgeBase kb = Fixtures.real();
    String[] items = {Fixtures.technique("T1566.001"), Fixtures.technique("T1059.001"), Fixtures.malware("BabyShark")};
    Incident plain = Fixtures.incident(kb, items);
    String[] withVictim = java.util.Arrays.copyOf(items, items.length + 1);
    withVictim[items.length] = "{\"type\":\"location\",\"id\":\"location--ffffffff-0000-4000-8000-0000000000aa\","
        + "\"country\":\"KR\"}";
    Incident victim = Fixtures.incident(kb, withVictim);

    assertThat(victim.evidence()).hasSize(plain.evidence().size() + 1);
    assertThat(Evaluation.tfidf(kb).rank(victim)).isEqualTo(Evaluation.tfidf(kb).rank(plain));
  }
}
