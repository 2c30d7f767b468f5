package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.node.store.Candidate;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.TestDatabases;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;

/** A puller whose node runs on PostgreSQL: pulls, and applies the origin's deletions (its cursors are stored there). */
class PostgresPullerTest extends TwoNodes {
  String postgres;

  @AfterEach
  void dropDatabase() throws Exception {
    closeNodes(); // before the database goes: JUnit runs this class's @AfterEach before the base class's
    a = null;
    b = null;
    if (postgres != null) {
      TestDatabases.dropPostgres(postgres);
    }
  }

  @Test
  void aPullerOnPostgres_appliesTheOriginsDeletions() throws Exception {
    a = FedNode.start("A", tmp.resolve("a"), Duration.ofMillis(100));
    postgres = TestDatabases.createPostgres();
    b = FedNode.startOn("B", postgres, Duration.ofMillis(100));
    String coll = pairUp();
    StixObject kept = TestObjects.indicator(1, "2026-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN));
    StixObject retracted = TestObjects.indicator(2, "2026-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN));
    assertThat(a.objects.append(coll, "A", List.of(Candidate.accepted(kept), Candidate.accepted(retracted)))
        .failureCount()).isZero();
    a.round();
    b.round();
    assertThat(held(coll)).containsExactly(kept.id(), retracted.id());

    a.objects.delete(coll, new Viewer("A", Tlp.RED, Tlp.RED), retracted.id(), VersionFilter.ALL, List.of());
    a.round();
    b.round();

    assertThat(held(coll)).containsExactly(kept.id());
    assertThat(b.federation.alerts()).isEmpty();
  }

  List<String> held(String remote) throws Exception {
    String local = b.federation.mirror("A", remote, false).orElseThrow();
    return b.objects.query(new ObjectQuery(local, new Viewer("B", Tlp.RED, Tlp.RED), OptionalLong.empty(), List.of(),
        List.of(), List.of(), VersionFilter.ALL, OptionalLong.empty(), 100)).rows().stream()
        .map(StoredVersion::objectId).toList();
  }
}
