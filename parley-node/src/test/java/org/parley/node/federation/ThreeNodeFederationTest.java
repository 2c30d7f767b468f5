package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.log.LogLeaf;
import org.parley.node.store.Micros;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;
import org.parley.tlog.SignedCheckpoint;

/**
 * Three nodes ({@link ThreeNodeSetup}): A shares, B and C pull, verify and cosign: what each mirror holds and its
 * provenance, the puller's own log, witnesses, mirror titles and members, and deletions at the origin reaching
 * the mirrors (or not, for a copy that is not the version logged).
 */
class ThreeNodeFederationTest extends ThreeNodeSetup {
  @Test
  void shareThenPull_objectsAreVerifiedCosignedAndStoredWithProvenance() throws Exception {
    StixObject green = indicator(1, Optional.of(Tlp.GREEN));
    StixObject amber = indicator(2, Optional.of(Tlp.AMBER));
    StixObject unmarked = indicator(3, Optional.empty());
    StixObject red = indicator(4, Optional.of(Tlp.RED));
    share(incident, green, amber, unmarked, red);

    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, false))).containsExactly(green.id());
      assertThat(ids(stored(n, "A", incident, true))).containsExactly(amber.id(), unmarked.id());
      Provenance p = n.federation.provenance(n.federation.mirror("A", incident, false).orElseThrow(), green.id(), V1)
          .orElseThrow();
      assertThat(p.originParty()).isEqualTo("A");
      assertThat(p.originCollection()).isEqualTo(incident);
      assertThat(p.originLeafIndex()).isBetween(0L, 3L);
      assertThat(n.federation.alerts()).isEmpty();
    }
    SignedCheckpoint cp = a.log.checkpoint().orElseThrow();
    assertThat(cp.checkpoint().size()).isEqualTo(4);
    assertThat(cp.cosignatures(List.of(b.federation.witnessKey(), c.federation.witnessKey()))).hasSize(2);
  }

  @Test
  void pulledObjects_enterThePullersOwnLog() throws Exception {
    StixObject green = indicator(1, Optional.of(Tlp.GREEN));
    share(incident, green);
    rounds();

    b.log.sequence();

    String mirror = b.federation.mirror("A", incident, false).orElseThrow();
    assertThat(b.log.proof(mirror, green.id(), Micros.parse(V1), LogLeaf.Op.ADD)).isPresent();
  }

  @Test
  void deletionAtTheOrigin_removesTheMirroredCopiesAndEntersThePullersLogs() throws Exception {
    StixObject kept = indicator(1, Optional.of(Tlp.GREEN));
    StixObject retracted = indicator(2, Optional.of(Tlp.GREEN));
    StixObject retractedAmber = indicator(3, Optional.of(Tlp.AMBER));
    share(incident, kept, retracted, retractedAmber);
    rounds();
    assertThat(ids(stored(b, "A", incident, false))).containsExactly(kept.id(), retracted.id());

    Viewer owner = new Viewer("A", Tlp.RED, Tlp.RED);
    assertThat(a.objects.delete(incident, owner, retracted.id(), VersionFilter.ALL, List.of())).isEqualTo(1);
    assertThat(a.objects.delete(incident, owner, retractedAmber.id(), VersionFilter.ALL, List.of())).isEqualTo(1);
    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, false))).containsExactly(kept.id());
      assertThat(ids(stored(n, "A", incident, true))).isEmpty();
      assertThat(n.federation.alerts()).isEmpty();
      n.log.sequence();
      String mirror = n.federation.mirror("A", incident, false).orElseThrow();
      assertThat(n.log.proof(mirror, retracted.id(), Micros.parse(V1), LogLeaf.Op.DELETE)).isPresent();
    }

    rounds(); // the deletion cursor moved on: nothing is applied twice, nothing else goes
    assertThat(ids(stored(b, "A", incident, false))).containsExactly(kept.id());
  }

  @Test
  void anObjectDeletedThenSharedAgainWhileAPullerWasAway_staysWithThePuller() throws Exception {
    StixObject o = indicator(1, Optional.of(Tlp.GREEN));
    share(incident, o);
    a.objects.delete(incident, new Viewer("A", Tlp.RED, Tlp.RED), o.id(), VersionFilter.ALL, List.of());
    share(incident, o); // the origin holds it again: its add leaf comes after the delete leaf

    rounds();
    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, false))).as("%s's mirror", n.party).containsExactly(o.id());
      assertThat(n.federation.alerts()).isEmpty();
    }
  }

  @Test
  void anObjectDeletedThenSharedAgainAfterAPullerHeldIt_staysWithThePuller() throws Exception {
    StixObject o = indicator(1, Optional.of(Tlp.GREEN));
    share(incident, o);
    rounds();
    a.objects.delete(incident, new Viewer("A", Tlp.RED, Tlp.RED), o.id(), VersionFilter.ALL, List.of());
    share(incident, o);

    rounds();
    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, false))).as("%s's mirror", n.party).containsExactly(o.id());
    }
  }

  @Test
  void deletionOfAnObservableWithoutVersion_reachesTheMirrors_whoseCopyHasItsOwnDateAdded() throws Exception {
    StixObject ip = TestObjects.sco("198.51.100.9"); // no modified: its version is each node's date_added
    share(incident, ip);
    rounds();
    assertThat(ids(stored(b, "A", incident, true))).containsExactly(ip.id()); // unmarked: the restricted mirror

    a.objects.delete(incident, new Viewer("A", Tlp.RED, Tlp.RED), ip.id(), VersionFilter.ALL, List.of());
    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, true))).as("%s's mirror", n.party).isEmpty();
      assertThat(n.federation.alerts()).isEmpty();
    }
  }

  @Test
  void deletionLeafForAnotherVersionThanTheOneHeld_isRefusedWithAnAlert() throws Exception {
    StixObject o = indicator(1, Optional.of(Tlp.GREEN));
    share(incident, o);
    rounds();
    try (Connection raw = b.raw()) { // B's copy is no longer the version A logged and now deletes
      rewriteObject(raw, o, tampered(o));
    }

    a.objects.delete(incident, new Viewer("A", Tlp.RED, Tlp.RED), o.id(), VersionFilter.ALL, List.of());
    rounds();

    assertThat(ids(stored(b, "A", incident, false))).containsExactly(o.id());
    assertThat(b.federation.alerts()).extracting(Alert::kind).contains("object-mismatch");
  }

  @Test
  void anObjectWithAGranularAmberPart_isPulledAsAmber_intoTheRestrictedMirror() throws Exception {
    StixObject clear = indicator(5, Optional.of(Tlp.CLEAR));
    String json = clear.json().utf8().replace(",\"x_custom\"", ",\"description\":\"the victim's name, AMBER\","
        + "\"granular_markings\":[{\"marking_ref\":\"" + Tlp.AMBER.markingRef() + "\",\"selectors\":[\"description\"]}],"
        + "\"x_custom\"");
    StixObject amberPart = new StixObject(clear.id(), clear.type(), clear.specVersion(), clear.created(),
        clear.modified(), clear.objectMarkingRefs(), org.parley.stix.Bytes.utf8(json));
    share(incident, amberPart);

    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, false))).as("the shareable mirror").isEmpty();
      assertThat(stored(n, "A", incident, true)).singleElement().satisfies(r -> {
        assertThat(r.objectId()).isEqualTo(clear.id());
        assertThat(r.level()).contains(Tlp.AMBER); // it was CLEAR, in the mirror every member reads
      });
    }
  }

  @Test
  void aPeersCollectionTitledLikeARestrictedMirror_givesAShareableMirrorThatDoesNotSaySo() throws Exception {
    String ops = a.directory().addCollection("Ops" + Mirrors.RESTRICTED, Optional.empty(), new SharingAgreement(
        List.of(new Member("A", Set.of(Role.READ, Role.WRITE), Tlp.RED), new Member("B", Set.of(Role.READ), Tlp.GREEN)),
        Tlp.GREEN));
    share(ops, indicator(1, Optional.of(Tlp.GREEN)));

    rounds();

    String mirror = b.federation.mirror("A", ops, false).orElseThrow();
    assertThat(b.directory().collection(mirror).orElseThrow().title()).isEqualTo("From A: Ops");
  }

  @Test
  void aWitnessAddedWhileTheLogIsIdle_isAskedAtOnce() throws Exception {
    try (Connection raw = a.raw(); var ps = raw.prepareStatement("DELETE FROM fed_peer WHERE name = 'C'")) {
      assertThat(ps.executeUpdate()).isEqualTo(1); // A knows only B's witness at first
    }
    share(incident, indicator(1, Optional.of(Tlp.GREEN)));
    a.round();
    a.round(); // settled: every witness it knows has cosigned this size
    SignedCheckpoint first = a.log.checkpoint().orElseThrow();
    assertThat(first.cosignatures(List.of(c.federation.witnessKey()))).isEmpty();

    a.addPeer(c); // the log does not grow
    a.round();

    SignedCheckpoint now = a.log.checkpoint().orElseThrow();
    assertThat(now.checkpoint().size()).isEqualTo(first.checkpoint().size());
    assertThat(now.cosignatures(List.of(b.federation.witnessKey(), c.federation.witnessKey()))).hasSize(2);
  }

  @Test
  void restrictedMirror_isReadableByNoOtherParty() throws Exception {
    share(incident, indicator(2, Optional.of(Tlp.AMBER)));
    rounds();

    String restricted = b.federation.mirror("A", incident, true).orElseThrow();
    SharingAgreement agreement = b.directory().collection(restricted).orElseThrow().agreement();
    assertThat(agreement.members()).extracting(Member::party).containsExactly("B");
    c.round();
    assertThat(c.federation.mirror("B", restricted, true)).isEmpty();
    assertThat(c.federation.mirror("B", restricted, false)).isEmpty();
  }
}
