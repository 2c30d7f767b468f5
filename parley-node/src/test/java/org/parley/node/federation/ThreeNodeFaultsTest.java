package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.node.log.LogLeaf;
import org.parley.node.log.LogLeaves;
import org.parley.stix.StixObject;

/**
 * Three nodes ({@link ThreeNodeSetup}) when something goes wrong: A's database is tampered with and B and C refuse
 * what no longer matches A's cosigned log, with alerts; a forked checkpoint; a peer serving an error page; a crash
 * at the cursor write; a puller restarting.
 */
class ThreeNodeFaultsTest extends ThreeNodeSetup {
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
