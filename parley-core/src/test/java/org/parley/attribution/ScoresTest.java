package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The actor layer: features that stay exact when items are left out, and one posterior behind every view. */
class ScoresTest {
  private static final List<String> ITEMS = List.of("T1059", "T1059.001", "T1566", "T1027", "T1600", "T1105",
      "T1003", "m:RedDoor", "t:Mimikatz", "m:BlueShell", "m:Orphan", "m:NeverSeen", "T9999");
  private final KnowledgeBase kb = Fixtures.mini();
  private final Model model = new Model(kb, ModelParams.DEFAULT);

  private static String object(String item) {
    return item.startsWith("m:") ? Fixtures.malware(item.substring(2))
        : item.startsWith("t:") ? Fixtures.tool(item.substring(2)) : Fixtures.technique(item);
  }

  private Incident randomIncident(Random r) {
    List<String> objects = new ArrayList<>();
    for (int k = r.nextInt(9); k >= 0; k--) {
      String o = object(ITEMS.get(r.nextInt(ITEMS.size())));
      objects.add(r.nextBoolean() ? Fixtures.withConfidence(o, r.nextInt(101)) : o);
    }
    return Fixtures.incident(kb, objects.toArray(String[]::new));
  }

  @Test
  void features_withItemsLeftOut_equalTheFeaturesOfTheIncidentWithoutThem() {
    Random r = new Random(3);
    for (int n = 0; n < 80; n++) {
      Incident i = randomIncident(r);
      boolean[] removed = new boolean[i.evidence().size()];
      List<Evidence> rest = new ArrayList<>();
      for (int e = 0; e < removed.length; e++) {
        removed[e] = r.nextInt(3) == 0;
        if (!removed[e]) {
          rest.add(i.evidence().get(e));
        }
      }

      double[][] subtracted = new Scores(model, ActorWeights.DEFAULT, i).features(removed);
      double[][] fresh = new Scores(model, ActorWeights.DEFAULT, new Incident(i.id(), i.name(), rest, i.unresolved()))
          .features(null);

      for (int a = 0; a < fresh.length; a++) {
        for (int k = 0; k < fresh[a].length; k++) {
          assertThat(subtracted[a][k]).as("actor %d feature %d", a, k).isCloseTo(fresh[a][k], within(1e-9));
        }
      }
    }
  }

  @Test
  void posterior_groupsCarryTheirActorProbabilityAndUnknownIsSharedWithTheFalseFlags() {
    Random r = new Random(5);
    for (int n = 0; n < 40; n++) {
      Scores s = new Scores(model, ActorWeights.DEFAULT, randomIncident(r));

      double[] actors = s.actors(null);
      double[] post = s.posterior(null);

      double unknownSide = 0;
      for (int h = 0; h < post.length; h++) {
        if (h < s.unknown) {
          assertThat(post[h]).isCloseTo(actors[h], within(1e-12));
        } else {
          unknownSide += post[h];
        }
      }
      assertThat(unknownSide).isCloseTo(actors[s.unknown], within(1e-12));
      assertThat(java.util.Arrays.stream(post).sum()).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void features_groupsOwnMalware_raisesItsCoverageAndNearestReportAboveOtherGroups() {
    Scores s = new Scores(model, ActorWeights.DEFAULT, Fixtures.incident(kb, object("m:RedDoor"), object("T1600")));
    int red = model.profiles.groupIndex.get(kb.groupByExternalId("G0001").orElseThrow().id());

    double[][] f = s.features(null);

    for (int g = 0; g < s.unknown; g++) {
      if (g != red) {
        assertThat(f[red][1]).as("cosine").isGreaterThan(f[g][1]);
        assertThat(f[red][4]).as("software share").isGreaterThan(f[g][4]);
      }
    }
  }

  @Test
  void features_itemsOfOneKnownReport_matchThatReportExactly() {
    Scores s = new Scores(model, ActorWeights.DEFAULT, Fixtures.incident(kb, object("m:RedDoor"), object("T1600")));
    int red = model.profiles.groupIndex.get(kb.groupByExternalId("G0001").orElseThrow().id());

    double[][] f = s.features(null);

    assertThat(f[red][5]).isCloseTo(1, within(1e-9)); // "Alpha Report" documents exactly these two items
    for (int g = 0; g < s.unknown; g++) {
      if (g != red) {
        assertThat(f[g][5]).isZero(); // no other group has a report
      }
    }
  }

  @Test
  void features_malwareNoGroupKnows_isTheUnknownMalwareShare() {
    Scores s = new Scores(model, ActorWeights.DEFAULT,
        Fixtures.incident(kb, object("m:NeverSeen"), object("m:RedDoor"), object("T1566")));

    double[] unknown = s.features(null)[s.unknown];

    assertThat(unknown[3]).isCloseTo(0.5, within(1e-9)); // one of the two malware families is new
    assertThat(unknown[0]).isEqualTo(1); // bias
  }

  @Test
  void actors_evidenceLinkingToNoGroup_areThePrior() {
    for (Incident i : List.of(Fixtures.incident(kb), Fixtures.incident(kb, object("m:NeverSeen"), object("T9999")))) {
      Scores s = new Scores(model, ActorWeights.DEFAULT, i);

      double[] a = s.actors(null);

      assertThat(a[s.unknown]).isCloseTo(ActorWeights.UNKNOWN_BASE_RATE, within(1e-12));
      for (int g = 0; g < s.unknown; g++) { // the groups keep their prior proportions
        double prior = Math.exp(model.logPrior[g]) / (1 - model.params.priorUnknown());
        assertThat(a[g]).isCloseTo((1 - ActorWeights.UNKNOWN_BASE_RATE) * prior, within(1e-12));
      }
    }
  }

  @Test
  void actors_oneItemThatLinksToAGroup_leavesThePrior() {
    Scores s = new Scores(model, ActorWeights.DEFAULT, Fixtures.incident(kb, object("m:NeverSeen"), object("m:RedDoor")));
    Scores without = new Scores(model, ActorWeights.DEFAULT, Fixtures.incident(kb, object("m:NeverSeen")));

    int red = model.profiles.groupIndex.get(kb.groupByExternalId("G0001").orElseThrow().id());

    assertThat(s.actors(null)[red]).isGreaterThan(without.actors(null)[red]);
    assertThat(s.leadingActor(new boolean[] {false, true})).isEqualTo(s.unknown); // RedDoor left out: the prior
  }

  @Test
  void actorWeights_wrongLengthOrNonFinite_throws() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new ActorWeights(new double[2], new double[ActorWeights.UNKNOWN_FEATURES], 0));
    double[] g = new double[ActorWeights.GROUP_FEATURES];
    g[0] = Double.NaN;
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new ActorWeights(g, new double[ActorWeights.UNKNOWN_FEATURES], 0));
  }

  @Test
  void overtaken_withOnlyTheRivalsTheBoundsLeave_answersAsTheFullEvaluationForEveryPairLeftOut() {
    KnowledgeBase real = Fixtures.real();
    Model m = new Model(real, ModelParams.DEFAULT);
    List<Group> groups = List.copyOf(real.groups());
    List<String> countries = List.of("KR", "UA", "US", "IL", "SA", "TW", "IN", "VN");
    Random r = new Random(11);
    int pruned = 0;
    for (int n = 0; n < 40; n++) { // part of one group's known items, some noise, maybe a victim
      Profiles p = m.profiles;
      int g = r.nextInt(groups.size());
      List<String> objects = new ArrayList<>();
      for (String t : p.techniques.get(g)) {
        if (r.nextInt(3) == 0) {
          String ext = real.technique(t).orElseThrow().externalId();
          objects.add(r.nextBoolean() ? Fixtures.withConfidence(Fixtures.technique(ext), 30 + r.nextInt(71))
              : Fixtures.technique(ext));
        }
      }
      for (String sw : p.software.get(g)) {
        if (r.nextInt(3) == 0) {
          objects.add(Fixtures.malware(real.softwareById(sw).orElseThrow().name()));
        }
      }
      objects.add(Fixtures.technique(List.of("T1059", "T1105", "T1027", "T1071").get(r.nextInt(4))));
      if (r.nextBoolean()) {
        objects.add("{\"type\":\"location\",\"id\":\"" + Fixtures.id("location") + "\",\"country\":\""
            + countries.get(r.nextInt(countries.size())) + "\"}");
      }
      Scores s = new Scores(m, ActorWeights.DEFAULT, Fixtures.incident(real, objects.toArray(String[]::new)));
      int leader = s.leadingActor((boolean[]) null);
      int[] rivals = s.rivals(leader, 2);
      if (rivals != null && rivals.length < groups.size() / 2) {
        pruned++;
      }
      Totals t = s.copyOfAll();
      int items = s.evidence.size();
      for (int i = 0; i < items; i++) {
        s.leaveOut(t, i, false);
        for (int j = i + 1; j < items; j++) {
          s.leaveOut(t, j, false);
          assertThat(s.overtaken(t, leader, rivals)).as("case %d without %d and %d", n, i, j)
              .isEqualTo(s.leadingActor(t) != leader);
          s.leaveOut(t, j, true);
        }
        s.leaveOut(t, i, true);
      }
    }

    // the pruned path must be exercised (how often it prunes depends on the fitted weights: 7 of 40 since session 10)
    assertThat(pruned).as("incidents where the bounds leave fewer than half the groups").isGreaterThanOrEqualTo(5);
  }

  @Test
  void largest_sumsTheKLargestPositiveValues() {
    assertThat(OverturnBounds.largest(new double[] {0.5, -3, 2, 1}, 2)).isEqualTo(3.0);
    assertThat(OverturnBounds.largest(new double[] {-1, -2}, 2)).isEqualTo(0.0);
    assertThat(OverturnBounds.largest(new double[] {4}, 2)).isEqualTo(4.0);
  }
}
