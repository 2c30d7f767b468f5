package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.stix.StixObject;
import org.parley.tlog.Checkpoint;
import org.parley.tlog.Merkle;
import org.parley.tlog.Note;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.SplitView;

/**
 * Three nodes; A's log shows B's witness one history and everybody else another. C, whose pulls stop because B will
 * not cosign, asks the witnesses what they cosigned and turns the refusal into signed evidence anyone can check.
 */
class SplitViewFederationTest extends ThreeNodeSetup {
  private static final ObjectMapper JSON = new ObjectMapper();

  void share(int... numbers) throws Exception {
    share(incident, java.util.Arrays.stream(numbers).mapToObj(n -> indicator(n, Optional.of(Tlp.GREEN)))
        .toArray(StixObject[]::new));
  }

  /** As if A's log had shown B's witness a tree of {@code size} leaves with another history: signed with A's key. */
  SignedCheckpoint showBAnotherHistory(long size) throws Exception {
    String origin = a.log.checkpoint().orElseThrow().checkpoint().origin();
    SignerKey key;
    try (Connection raw = a.raw(); ResultSet rs = raw.createStatement().executeQuery("SELECT skey FROM log_signer")) {
      assertThat(rs.next()).isTrue();
      key = SignerKey.parse(rs.getString(1));
    }
    Checkpoint other = new Checkpoint(origin, size, Merkle.leafHash("a history only B was shown".getBytes()));
    SignedCheckpoint signed = SignedCheckpoint.parse(Note.sign(other.body(), key).encode());
    try (Connection raw = b.raw(); var ps = raw.prepareStatement(
        "INSERT INTO fed_witness_state (origin, size, root, note) VALUES (?,?,?,?)")) {
      ps.setString(1, origin);
      ps.setLong(2, size);
      ps.setString(3, other.root().hex());
      ps.setString(4, signed.encode());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    return signed;
  }

  /** The evidence of C's split-view alert, checked as an outsider would: A's log key and the proof, nothing else. */
  SplitView checkedEvidence() throws Exception {
    List<Alert> alerts = c.federation.alerts().stream().filter(al -> al.kind().equals("split-view")).toList();
    assertThat(alerts).singleElement().satisfies(al -> assertThat(al.peer()).isEqualTo("A"));
    JsonNode ev = JSON.readTree(alerts.get(0).evidence());
    assertThat(ev.path("witness").asText()).isEqualTo("B");
    SplitView split = SplitViewEvidence.verify(ev, a.log.verifierKey());
    return split;
  }

  @Test
  void aRootShownToOneWitnessOnly_forTheSameSize_isASplitViewAlertWithBothSignedCheckpoints() throws Exception {
    share(1);
    a.log.sequence();
    showBAnotherHistory(1);

    a.federation.syncOnce(); // B refuses A's size-1 tree (its witness holds another root); C cosigns it
    c.round(); // the policy needs B's cosignature too: refused, so C compares

    SplitView split = checkedEvidence();
    assertThat(split.smaller().size()).isEqualTo(split.larger().size()).isEqualTo(1);
    assertThat(split.smaller().root()).isNotEqualTo(split.larger().root());
  }

  @Test
  void aSmallerTreeShownToOneWitness_thatTheServedTreeDoesNotExtend_isProvenFromTheTiles() throws Exception {
    share(1, 2, 3);
    a.log.sequence();
    showBAnotherHistory(2);

    a.federation.syncOnce();
    c.round();

    SplitView split = checkedEvidence();
    assertThat(split.smaller().size()).isEqualTo(2);
    assertThat(split.larger().size()).isEqualTo(3);
    assertThat(split.path()).isNotEmpty();
  }

  @Test
  void aWitnessThatIsDown_stopsThePullButRaisesNothing() throws Exception {
    share(1);
    a.log.sequence();
    b.close();
    b = null;

    a.federation.syncOnce();
    c.round();

    assertThat(c.federation.alerts()).isEmpty();
  }

  @Test
  void witnessesWhoseTreesTheServedOneExtends_areNoSplitView() throws Exception {
    share(1);
    a.round(); // B and C cosign size 1
    b.close(); // B's witness stays at size 1
    b = null;
    share(2, 3);
    a.round(); // C cosigns size 3

    int raised = c.federation.compareWithWitnesses("A");

    assertThat(raised).isZero();
    assertThat(c.federation.alerts()).isEmpty();
  }

  @Test
  void comparingAgain_evenAfterTheServedTreeGrew_raisesTheSameSplitViewOnce() throws Exception {
    share(1);
    a.log.sequence();
    showBAnotherHistory(1);
    a.federation.syncOnce();
    c.round();

    assertThat(c.federation.compareWithWitnesses("A")).isZero();
    share(2); // the served tree grows: the same contradiction, proven again, is not a second alert
    a.round();
    assertThat(c.federation.compareWithWitnesses("A")).isZero();
    assertThat(c.federation.alerts().stream().filter(al -> al.kind().equals("split-view"))).hasSize(1);
  }

  @Test
  void aPeerThatAnswersTheComparisonWithNothing_isComparedOnTheTreeItGaveThisNodesWitness() throws Exception {
    share(1);
    a.log.sequence();
    showBAnotherHistory(1);
    a.federation.syncOnce(); // B refuses A's size-1 tree; C's witness cosigns it
    // A as C reaches it: everything relayed, except what only the comparison asks — its latest checkpoint, answered
    // with a body past every cap or with no checkpoint at all
    URI real = URI.create(a.url());
    try (FakePeer liar = FakePeer.start()) {
      liar.endlessBody("/log/checkpoint")
          .relay(PeerPuller.CHECKPOINT, real, (query, body) -> query.contains("min_cosignatures=0") ? "none\n" : body)
          .relay("/", real, body -> body);
      c.federation.addPeer(new Peer("A", liar.url(), a.issueTokenFor("C"), a.log.verifierKey(),
          Optional.of(a.federation.witnessKey())));

      c.round();
    }

    SplitView split = checkedEvidence();
    assertThat(split.smaller().size()).isEqualTo(split.larger().size()).isEqualTo(1);
  }

  @Test
  void aWitnessThatCosignedATreeThePeerHasNotRecordedAsCosignedYet_isNoRollback() throws Exception {
    share(1);
    a.round(); // B and C cosign size 1
    share(2);
    a.log.sequence(); // A signs size 2; as if B's witness had just cosigned it while A still waits for C's
    SignedCheckpoint two = a.log.checkpoint().orElseThrow();
    try (Connection raw = b.raw(); var ps = raw.prepareStatement(
        "UPDATE fed_witness_state SET size = ?, root = ?, note = ? WHERE origin = ?")) {
      ps.setLong(1, 2);
      ps.setString(2, two.checkpoint().root().hex());
      ps.setString(3, two.encode());
      ps.setString(4, two.checkpoint().origin());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    int raised;
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try {
      raised = c.federation.compareWithWitnesses("A");
    } finally {
      System.setErr(err);
    }

    assertThat(raised).isZero();
    assertThat(said.toString(StandardCharsets.UTF_8)).doesNotContain("split_view_unproven");
  }

  @Test
  void witnessedResource_answersTheLastCosignedNote_toPartiesOnly() throws Exception {
    share(1);
    a.round();
    String origin = a.log.checkpoint().orElseThrow().checkpoint().origin();
    HttpClient http = HttpClient.newHttpClient();
    String token = b.issueTokenFor("C");

    HttpResponse<String> anonymous = get(http, b, "origin=" + origin, Optional.empty());
    HttpResponse<String> ok = get(http, b, "origin=" + origin, Optional.of(token));
    HttpResponse<String> unknown = get(http, b, "origin=nobody.example/log", Optional.of(token));
    HttpResponse<String> tooLong = get(http, b, "origin=" + "x".repeat(300), Optional.of(token));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(SignedCheckpoint.open(ok.body(), a.log.verifierKey(), List.of()).checkpoint().size()).isEqualTo(1);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(tooLong.statusCode()).isEqualTo(400);
  }

  static HttpResponse<String> get(HttpClient http, FedNode n, String query, Optional<String> token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(n.url() + SplitViews.WITNESSED + "?" + query)).GET();
    token.ifPresent(t -> r.header("Authorization", "Bearer " + t));
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
