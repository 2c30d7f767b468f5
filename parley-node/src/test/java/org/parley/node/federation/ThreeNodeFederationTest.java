package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.log.LogLeaf;
import org.parley.node.log.LogLeaves;
import org.parley.node.store.Candidate;
import org.parley.node.store.Micros;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;
import org.parley.tlog.SignedCheckpoint;

/**
 * Three nodes in one JVM on loopback, each with its own SQLite data directory: A shares, B and C pull, verify
 * and cosign; then A's database is tampered with and B and C refuse what no longer matches A's cosigned log.
 */
class ThreeNodeFederationTest {
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
  void aCheckpointServedToThePullerWithAnotherRootThanTheWitnessCosigned_isAForkAlert_andNothingIsPulled()
      throws Exception {
    share(incident, indicator(1, Optional.of(Tlp.GREEN)));
    a.round(); // B's witness cosigns A's size-1 tree
    String origin = a.log.checkpoint().orElseThrow().checkpoint().origin();
    try (Connection raw = b.raw(); var ps = raw.prepareStatement(
        "UPDATE fed_witness_state SET root = ? WHERE origin = ?")) { // as if A had shown B's witness another root
      ps.setString(1, "00".repeat(32));
      ps.setString(2, origin);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    b.round();

    assertThat(b.federation.alerts()).singleElement().satisfies(al -> {
      assertThat(al.kind()).isEqualTo("fork");
      assertThat(al.peer()).isEqualTo("A");
      assertThat(al.evidence()).contains("offered_checkpoint").contains("last_cosigned_root");
    });
    assertThat(ids(stored(b, "A", incident, false))).isEmpty();
  }

  @Test
  void aPeerServingAnErrorPageForItsCheckpoint_isAFetchFailure_notAnAlert_andOtherPeersStillPull() throws Exception {
    com.sun.net.httpserver.HttpServer page = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.atomic.AtomicInteger request = new java.util.concurrent.atomic.AtomicInteger();
    page.createContext("/", x -> { // a proxy's maintenance page, different every time
      byte[] html = ("<html><body>Maintenance. Request id " + request.incrementAndGet() + "</body></html>")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "text/html");
      x.sendResponseHeaders(200, html.length);
      x.getResponseBody().write(html);
      x.close();
    });
    page.start();
    try {
      b.federation.addPeer(new Peer("Z", java.net.URI.create("http://127.0.0.1:" + page.getAddress().getPort()), "t",
          org.parley.tlog.SignerKey.generate("z.example/parley", new java.security.SecureRandom()).verifierKey(),
          Optional.empty()));
      StixObject o = indicator(1, Optional.of(Tlp.GREEN));
      share(incident, o);

      for (int i = 0; i < 3; i++) {
        rounds();
      }

      assertThat(request.get()).isGreaterThanOrEqualTo(3);
      assertThat(b.federation.alerts()).isEmpty();
      assertThat(ids(stored(b, "A", incident, false))).containsExactly(o.id());
    } finally {
      page.stop(0);
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

  @Test
  void tamperedObjectRowAndRewrittenLogEntry_areRefusedByBothPeersWithAlerts() throws Exception {
    share(incident, indicator(1, Optional.of(Tlp.GREEN)));
    rounds();
    StixObject o5 = indicator(5, Optional.of(Tlp.GREEN));
    StixObject o6 = indicator(6, Optional.of(Tlp.GREEN));
    share(incident, o5);
    share(second, o6);
    a.log.sequence();

    try (Connection raw = a.raw()) {
      rewriteObject(raw, o5, tampered(o5));
      byte[] t6 = tampered(o6);
      rewriteObject(raw, o6, t6);
      rewriteLeaf(raw, o6, t6);
    }
    rounds();
    rounds();

    for (FedNode n : List.of(b, c)) {
      assertThat(ids(stored(n, "A", incident, false))).doesNotContain(o5.id());
      assertThat(ids(stored(n, "A", second, false))).doesNotContain(o6.id());
      assertThat(n.federation.alerts()).extracting(Alert::kind)
          .containsExactlyInAnyOrder("object-mismatch", "inclusion-failed");
      assertThat(n.federation.alerts()).allSatisfy(al -> assertThat(al.evidence()).contains("checkpoint")
          .contains("proof_bundle"));
    }
    assertThat(alertsStatus(b, "auditor")).isEqualTo(403);
    JsonNode served = alertsOverHttp(b);
    assertThat(served.path("alerts")).hasSize(2);
    assertThat(served.path("alerts").get(0).path("evidence").path("object").asText()).contains("tampered");
  }

  @Test
  void pull_whenTheCursorCannotBeWritten_storesNothing_thenResumesWithoutGapOrDuplicate() throws Exception {
    share(incident, indicator(1, Optional.of(Tlp.GREEN)), indicator(2, Optional.of(Tlp.GREEN)));
    a.round();
    try (Connection raw = b.raw()) {
      // Fault injection inside the store's transaction: the cursor write, the last step before commit, fails.
      raw.createStatement().executeUpdate("CREATE TRIGGER injected_crash BEFORE INSERT ON fed_cursor"
          + " BEGIN SELECT RAISE(ABORT, 'injected crash before commit'); END");
    }

    b.round();

    assertThat(stored(b, "A", incident, false)).isEmpty();
    assertThat(b.federation.mirror("A", incident, false)).isPresent();
    b.log.sequence();
    assertThat(b.log.checkpoint().map(x -> x.checkpoint().size()).orElse(0L)).isZero();
    try (Connection raw = b.raw()) {
      raw.createStatement().executeUpdate("DROP TRIGGER injected_crash");
    }
    b.round();
    share(incident, indicator(3, Optional.of(Tlp.GREEN)));
    a.round();
    b.round();
    b.round();
    assertThat(ids(stored(b, "A", incident, false))).containsExactly(
        indicator(1, Optional.empty()).id(), indicator(2, Optional.empty()).id(), indicator(3, Optional.empty()).id());
    b.log.sequence();
    assertThat(b.log.checkpoint().orElseThrow().checkpoint().size()).isEqualTo(3);
  }

  @Test
  void pull_afterRestart_resumesFromTheStoredCursor() throws Exception {
    share(incident, indicator(1, Optional.of(Tlp.GREEN)));
    rounds();
    b.close();
    share(incident, indicator(2, Optional.of(Tlp.GREEN)));
    b = FedNode.start("B", tmp.resolve("b"), Duration.ofMillis(100));
    a.addPeer(b);
    c.addPeer(b);

    rounds();

    assertThat(ids(stored(b, "A", incident, false))).containsExactly(
        indicator(1, Optional.empty()).id(), indicator(2, Optional.empty()).id());
    b.log.sequence();
    assertThat(b.log.checkpoint().orElseThrow().checkpoint().size()).isEqualTo(2);
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

  /** Rewrites the object's leaf so that it names the tampered bytes: the tree's hashes no longer match it. */
  static void rewriteLeaf(Connection raw, StixObject o, byte[] json) throws Exception {
    byte[] entry;
    try (PreparedStatement ps = raw.prepareStatement("SELECT entry FROM log_entries WHERE object_id = ?")) {
      ps.setString(1, o.id());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        entry = rs.getBytes(1);
      }
    }
    LogLeaf leaf = LogLeaves.parse(entry);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    LogLeaf forged = new LogLeaf(leaf.op(), leaf.collection(), leaf.objectId(), leaf.version(), sha, leaf.party(),
        leaf.date());
    try (PreparedStatement ps = raw.prepareStatement("UPDATE log_entries SET entry = ? WHERE object_id = ?")) {
      ps.setBytes(1, forged.encode());
      ps.setString(2, o.id());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  /** The alerts as the node's own party reads them over HTTP. */
  static JsonNode alertsOverHttp(FedNode n) throws Exception {
    HttpResponse<String> r = alerts(n, n.party);
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  static int alertsStatus(FedNode n, String party) throws Exception {
    return alerts(n, party).statusCode();
  }

  static HttpResponse<String> alerts(FedNode n, String party) throws Exception {
    String token = n.issueTokenFor(party);
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(n.url() + "/federation/alerts")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
