package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionEngineTest {
  private static final List<String> ITEMS = List.of("T1059", "T1059.001", "T1566", "T1027", "T1600", "T1105", "T1003",
      "m:RedDoor", "t:Mimikatz", "m:BlueShell", "m:Orphan", "m:NeverSeen", "T9999");
  private final KnowledgeBase kb = Fixtures.mini();
  private final AttributionEngine engine = AttributionEngine.create(kb);

  private static String object(String item) {
    return item.startsWith("m:") ? Fixtures.malware(item.substring(2))
        : item.startsWith("t:") ? Fixtures.tool(item.substring(2)) : Fixtures.technique(item);
  }

  private Incident incident(String... items) {
    return Fixtures.incident(kb, java.util.Arrays.stream(items).map(AttributionEngineTest::object).toArray(String[]::new));
  }

  @Test
  void attribute_randomIncidents_posteriorsSumToOneOverEveryHypothesisAndActor() {
    Random r = new Random(7);
    for (int n = 0; n < 60; n++) {
      List<String> objects = new ArrayList<>();
      for (int k = r.nextInt(8); k >= 0; k--) {
        String o = object(ITEMS.get(r.nextInt(ITEMS.size())));
        objects.add(r.nextBoolean() ? Fixtures.withConfidence(o, r.nextInt(101)) : o);
      }

      Assessment a = engine.attribute(Fixtures.incident(kb, objects.toArray(String[]::new)));

      assertThat(a.hypotheses().stream().mapToDouble(Hypothesis::probability).sum()).isCloseTo(1, within(1e-9));
      assertThat(a.actors().stream().mapToDouble(Hypothesis::probability).sum()).isCloseTo(1, within(1e-9));
      assertThat(a.actors()).extracting(Hypothesis::actorId).contains("UNKNOWN", "G0001", "G0002", "G0003");
      List<Hypothesis> groups = a.actors().stream().filter(h -> h.kind() == Hypothesis.Kind.GROUP).toList();
      assertThat(groups).isSortedAccordingTo((x, y) -> Double.compare(y.probability(), x.probability()));
      int u = a.actors().indexOf(a.actors().stream().filter(h -> h.actorId().equals("UNKNOWN")).findFirst()
          .orElseThrow());
      double pu = a.actors().get(u).probability();
      for (Hypothesis before : a.actors().subList(0, u)) {
        assertThat(before.probability()).isGreaterThanOrEqualTo(pu / a.unknownCallRatio() - 1e-12);
      }
      for (Hypothesis after : a.actors().subList(u + 1, a.actors().size())) {
        assertThat(after.probability()).isLessThanOrEqualTo(pu + 1e-12);
      }
    }
  }

  @Test
  void attribute_unknownMoreProbableThanTheLeadingGroup_isNamedAfterItAndTheJudgementSaysSo() {
    Incident i = incident("T1059.001", "m:Orphan"); // a group's technique and malware no group is known for

    Assessment a = engine.attribute(i);

    double pu = probabilityOf(a, "UNKNOWN");
    assertThat(a.leading().kind()).isEqualTo(Hypothesis.Kind.GROUP);
    assertThat(pu).isGreaterThan(a.leading().probability()).isLessThan(a.leading().probability() * a.unknownCallRatio());
    assertThat(ReportModel.judgement(a, Lang.EN)).contains("It is more probable")
        .contains("an actor absent from the knowledge base did");
    assertThat(ReportModel.shown(a)).extracting(Hypothesis::actorId).contains("UNKNOWN");
  }

  @Test
  void judgement_inEnglish_saysThereIsForTheChanceTermsAndItIsForTheOthers() {
    java.util.Set<Boolean> kinds = new java.util.HashSet<>();
    KnowledgeBase real = Fixtures.real();
    AttributionEngine onReal = AttributionEngine.create(real);
    for (String[] objects : List.of(new String[] {Fixtures.technique("T1059.001"), Fixtures.technique("T1105")},
        new String[] {Fixtures.malware("WellMess"), Fixtures.malware("WellMail"), Fixtures.technique("T1027")},
        new String[] {Fixtures.malware("WellMess")})) {
      Assessment a = onReal.attribute(Fixtures.incident(real, objects));
      Estimative e = Estimative.of(a.leading().probability());
      kinds.add(e.chance());
      assertThat(ReportModel.judgement(a, Lang.EN)).as("%s", e)
          .startsWith((e.chance() ? "There is " : "It is ") + e.phrase(Lang.EN) + " that ");
    }
    assertThat(kinds).as("both kinds of term met").containsExactlyInAnyOrder(true, false);
  }

  private static double probabilityOf(Assessment a, String actor) {
    return a.actors().stream().filter(h -> h.actorId().equals(actor)).findFirst().orElseThrow().probability();
  }

  @Test
  void attribute_overlapWeight_raisesTheGroupWhoseKnownItemsAreObserved() {
    ModelParams without = ModelParams.DEFAULT.withOverlap(0);
    ModelParams with = ModelParams.DEFAULT.withOverlap(1);
    Incident i = incident("m:RedDoor", "T1600", "T1059.001");

    double p0 = probabilityOf(AttributionEngine.create(kb, without).attribute(i), "G0001");
    double p1 = probabilityOf(AttributionEngine.create(kb, with).attribute(i), "G0001");

    assertThat(p1).isGreaterThan(p0);
  }

  @Test
  void attribute_overlapWeight_leavesItemsNoGroupUsesNeutral() {
    Incident i = incident("m:Orphan", "T9999");

    Assessment a0 = AttributionEngine.create(kb, ModelParams.DEFAULT.withOverlap(0)).attribute(i);
    Assessment a1 = AttributionEngine.create(kb, ModelParams.DEFAULT.withOverlap(3)).attribute(i);

    for (Hypothesis h : a0.actors()) {
      assertThat(probabilityOf(a1, h.actorId())).isCloseTo(h.probability(), within(1e-12));
    }
  }

  @Test
  void modelParams_negativeOrNonFiniteOverlap_throws() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelParams.DEFAULT.withOverlap(-0.1));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelParams.DEFAULT.withOverlap(Double.NaN));
  }

  @Test
  void attribute_groupsOwnMalwareAndRareTechnique_leadToThatGroup() {
    Assessment a = engine.attribute(incident("m:RedDoor", "T1600", "T1059.001"));

    assertThat(a.leading().groupId()).isEqualTo("G0001");
  }

  @Test
  void attribute_onlyItemsNoKnownGroupUses_leadsToUnknown() {
    Assessment a = engine.attribute(incident("m:Orphan", "m:NeverSeen"));

    assertThat(a.leading().kind()).isEqualTo(Hypothesis.Kind.UNKNOWN);
  }

  @Test
  void attribute_campaignAttributedToGroup_countsAsThatGroupsBehaviour() {
    Model m = new Model(kb, ModelParams.DEFAULT);
    int gamma = m.profiles.groupIndex.get(kb.groupByExternalId("G0003").orElseThrow().id());

    assertThat(m.profiles.techniques.get(gamma)).contains(kb.techniqueByExternalId("T1566").orElseThrow().id());
  }

  @Test
  void likelihood_rareTechnique_weighsMoreThanCommonOne() {
    Model m = new Model(kb, ModelParams.DEFAULT);
    int alpha = m.profiles.groupIndex.get(kb.groupByExternalId("G0001").orElseThrow().id());

    double rare = ratio(m, incident("T1600").evidence().get(0), alpha);
    double common = ratio(m, incident("T1027").evidence().get(0), alpha);

    assertThat(rare).isGreaterThan(common);
  }

  @Test
  void likelihood_groupsOwnMalware_weighsMoreThanSharedPublicTool() {
    Model m = new Model(kb, ModelParams.DEFAULT);
    int alpha = m.profiles.groupIndex.get(kb.groupByExternalId("G0001").orElseThrow().id());

    double own = ratio(m, incident("m:RedDoor").evidence().get(0), alpha);
    double shared = ratio(m, incident("t:Mimikatz").evidence().get(0), alpha);

    assertThat(own).isGreaterThan(shared).isGreaterThan(0);
  }

  private static double ratio(Model m, Evidence e, int group) {
    double[] l = m.logLikelihoods(e);
    return l[group] - l[l.length - 1];
  }

  @Test
  void easeOfFaking_publicToolAndCommonTechnique_areCheaperThanCustomMalwareAndRareTechnique() {
    Model m = new Model(kb, ModelParams.DEFAULT);
    Incident i = incident("t:Mimikatz", "m:RedDoor", "T1027", "T1600");

    double tool = m.easeOfFaking(i.evidence().get(0));
    double custom = m.easeOfFaking(i.evidence().get(1));
    double common = m.easeOfFaking(i.evidence().get(2));
    double rare = m.easeOfFaking(i.evidence().get(3));

    assertThat(tool).isGreaterThan(custom);
    assertThat(common).isGreaterThan(rare);
  }

  @Test
  void attribute_falseFlagForLeadingGroups_isAHypothesis() {
    Assessment a = engine.attribute(incident("m:RedDoor", "T1600"));

    assertThat(a.hypotheses()).anyMatch(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG && h.groupId().equals("G0001")
        && h.probability() > 0);
  }

  @Test
  void attribute_falseFlags_areForTheThreeGroupsTheCallPutsFirst() {
    KnowledgeBase attack = Fixtures.real(); // 133 groups (the mini KB's three would all be leaders): there the
    // naive-Bayes leaders were TEMP.Veles, DarkVishnya, TG-1314 and the call's Magic Hound, Chimera, Wizard Spider
    Assessment a = AttributionEngine.create(attack).attribute(Fixtures.incident(attack, Fixtures.tool("PsExec"),
        Fixtures.technique("T1486"), Fixtures.technique("T1047"), Fixtures.technique("T1082"),
        Fixtures.technique("T1033"), Fixtures.malware("Zyxwvut Locker")));

    List<String> leaders = a.actors().stream().filter(h -> h.kind() == Hypothesis.Kind.GROUP).limit(3)
        .map(Hypothesis::groupId).toList();
    assertThat(a.hypotheses()).filteredOn(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG).extracting(Hypothesis::groupId)
        .containsExactlyInAnyOrderElementsOf(leaders);
  }

  @Test
  void attribute_commodityEvidenceAndAnUnknownFamily_makeFramingAGroupLessLikelyThanTheGroupItself() {
    KnowledgeBase attack = Fixtures.real(); // 133 groups: a public tool, common techniques, a family nobody has
    Assessment a = AttributionEngine.create(attack).attribute(Fixtures.incident(attack, Fixtures.tool("PsExec"),
        Fixtures.technique("T1486"), Fixtures.technique("T1047"), Fixtures.technique("T1082"),
        Fixtures.technique("T1033"), Fixtures.malware("Zyxwvut Locker")));

    for (Hypothesis flag : a.hypotheses().stream().filter(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG).toList()) {
      assertThat(flag.probability()).isLessThan(probabilityOf(a, flag.groupId()));
    }
  }

  @Test
  void create_forACaseloadWithMoreUnknownActors_movesTheOddsOfUnknownByTheRatioOfThePriorOdds() {
    Incident i = incident("T1059.001", "m:Orphan");
    double before = probabilityOf(engine.attribute(i), "UNKNOWN");

    Assessment a = AttributionEngine.create(kb, 0.6).attribute(i);

    double odds = probabilityOf(a, "UNKNOWN") / (1 - probabilityOf(a, "UNKNOWN"));
    double expected = before / (1 - before) * (0.6 / 0.4) / (ActorWeights.UNKNOWN_BASE_RATE
        / (1 - ActorWeights.UNKNOWN_BASE_RATE));
    assertThat(odds).isCloseTo(expected, within(1e-9));
    assertThat(a.unknownShare()).isEqualTo(0.6);
    assertThat(Reports.text(a, Lang.EN)).contains("Assumed share of incidents by actors absent from the knowledge"
        + " base: 60.0% (the model's own: 35.7%).");
    assertThat(Reports.text(engine.attribute(i), Lang.EN)).doesNotContain("Assumed share");
  }

  @Test
  void create_withAShareOutsideZeroToOne_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AttributionEngine.create(kb, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
  }

  @Test
  void attribute_itemWithZeroCredibility_changesNothing() {
    Incident base = incident("m:BlueShell", "T1566");
    Incident withDoubt = Fixtures.incident(kb, object("m:BlueShell"), object("T1566"),
        Fixtures.withConfidence(object("m:RedDoor"), 0));

    double p = engine.attribute(base).actors().get(0).probability();
    double q = engine.attribute(withDoubt).actors().get(0).probability();

    assertThat(q).isCloseTo(p, within(1e-9));
  }

  @Test
  void sensitivity_withoutEach_equalsAttributingWithoutThatItem() {
    Incident i = incident("m:RedDoor", "T1600", "t:Mimikatz", "T1105");
    Assessment a = engine.attribute(i);

    for (int k = 0; k < i.evidence().size(); k++) {
      Assessment without = engine.attribute(i.without(k));
      ItemInfluence inf = a.sensitivity().withoutEach().get(k);
      assertThat(inf.leaderWithout()).isEqualTo(without.leading().actorId());
      double leaderThen = without.actors().stream().filter(h -> h.actorId().equals(a.leading().actorId()))
          .findFirst().orElseThrow().probability();
      assertThat(inf.leaderProbabilityWithout()).isCloseTo(leaderThen, within(1e-9));
      assertThat(inf.leadingWithout()).extracting(Hypothesis::actorId)
          .containsExactlyElementsOf(without.actors().subList(0, 3).stream().map(Hypothesis::actorId).toList());
      assertThat(inf.leadingWithout().get(0).actorId()).isEqualTo(inf.leaderWithout());
      for (int h = 0; h < 3; h++) {
        assertThat(inf.leadingWithout().get(h).probability())
            .isCloseTo(without.actors().get(h).probability(), within(1e-9));
      }
    }
  }

  @Test
  void sensitivity_removingTheOverturnSet_changesTheLeaderAndNoSmallerSetDoes() {
    Incident i = incident("m:RedDoor", "T1600", "T1059.001", "t:Mimikatz");
    Assessment a = engine.attribute(i);
    List<Evidence> set = a.sensitivity().overturnSet();
    assertThat(set).isNotEmpty();

    List<Evidence> rest = new ArrayList<>(i.evidence());
    rest.removeAll(set);
    Assessment after = engine.attribute(new Incident(i.id(), i.name(), rest, i.unresolved()));

    assertThat(after.leading().actorId()).isNotEqualTo(a.leading().actorId())
        .isEqualTo(a.sensitivity().leaderAfterOverturn());
    if (set.size() > 1) {
      for (ItemInfluence single : a.sensitivity().withoutEach()) {
        assertThat(single.leaderWithout()).isEqualTo(a.leading().actorId());
      }
    }
  }

  @Test
  void matrix_hasUnknownColumnAndIsSortedByDiagnosticity() {
    Assessment a = engine.attribute(incident("m:RedDoor", "T1027", "T1566"));
    AchMatrix m = a.matrix();

    assertThat(m.columns()).anyMatch(h -> h.kind() == Hypothesis.Kind.UNKNOWN);
    assertThat(m.rows()).isSortedAccordingTo((x, y) -> Double.compare(y.diagnosticity(), x.diagnosticity()));
    assertThat(m.weightedInconsistency()).allMatch(w -> w >= 0);
  }

  @Test
  void matrix_realKnowledgeBase_ratesAGroupsOwnMalwareVeryConsistent() {
    KnowledgeBase real = Fixtures.real();
    Assessment a = AttributionEngine.create(real).attribute(Fixtures.incident(real, Fixtures.malware("WellMess"),
        Fixtures.technique("T1027")));
    AchMatrix m = a.matrix();
    int apt29 = m.columns().stream().map(Hypothesis::groupId).toList().indexOf("G0016");
    AchRow wellMess = m.rows().stream().filter(r -> r.evidence().label().contains("WellMess")).findFirst().orElseThrow();

    assertThat(wellMess.ratings().get(apt29)).isEqualTo(Consistency.VERY_CONSISTENT);
    assertThat(wellMess.diagnosticity()).isGreaterThan(4);
  }

  @Test
  void matrix_realKnowledgeBase_ratesACommonTechniqueConsistentWithTheGroupsKnownForIt_andNotDiagnostic() {
    KnowledgeBase real = Fixtures.real();
    Assessment a = AttributionEngine.create(real).attribute(Fixtures.incident(real, Fixtures.malware("WellMess"),
        Fixtures.technique("T1059.001"), Fixtures.technique("T1027")));
    AchMatrix m = a.matrix();
    AchRow powershell = m.rows().stream().filter(r -> r.evidence().label().startsWith("T1059.001")).findFirst()
        .orElseThrow();
    Profiles p = new Profiles(real);

    for (int c = 0; c < m.columns().size(); c++) {
      Hypothesis h = m.columns().get(c);
      if (h.kind() == Hypothesis.Kind.UNKNOWN) {
        assertThat(powershell.ratings().get(c)).isEqualTo(Consistency.NEUTRAL);
        continue;
      }
      Group g = real.groupByExternalId(h.groupId()).orElseThrow();
      boolean uses = p.techniques.get(p.groupIndex.get(g.id())).contains(powershell.evidence().matches().get(0));
      assertThat(powershell.ratings().get(c).compareTo(Consistency.CONSISTENT) <= 0).as(h.name()).isEqualTo(uses);
    }
    assertThat(powershell.diagnosticity()).isLessThan(1.5); // consistent with many groups: it tells them apart little
  }

  @Test
  void matrix_groupLackingTheOthersCustomMalware_isRatedInconsistentAndWeighted() {
    Assessment a = engine.attribute(incident("m:RedDoor", "m:BlueShell"));
    AchMatrix m = a.matrix();
    int gamma = m.columns().stream().map(Hypothesis::groupId).toList().indexOf("G0003");

    assertThat(gamma).isNotNegative();
    assertThat(m.rows()).allMatch(r -> r.ratings().get(gamma).inconsistencyWeight() > 0);
    assertThat(m.weightedInconsistency().get(gamma)).isPositive();
  }

  @Test
  void attribute_c2DomainsSharedIntelSaysIndicateOneGroup_pointToItAsItsOwnMalwareWould() throws Exception {
    KnowledgeBase real = Fixtures.real();
    String apt29 = real.groupByExternalId("G0016").orElseThrow().id();
    List<String> intel = new ArrayList<>();
    List<String> incident = new ArrayList<>();
    for (int d = 1; d <= 3; d++) {
      String ind = String.format("indicator--eeeeeeee-0000-4000-8000-%012d", d);
      intel.add("{\"type\":\"indicator\",\"id\":\"" + ind + "\",\"pattern_type\":\"stix\",\"pattern\":"
          + "\"[domain-name:value = 'c2-" + d + ".badcdn.example']\"}");
      intel.add(KnowledgeBaseTest.rel("indicates", ind, apt29));
      incident.add("{\"type\":\"domain-name\",\"id\":\"" + Fixtures.id("domain-name") + "\",\"value\":\"c2-" + d
          + ".badcdn.example\"}");
    }
    KnowledgeBase ext = real.extendedWith(intel);
    incident.add(Fixtures.technique("T1071.001"));

    Assessment a = AttributionEngine.create(ext).attribute(Fixtures.incident(ext, incident.toArray(String[]::new)));

    assertThat(a.leading().groupId()).isEqualTo("G0016");
    assertThat(a.leading().probability()).isGreaterThan(0.5); // was 4 %: the background was the three domains' own
    Assessment malware = AttributionEngine.create(real).attribute(Fixtures.incident(real, Fixtures.malware("WellMess"),
        Fixtures.technique("T1071.001")));
    assertThat(malware.leading().groupId()).isEqualTo("G0016");
  }

  @Test
  void attribute_realKnowledgeBase_apt29SoftwarePointsToApt29() {
    KnowledgeBase real = Fixtures.real();
    Incident i = Fixtures.incident(real, Fixtures.malware("WellMess"), Fixtures.malware("WellMail"),
        Fixtures.technique("T1195.002"), Fixtures.technique("T1078.004"));

    Assessment a = AttributionEngine.create(real).attribute(i);

    assertThat(a.leading().groupId()).isEqualTo("G0016");
  }

  @Test
  void attribute_victimInACountryAGroupIsKnownToTarget_makesThatGroupLikelier() {
    KnowledgeBase real = Fixtures.real();
    AttributionEngine e = AttributionEngine.create(real);
    String[] items = {Fixtures.technique("T1566.001"), Fixtures.technique("T1204.002"), Fixtures.technique("T1059.005")};
    String[] withVictims = java.util.Arrays.copyOf(items, items.length + 2);
    withVictims[items.length] = "{\"type\":\"location\",\"id\":\"location--ffffffff-0000-4000-8000-0000000000b1\","
        + "\"country\":\"KR\"}";
    withVictims[items.length + 1] = "{\"type\":\"identity\",\"id\":\"identity--ffffffff-0000-4000-8000-0000000000b2\","
        + "\"name\":\"Ministry of Unification\",\"identity_class\":\"organization\",\"sectors\":[\"government-national\"]}";

    double before = probability(e.attribute(Fixtures.incident(real, items)), "G0094"); // Kimsuky
    double after = probability(e.attribute(Fixtures.incident(real, withVictims)), "G0094");

    assertThat(after).isGreaterThan(before * 2);
  }

  private static double probability(Assessment a, String group) {
    return a.actors().stream().filter(h -> h.actorId().equals(group)).findFirst().orElseThrow().probability();
  }
}
