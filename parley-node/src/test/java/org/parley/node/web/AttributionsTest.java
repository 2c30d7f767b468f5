package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.parley.marking.Tlp;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.junit.jupiter.api.Test;

/** The console's attributions are computed once per set of inputs a party can see, and never too many at once. */
class AttributionsTest extends ConsoleFixture {
  /** The demo collection handles unmarked objects as AMBER. */
  private static final org.parley.marking.Tlp AMBER = org.parley.marking.Tlp.AMBER;

  private final Viewer bob = new Viewer("bob", Tlp.AMBER, Tlp.AMBER);
  private final Viewer alice = new Viewer("alice", Tlp.RED, Tlp.AMBER);

  private StoredVersion report(Viewer v) throws Exception {
    return CollectionRoutes.all(node.objects(), demo, v, List.of(REPORT_ID), List.of(), VersionFilter.LAST, 1).get(0);
  }

  @Test
  void theSameInputsTwice_areComputedOnce_andNewIntelOrAnotherViewComputesAgain() throws Exception {
    importAttack();
    seedAttributionCase();
    Attributions a = new Attributions(tmp, 1);
    org.parley.attribution.KnowledgeBase kb = a.base().orElseThrow();

    Attributions.Outcome first = a.attribute(node.objects(), demo, bob, report(bob), kb, AMBER);
    Attributions.Outcome again = a.attribute(node.objects(), demo, bob, report(bob), kb, AMBER);
    int afterRepeat = a.computed();
    a.attribute(node.objects(), demo, alice, report(alice), kb, AMBER); // alice also sees the RED implant
    seed("alice", sdo("intrusion-set", "intrusion-set--9c1a4bde-3b55-4f0a-8d0e-3a4b5c6d7e09", "Quiet Ferry", "",
        Tlp.GREEN));
    Attributions.Outcome withNewIntel = a.attribute(node.objects(), demo, bob, report(bob), kb, AMBER);

    assertThat(again).isSameAs(first);
    assertThat(afterRepeat).isEqualTo(1);
    assertThat(a.computed()).isEqualTo(3);
    assertThat(withNewIntel.intel()).isEqualTo(first.intel() + 1);
  }

  @Test
  void theDataDirsSettings_setTheShareOfUnknownActors_andAChangeComputesAgain() throws Exception {
    importAttack();
    seedAttributionCase();
    Attributions a = new Attributions(tmp, 1);
    org.parley.attribution.KnowledgeBase kb = a.base().orElseThrow();
    Attributions.Outcome before = a.attribute(node.objects(), demo, bob, report(bob), kb, AMBER);

    new org.parley.attribution.AttributionSettings(0.6).write(tmp);
    kb = a.base().orElseThrow();
    Attributions.Outcome after = a.attribute(node.objects(), demo, bob, report(bob), kb, AMBER);

    assertThat(before.assessment().unknownShare()).isEqualTo(
        org.parley.attribution.AttributionSettings.DEFAULT.unknownShare());
    assertThat(after.assessment().unknownShare()).isEqualTo(0.6);
    assertThat(a.computed()).isEqualTo(2);
  }

  @Test
  void whenEveryComputingSlotIsTaken_aNewAssessmentIsRefusedAndNothingIsCached() throws Exception {
    importAttack();
    seedAttributionCase();
    Attributions none = new Attributions(tmp, 0);
    org.parley.attribution.KnowledgeBase kb = none.base().orElseThrow();

    assertThatThrownBy(() -> none.attribute(node.objects(), demo, bob, report(bob), kb, AMBER))
        .isInstanceOf(Attributions.Busy.class).hasMessageContaining("retry");
    assertThat(none.computed()).isZero();
  }
}
