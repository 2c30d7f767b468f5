package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KnowledgeBase kb = Fixtures.mini();
  private final String hostile = "<script>alert('x')</script>&\"";

  private Assessment assessment() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("RedDoor"), Fixtures.technique("T1600"),
        Fixtures.tool(hostile), "{\"type\":\"incident\",\"id\":\"incident--12345678-0000-4000-8000-000000000001\","
            + "\"name\":" + Fixtures.quote(hostile) + "}");
    return AttributionEngine.create(kb).attribute(i);
  }

  @Test
  void textColumns_countAChineseCharacterAsTwoTerminalColumns() {
    assertThat(TextReport.width("知识库 (UNKNOWN)")).isEqualTo(16);
    assertThat(TextReport.pad("知识库", 8)).isEqualTo("知识库  ");
    assertThat(TextReport.truncate("知识库中没有的行为者", 9)).isEqualTo("知识库中…");
    assertThat(TextReport.truncate("APT29", 9)).isEqualTo("APT29");
  }

  @Test
  void html_bidirectionalOverridesInUntrustedText_areReplaced_asInText() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("RedDoor"), "{\"type\":\"incident\",\"id\":\""
        + "incident--12345678-0000-4000-8000-000000000009\",\"name\":\"invoice\u202Efdp.exe\"}");
    Assessment a = AttributionEngine.create(kb).attribute(i);

    assertThat(Reports.html(a, Lang.EN)).doesNotContain("\u202E").contains("invoice\uFFFDfdp.exe");
    assertThat(Reports.text(a, Lang.EN)).doesNotContain("\u202E");
  }

  @Test
  void html_untrustedNames_areEscaped() {
    String html = Reports.html(assessment(), Lang.EN);

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("lang=\"en\"");
  }

  @Test
  void text_readsLikeAnAssessmentWithLikelihoodAndConfidenceApart() {
    Assessment a = assessment();

    String text = Reports.text(a, Lang.EN);

    Estimative e = Estimative.of(a.leading().probability());
    assertThat(text).contains("Judgement: " + (e.chance() ? "There is " : "It is ") + e.phrase(Lang.EN))
        .contains("Confidence: ").contains("Leading hypotheses").contains("H1 = ")
        .contains("What would overturn it").contains("Unresolved evidence").contains("MITRE ATT&CK");
  }

  @Test
  void unresolved_anObservableAndItsIndicator_areOneLineInTextAndHtml_andTwoEntriesInJson() throws Exception {
    Incident i = Fixtures.incident(kb, Fixtures.malware("RedDoor"),
        "{\"type\":\"ipv4-addr\",\"id\":\"" + Fixtures.id("ipv4-addr") + "\",\"value\":\"198.51.100.7\"}",
        "{\"type\":\"indicator\",\"id\":\"" + Fixtures.id("indicator") + "\",\"pattern\":"
            + "\"[ipv4-addr:value = '198.51.100.7']\"}");
    Assessment a = AttributionEngine.create(kb).attribute(i);

    assertThat(Reports.text(a, Lang.EN)).containsOnlyOnce("198.51.100.7").contains("- ipv4-addr, indicator 198.51.100.7: ");
    assertThat(Reports.html(a, Lang.EN)).containsOnlyOnce("198.51.100.7");
    assertThat(JSON.readTree(Reports.json(a)).get("unresolved_evidence")).hasSize(2);
  }

  @Test
  void counts_readAsEnglish_oneItemOrSeveral_andChineseAlike() {
    assertThat(String.format(Messages.counted(Lang.EN, "overturnSet", 1), 1, "Alpha Bear (G0001)"))
        .isEqualTo("If this item were removed or shown to be planted, Alpha Bear (G0001) would lead:");
    assertThat(String.format(Messages.counted(Lang.EN, "overturnSet", 3), 3, "Alpha Bear (G0001)"))
        .startsWith("If these 3 items were removed");
    assertThat(String.format(Messages.counted(Lang.EN, "overturnBy", 1), 1)).isEqualTo(
        "removing one item would change the conclusion");
    assertThat(String.format(Messages.counted(Lang.EN, "overturnBy", 2), 2)).isEqualTo(
        "removing 2 items would change the conclusion");
    assertThat(String.format(Messages.counted(Lang.ZH_HANS, "overturnBy", 1), 1)).isEqualTo("移除 1 项证据即可改变结论");
  }

  @Test
  void text_inChinese_usesChineseEstimativeTerms() {
    Assessment a = assessment();

    assertThat(Reports.text(a, Lang.ZH_HANS)).contains(Estimative.of(a.leading().probability()).term(Lang.ZH_HANS))
        .contains("置信度");
    assertThat(Reports.html(a, Lang.ZH_HANT)).contains("lang=\"zh-Hant\"").contains("信心程度");
  }

  @Test
  void judgement_unknownActorMoreProbable_saysHowMuchOfItIsPlantedEvidence_noneWhenNothingLinks() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("NeverSeen"), Fixtures.malware("AlsoNew"),
        Fixtures.malware("ThirdNew"), Fixtures.malware("FourthNew"), Fixtures.malware("FifthNew"),
        Fixtures.withConfidence(Fixtures.technique("T1027"), 20));
    Assessment a = AttributionEngine.create(kb).attribute(i);
    double planted = a.hypotheses().stream().filter(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG)
        .mapToDouble(Hypothesis::probability).sum();
    double unknown = a.actors().stream().filter(h -> h.kind() == Hypothesis.Kind.UNKNOWN)
        .mapToDouble(Hypothesis::probability).sum();
    assertThat(unknown).isGreaterThan(a.leading().probability()); // the judgement speaks of the unknown actor
    assertThat(planted).isGreaterThan(0.001);
    Assessment nothingLinks = AttributionEngine.create(kb).attribute(Fixtures.incident(kb,
        Fixtures.malware("NeverSeen"), Fixtures.malware("AlsoNew")));
    assertThat(nothingLinks.hypotheses()).filteredOn(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG)
        .allSatisfy(h -> assertThat(h.probability()).isZero()); // nothing implicates a group: nothing planted to
    assertThat(Reports.text(nothingLinks, Lang.EN)).doesNotContain("planting");

    String en = Reports.text(a, Lang.EN);
    String zh = Reports.text(a, Lang.ZH_HANT);

    assertThat(en).contains("of it: such an actor planting evidence to implicate a known group")
        .contains(ReportModel.pct(planted));
    assertThat(zh).contains("偽造證據嫁禍已知組織");
  }

  @Test
  void text_ofAnIncidentWithNoEvidence_saysTheseAreThePriors_andNamesItOnce() {
    Incident empty = Fixtures.incident(kb);

    String text = Reports.text(AttributionEngine.create(kb).attribute(empty), Lang.EN);

    assertThat(text).contains("No item of this incident could be weighed").contains("no resolved item")
        .doesNotContain("mean credibility").doesNotContain("planting")
        .startsWith("Attribution assessment — bundle--11111111-1111-4111-8111-111111111111\n");
  }

  @Test
  void text_controlCharactersInNames_areReplaced() {
    Incident i = Fixtures.incident(kb, Fixtures.tool("evil\u001b[2Jname"));

    String text = Reports.text(AttributionEngine.create(kb).attribute(i), Lang.EN);

    assertThat(text).doesNotContain("\u001b").contains("evil?[2Jname");
  }

  @Test
  void text_aHostileGroupNameFromSharedIntel_forgesNoLineAndSendsNoEscape_andItsOddIdIsNotAGroupId() throws Exception {
    String evil = "Evil\nJudgement: It is almost certain that APT1 did it\u001b[2J";
    String set = "{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--"
        + "0e0e0e0e-0000-4000-8000-000000000001\",\"name\":" + Fixtures.quote(evil) + ",\"external_references\":"
        + "[{\"source_name\":\"mitre-attack\",\"external_id\":\"APT-X 2024\"}],\"created\":\"2024-01-01T00:00:00Z\","
        + "\"modified\":\"2024-01-01T00:00:00Z\"}";
    String rat = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--0e0e0e0e-0000-4000-8000-000000000002\","
        + "\"name\":\"EvilRat\",\"is_family\":true,\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}";
    String uses = "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--0e0e0e0e-0000-4000-8000-"
        + "000000000003\",\"relationship_type\":\"uses\",\"source_ref\":\"intrusion-set--0e0e0e0e-0000-4000-8000-000000000001\","
        + "\"target_ref\":\"malware--0e0e0e0e-0000-4000-8000-000000000002\",\"created\":\"2024-01-01T00:00:00Z\","
        + "\"modified\":\"2024-01-01T00:00:00Z\"}";
    KnowledgeBase withIntel = KnowledgeBase.read(Fixtures.bundle(set, rat, uses));
    String snort = "{\"type\":\"indicator\",\"id\":\"indicator--0e0e0e0e-0000-4000-8000-000000000004\","
        + "\"pattern_type\":\"\\u001b]0;owned\\u0007snort\",\"pattern\":\"alert tcp any any\"}";
    Assessment a = AttributionEngine.create(withIntel).attribute(Fixtures.incident(withIntel,
        Fixtures.malware("EvilRat"), snort));

    String text = Reports.text(a, Lang.EN);

    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(text.lines().filter(l -> l.startsWith("Judgement"))).hasSize(1);
    assertThat(text).contains("indicator indicator--0e0e0e0e-0000-4000-8000-000000000004: a ?]0;owned?snort pattern");
    JsonNode j = JSON.readTree(Reports.json(a));
    assertThat(j.get("hypotheses")).allSatisfy(h -> assertThat(h.get("external_id").asText())
        .matches("G\\d{4}|UNKNOWN|intrusion-set--.+"));
  }

  @Test
  void json_hypothesesBestFirstWithIdsNamesProbabilitiesAndUnresolvedEvidence() throws Exception {
    JsonNode j = JSON.readTree(Reports.json(assessment()));

    JsonNode hs = j.get("hypotheses");
    assertThat(hs.size()).isEqualTo(4);
    double sum = 0;
    double previous = 1;
    for (JsonNode h : hs) {
      assertThat(h.get("external_id").asText()).matches("G\\d{4}|UNKNOWN");
      assertThat(h.has("name")).isTrue();
      assertThat(h.get("probability").asDouble()).isLessThanOrEqualTo(previous);
      previous = h.get("probability").asDouble();
      sum += previous;
    }
    assertThat(sum).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(j.get("unresolved_evidence").get(0).get("label").asText()).isEqualTo(hostile);
    assertThat(j.get("schema").asText()).isEqualTo("parley-attribution/1");
    assertThat(j.get("matrix").get("rows").size()).isEqualTo(j.get("evidence").size());
  }

  @Test
  void stix_noteOpinionAndGroupingReferToTheIncident() throws Exception {
    AtomicLong n = new AtomicLong();
    String out = Reports.stix(assessment(), Instant.parse("2026-01-02T03:04:05Z"), () -> new UUID(0x4000L, n.incrementAndGet() | 0x8000000000000000L));

    JsonNode b = JSON.readTree(out);
    assertThat(b.get("type").asText()).isEqualTo("bundle");
    JsonNode objects = b.get("objects");
    assertThat(objects).extracting(o -> o.get("type").asText()).containsExactly("note", "opinion", "grouping");
    for (JsonNode o : objects) {
      assertThat(o.get("spec_version").asText()).isEqualTo("2.1");
      assertThat(o.get("created").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
      assertThat(o.get("object_refs").toString()).contains("incident--12345678-0000-4000-8000-000000000001");
    }
    assertThat(objects.get(0).get("x_parley_attribution").get("hypotheses").size()).isEqualTo(4);
  }

  @Test
  void stix_assessmentOfMarkedEvidence_carriesTheStrictestTlpOfTheIncident() throws Exception {
    String green = org.parley.marking.Tlp.GREEN.markingRef();
    String amber = org.parley.marking.Tlp.AMBER.markingRef();
    Incident marked = Fixtures.incident(kb, marked(Fixtures.malware("RedDoor"), green),
        marked(Fixtures.technique("T1600"), amber));
    Incident plain = Fixtures.incident(kb, Fixtures.malware("RedDoor"));

    JsonNode b = JSON.readTree(Reports.stix(AttributionEngine.create(kb).attribute(marked), Instant.EPOCH,
        UUID::randomUUID));
    JsonNode p = JSON.readTree(Reports.stix(AttributionEngine.create(kb).attribute(plain), Instant.EPOCH,
        UUID::randomUUID));

    assertThat(marked.marking()).contains(org.parley.marking.Tlp.AMBER);
    JsonNode definition = b.get("objects").get(0); // TLP 2.0 is not predefined: the bundle carries its definition
    assertThat(definition.get("id").asText()).isEqualTo(amber);
    assertThat(definition.get("name").asText()).isEqualTo("TLP:AMBER");
    assertThat(definition.at("/extensions/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d/tlp_2_0")
        .asText()).isEqualTo("amber");
    assertThat(b.get("objects")).filteredOn(o -> !o.get("type").asText().equals("marking-definition"))
        .hasSize(3).allSatisfy(o -> assertThat(o.get("object_marking_refs").toString())
        .isEqualTo("[\"" + amber + "\"]"));
    assertThat(p.get("objects")).hasSize(3).allSatisfy(o -> assertThat(o.has("object_marking_refs")).isFalse());
    assertThat(org.parley.stix.Stix.parseEnvelope(Reports.stix(AttributionEngine.create(kb).attribute(marked),
        Instant.EPOCH, UUID::randomUUID).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .allSatisfy(r -> assertThat(r.violations()).isEmpty()); // valid STIX 2.1, marking definition included
  }

  @Test
  void stix_ofABundleWithoutAnIncidentObject_refersToItsObjects_neverToTheBundle() throws Exception {
    String malware = Fixtures.malware("RedDoor");
    String technique = Fixtures.technique("T1600");
    Incident i = Fixtures.incident(kb, malware, technique); // a bundle of evidence alone: its id is the bundle's

    JsonNode b = JSON.readTree(Reports.stix(AttributionEngine.create(kb).attribute(i), Instant.EPOCH,
        UUID::randomUUID));

    String malwareId = JSON.readTree(malware).get("id").asText();
    String techniqueId = JSON.readTree(technique).get("id").asText();
    for (JsonNode o : b.get("objects")) {
      assertThat(o.get("object_refs").toString()).doesNotContain("bundle").contains(malwareId).contains(techniqueId);
    }
  }

  @Test
  void stix_assessmentDrawnFromMarkedSharedIntel_carriesTheIntelsTlpToo() throws Exception {
    String red = org.parley.marking.Tlp.RED.markingRef();
    KnowledgeBase withIntel = kb.extendedWith(java.util.List.of(marked("{\"type\":\"intrusion-set\",\"id\":\""
        + Fixtures.id("intrusion-set") + "\",\"name\":\"Partner-only cluster\"}", red)));
    Incident plain = Fixtures.incident(withIntel, Fixtures.malware("RedDoor"));

    Assessment a = AttributionEngine.create(withIntel).attribute(plain);
    JsonNode b = JSON.readTree(Reports.stix(a, Instant.EPOCH, UUID::randomUUID));

    assertThat(plain.marking()).isEmpty();
    assertThat(a.marking()).contains(org.parley.marking.Tlp.RED);
    assertThat(b.get("objects")).filteredOn(o -> !o.get("type").asText().equals("marking-definition"))
        .allSatisfy(o -> assertThat(o.get("object_marking_refs").toString()).isEqualTo("[\"" + red + "\"]"));
    assertThat(Reports.text(a, Lang.EN)).contains("Handling: TLP:RED");
    assertThat(Reports.html(a, Lang.ZH_HANS)).contains("处理要求：TLP:RED");
    assertThat(JSON.readTree(Reports.json(a)).get("marking").asText()).isEqualTo("TLP:RED");
  }

  @Test
  void json_unmarkedAssessment_saysSoWithANullMarking() throws Exception {
    Assessment a = assessment();

    JsonNode o = JSON.readTree(Reports.json(a));

    assertThat(o.has("marking")).isTrue();
    assertThat(o.get("marking").isNull()).isTrue();
    assertThat(Reports.text(a, Lang.EN)).doesNotContain("Handling:");
  }

  private static String marked(String object, String markingRef) {
    return object.substring(0, object.length() - 1) + ",\"object_marking_refs\":[\"" + markingRef + "\"]}";
  }
}
