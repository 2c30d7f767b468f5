package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.store.Candidate;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;

/**
 * Three nodes in one JVM on loopback, each with its own SQLite data directory ({@link FedNode#group}): A shares
 * two collections with B and C (both cleared to AMBER), who pull, verify and cosign. What the three-node tests
 * share: this setup, sharing and rounds, the rows a mirror holds, and rewriting a stored object's bytes.
 */
abstract class ThreeNodeSetup {
  static final String V1 = "2026-01-01T00:00:00.000Z";
  @TempDir Path tmp;
  FedNode a;
  FedNode b;
  FedNode c;
  String incident;
  String second;

  @BeforeEach
  void setUp() throws Exception {
    List<FedNode> group = FedNode.group(tmp, "A", "B", "C");
    a = group.get(0);
    b = group.get(1);
    c = group.get(2);
    SharingAgreement agreement = new SharingAgreement(List.of(
        new Member("A", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED),
        new Member("B", Set.of(Role.READ), Tlp.AMBER),
        new Member("C", Set.of(Role.READ), Tlp.AMBER)), Tlp.GREEN);
    incident = a.directory().addCollection("Incident 42", Optional.empty(), agreement);
    second = a.directory().addCollection("Incident 43", Optional.empty(), agreement);
  }

  @AfterEach
  void tearDown() {
    for (FedNode n : new FedNode[] {a, b, c}) {
      if (n != null) {
        n.close();
      }
    }
  }

  static StixObject indicator(int n, Optional<Tlp> tlp) {
    return TestObjects.indicator(n, V1, tlp);
  }

  void share(String collection, StixObject... objects) throws Exception {
    List<Candidate> cs = new ArrayList<>();
    for (StixObject o : objects) {
      cs.add(Candidate.accepted(o)); // the level as the origin's TAXII post reads it, granular markings included
    }
    assertThat(a.objects.append(collection, "A", cs).failureCount()).isZero();
  }

  /** A sequences and collects cosignatures, then B and C pull. */
  void rounds() throws Exception {
    a.round();
    b.round();
    c.round();
  }

  static List<StoredVersion> stored(FedNode n, String peer, String remote, boolean restricted) throws Exception {
    Optional<String> local = n.federation.mirror(peer, remote, restricted);
    if (local.isEmpty()) {
      return List.of();
    }
    return n.objects.query(new ObjectQuery(local.get(), new Viewer(n.party, Tlp.RED, Tlp.RED),
        OptionalLong.empty(), List.of(), List.of(), List.of(), VersionFilter.ALL, OptionalLong.empty(), 1000)).rows();
  }

  static List<String> ids(List<StoredVersion> rows) {
    return rows.stream().map(StoredVersion::objectId).toList();
  }

  static byte[] tampered(StixObject o) {
    return o.json().utf8().replace("kept  as  is", "tampered").getBytes(StandardCharsets.UTF_8);
  }

  static void rewriteObject(Connection raw, StixObject o, byte[] json) throws Exception {
    try (PreparedStatement ps = raw.prepareStatement("UPDATE objects SET json = ? WHERE object_id = ?")) {
      ps.setBytes(1, json);
      ps.setString(2, o.id());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
