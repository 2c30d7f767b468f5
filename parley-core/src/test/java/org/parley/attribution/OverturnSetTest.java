package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The smallest set of items whose removal changes the leading actor, on the v12.1 knowledge base, for incidents with
 * a strong leader (half of a group's known techniques and its software): its removal overturns the leader, no item
 * of it is superfluous, and when it is called exact no smaller set does.
 */
class OverturnSetTest {
  private final KnowledgeBase kb = Fixtures.real();
  private final AttributionEngine engine = AttributionEngine.create(kb);
  private final Model model = new Model(kb, ModelParams.DEFAULT);

  private Incident strongIncident(Random r, Profiles p, int g) {
    List<String> objects = new ArrayList<>();
    for (String t : p.techniques.get(g)) {
      if (r.nextBoolean()) {
        objects.add(Fixtures.technique(kb.technique(t).orElseThrow().externalId()));
      }
    }
    for (String sw : p.software.get(g)) {
      objects.add(Fixtures.malware(kb.softwareById(sw).orElseThrow().name()));
    }
    return Fixtures.incident(kb, objects.toArray(String[]::new));
  }

  private static Incident without(Incident i, List<Evidence> removed) {
    List<Evidence> rest = new ArrayList<>(i.evidence());
    rest.removeAll(removed);
    return new Incident(i.id(), i.name(), rest, i.unresolved());
  }

  @Test
  void aSetOfThreeOrMore_overturnsTheLeader_losesItWithAnyItemBack_andWhenExactNoSmallerSetOverturns() {
    Random r = new Random(5);
    List<Group> groups = List.copyOf(kb.groups());
    int large = 0;
    int exactChecked = 0;
    for (int n = 0; n < 120 && (large < 6 || exactChecked < 2); n++) {
      Incident i = strongIncident(r, model.profiles, r.nextInt(groups.size()));
      if (i.evidence().size() < 4 || i.evidence().size() > 40) {
        continue;
      }
      Assessment a = engine.attribute(i);
      List<Evidence> set = a.sensitivity().overturnSet();
      if (set.size() < 3) {
        continue;
      }
      large++;
      String leader = a.leading().actorId();
      assertThat(engine.attribute(without(i, set)).leading().actorId()).as("case %d", n)
          .isNotEqualTo(leader).isEqualTo(a.sensitivity().leaderAfterOverturn());
      for (Evidence back : set) {
        List<Evidence> smaller = new ArrayList<>(set);
        smaller.remove(back);
        assertThat(engine.attribute(without(i, smaller)).leading().actorId())
            .as("case %d with %s back", n, back.label()).isEqualTo(leader);
      }
      if (a.sensitivity().exact() && set.size() == 3 && i.evidence().size() <= 30) {
        exactChecked++;
        List<Evidence> items = i.evidence();
        for (int x = 0; x < items.size(); x++) {
          for (int y = x + 1; y < items.size(); y++) {
            assertThat(engine.attribute(without(i, List.of(items.get(x), items.get(y)))).leading().actorId())
                .as("case %d without %s and %s", n, items.get(x).label(), items.get(y).label()).isEqualTo(leader);
          }
        }
      }
    }
    assertThat(large).as("incidents whose overturn set has three items or more").isGreaterThanOrEqualTo(6);
    assertThat(exactChecked).as("exact sets of three checked against every pair").isGreaterThanOrEqualTo(2);
  }

  @Test
  void overtaken_withTheRivalsLeftByTheBoundsForThreeItems_answersAsTheFullEvaluationForEveryTriple() {
    Random r = new Random(9);
    List<Group> groups = List.copyOf(kb.groups());
    int checked = 0;
    for (int n = 0; n < 60 && checked < 4; n++) {
      Incident i = strongIncident(r, model.profiles, r.nextInt(groups.size()));
      int items = i.evidence().size();
      if (items < 6 || items > 24) {
        continue;
      }
      checked++;
      Scores s = new Scores(model, ActorWeights.DEFAULT, i);
      int leader = s.leadingActor((boolean[]) null);
      int[] rivals = s.rivals(leader, 3);
      Totals t = s.copyOfAll();
      for (int x = 0; x < items; x++) {
        s.leaveOut(t, x, false);
        for (int y = x + 1; y < items; y++) {
          s.leaveOut(t, y, false);
          for (int z = y + 1; z < items; z++) {
            s.leaveOut(t, z, false);
            assertThat(s.overtaken(t, leader, rivals)).as("case %d without %d, %d, %d", n, x, y, z)
                .isEqualTo(s.leadingActor(t) != leader);
            s.leaveOut(t, z, true);
          }
          s.leaveOut(t, y, true);
        }
        s.leaveOut(t, x, true);
      }
    }
    assertThat(checked).isEqualTo(4);
  }
}
