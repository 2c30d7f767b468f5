package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.store.Candidate;
import org.parley.node.store.TestObjects;
import org.parley.stix.StixObject;
import org.parley.tlog.Note;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.VerifierKey;
import org.parley.tlog.WitnessResponse;

/**
 * A node federating with a hostile or broken party keeps working: that party's answers are cut at their caps and
 * deadlines, the honest peers' objects and cosignatures still arrive, and witness lines that do not verify are
 * never served. Real nodes ({@link FedNode}) on loopback; the misbehaving parties are {@link FakePeer}s. Bounds on
 * time are generous: they only show that no call waited for a peer's whole stall.
 */
class FederationHostilePeerTest {
  static final Duration GENEROUS = Duration.ofSeconds(20);
  /** This node's cosignature only: a fake party in the group cannot be the extra witness. */
  static final CosignaturePolicy OWN_ONLY = new CosignaturePolicy(true, OptionalInt.of(0));
  @TempDir Path tmp;
  final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void aPeerStreamingItsCheckpointPastTheCap_isRefused_andTheHonestPeerIsStillPulled() throws Exception {
    FakePeer evil = fake().endlessBody(PeerPuller.CHECKPOINT); // a gibibyte, as fast as B reads it
    FedNode a = node("A", FederationConfig.defaults("A"));
    FedNode b = node("B", FederationConfig.defaults("B").withPolicy(OWN_ONLY));
    String coll = sharedBetween(a, b);
    b.federation.addPeer(stranger("Evil", evil.url(), false));
    StixObject first = indicator(1);
    share(a, coll, first);
    a.round();

    Federation.Round round = b.round();

    assertThat(round.peersFailed()).as("Evil").isEqualTo(1);
    assertThat(pulled(b, coll)).containsExactly(first.id());
    assertThat(evil.streamEnded.await(30, TimeUnit.SECONDS)).as("B hung up on Evil").isTrue();
    assertThat(evil.bytesSent.get()).as("not the gibibyte offered").isLessThan(64L << 20);

    StixObject second = indicator(2); // and B goes on working
    share(a, coll, second);
    a.round();
    b.round();
    assertThat(pulled(b, coll)).containsExactlyInAnyOrder(first.id(), second.id());
  }

  @Test
  void aPeerTricklingItsCheckpoint_isCutAtTheDeadline_andTheHonestPeerIsStillPulled() throws Exception {
    FakePeer slow = fake().trickle(PeerPuller.CHECKPOINT, Duration.ofMillis(200)); // headers, then 1 byte/200 ms
    FedNode a = node("A", FederationConfig.defaults("A"));
    FedNode b = node("B", FederationConfig.defaults("B").withPolicy(OWN_ONLY).withTimeout(Duration.ofSeconds(1)));
    String coll = sharedBetween(a, b);
    b.federation.addPeer(stranger("Slow", slow.url(), false));
    StixObject o = indicator(1);
    share(a, coll, o);
    a.round();
    long start = System.nanoTime();

    Federation.Round round = b.round();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the trickle never ends").isLessThan(GENEROUS);
    assertThat(round.peersFailed()).as("Slow").isEqualTo(1);
    assertThat(pulled(b, coll)).containsExactly(o.id());
    assertThat(slow.streamEnded.await(30, TimeUnit.SECONDS)).as("B cancelled the exchange").isTrue();
  }

  @Test
  void aWitnessThatNeverAnswersWhatItCosigned_costsTheSplitViewComparisonsOneDeadline_notOneEach() throws Exception {
    FakePeer mute = fake().silent(SplitViews.WITNESSED);
    FedNode a = node("A", FederationConfig.defaults("A"));
    FedNode b = node("B", FederationConfig.defaults("B").withPolicy(OWN_ONLY).withTimeout(Duration.ofSeconds(1)));
    String coll = sharedBetween(a, b);
    b.federation.addPeer(stranger("Mute", mute.url(), true));
    share(a, coll, indicator(1));
    a.round();
    b.federation.compareWithWitnesses("A"); // waits for Mute until the deadline, once
    long start = System.nanoTime();

    for (int i = 0; i < 3; i++) { // the pull thread compares a refused peer every minute, each refused peer
      b.federation.compareWithWitnesses("A");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Mute is not asked again at once")
        .isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aWitnessThatNeverFinishesItsAnswer_doesNotHoldBackTheOtherWitnessesCosignatures() throws Exception {
    // Headers at once (so no header timeout fires), then not one byte of the 200 it announced.
    FakePeer mute = fake().declares(CosignatureCollector.ADD_CHECKPOINT, 200);
    FedNode a = node("A", FederationConfig.defaults("A").withTimeout(Duration.ofSeconds(1)));
    FedNode b = node("B", FederationConfig.defaults("B"));
    String coll = sharedBetween(a, b);
    a.federation.addPeer(stranger("Mute", mute.url(), true));
    VerifierKey bWitness = b.federation.witnessKey();

    for (int n = 1; n <= 2; n++) { // the served checkpoint keeps advancing
      StixObject o = indicator(n);
      share(a, coll, o);
      long start = System.nanoTime();

      Federation.Round round = a.round();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Mute never finishes its answer").isLessThan(GENEROUS);
      assertThat(round.cosignatures()).as("B's").isEqualTo(1);
      SignedCheckpoint served = SignedCheckpoint.open(get(a, PeerPuller.CHECKPOINT + "?min_cosignatures=1"),
          a.log.verifierKey(), List.of(bWitness));
      assertThat(served.checkpoint().size()).isEqualTo(a.log.checkpoint().orElseThrow().checkpoint().size());
      assertThat(served.cosignatures(List.of(bWitness))).hasSize(1);
      b.round();
      assertThat(pulled(b, coll)).contains(o.id());
    }
  }

  @Test
  void aCosignatureResponseWithABadLineBeforeTheGoodOne_keepsOnlyTheGoodOne() throws Exception {
    FedNode a = node("A", FederationConfig.defaults("A"));
    FedNode c = node("C", FederationConfig.defaults("C"));
    c.addPeer(a); // C witnesses A's log
    VerifierKey cWitness = c.federation.witnessKey();
    AtomicReference<String> relayed = new AtomicReference<>();
    FakePeer proxy = fake().relay(CosignatureCollector.ADD_CHECKPOINT, URI.create(c.url()), body -> {
      relayed.set(forgedLine(body) + body); // C's name and key ID, a signature C never made
      return relayed.get();
    });
    a.federation.addPeer(new Peer("C", proxy.url(), c.issueTokenFor("A"), c.log.verifierKey(),
        Optional.of(cWitness)));
    share(a, a.directory().addCollection("own", Optional.empty(), new SharingAgreement(List.of(
        new Member("A", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN)), indicator(1));

    a.round();

    String cosignedBefore = a.log.checkpoint().orElseThrow().encode();
    Note asRelayed = SignedCheckpoint.parse(cosignedBefore)
        .withCosignatures(WitnessResponse.parseCosignatures(relayed.get())).note();
    assertThatThrownBy(() -> asRelayed.verify(List.of(a.log.verifierKey(), cWitness)))
        .as("the relayed answer, kept whole, fails as parley verify checkpoint did").isInstanceOf(ProofException.class)
        .hasMessageContaining("note-signature");
    Note served = Note.parse(get(a, PeerPuller.CHECKPOINT + "?min_cosignatures=1"));
    assertThat(served.signatures().stream().filter(cWitness::matches)).hasSize(1);
    assertThatCode(() -> served.verify(List.of(a.log.verifierKey(), cWitness))).doesNotThrowAnyException();
    assertThat(SignedCheckpoint.parse(served.encode()).cosignatures(List.of(cWitness))).hasSize(1);
  }

  @Test
  void aPageOverTheCap_isAskedAgainWithFewerObjects_andAnObjectOverItAlone_isRefused() throws Exception {
    FedNode a = node("A", FederationConfig.defaults("A"));
    // This node takes objects up to 2 KiB (its max_content_length): a page of three 700-byte objects is too much.
    FedNode b = node("B", FederationConfig.defaults("B").withPolicy(OWN_ONLY).withMaxObjectBytes(2048));
    String coll = sharedBetween(a, b);
    List<StixObject> small = List.of(described(1, 300), described(2, 300), described(3, 300));
    StixObject big = described(4, 3000);
    for (StixObject o : small) {
      share(a, coll, o);
    }
    share(a, coll, big);
    a.round();

    List<Federation.Round> rounds = new ArrayList<>();
    for (int i = 0; i < 3 && pulled(b, coll).size() < small.size(); i++) {
      rounds.add(b.round());
    }

    assertThat(pulled(b, coll)).containsExactlyElementsOf(small.stream().map(StixObject::id).toList());
    assertThat(rounds.get(rounds.size() - 1).peersFailed()).as("A, for the object over the cap").isEqualTo(1);
  }

  /** A TLP:GREEN indicator whose description holds {@code padding} characters. */
  static StixObject described(int n, int padding) throws Exception {
    String id = String.format("indicator--00000000-0000-4000-8000-%012d", n);
    String json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":"
        + "\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + ThreeNodeSetup.V1 + "\",\"pattern\":"
        + "\"[ipv4-addr:value = '10.0.0." + n + "']\",\"pattern_type\":\"stix\",\"valid_from\":"
        + "\"2020-01-01T00:00:00Z\",\"description\":\"" + "x".repeat(padding) + "\",\"object_marking_refs\":[\""
        + Tlp.GREEN.markingRef() + "\"]}";
    return org.parley.stix.Stix.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A line with the name and key ID of the first cosignature in {@code body}, and a signature of zeros. */
  static String forgedLine(String body) {
    String[] parts = body.lines().findFirst().orElseThrow().split(" ");
    byte[] raw = Base64.getDecoder().decode(parts[2]);
    byte[] forged = new byte[raw.length];
    System.arraycopy(raw, 0, forged, 0, 4);
    return parts[0] + " " + parts[1] + " " + Base64.getEncoder().encodeToString(forged) + "\n";
  }

  FakePeer fake() throws Exception {
    FakePeer f = FakePeer.start();
    opened.add(f);
    return f;
  }

  FedNode node(String party, FederationConfig config) throws Exception {
    FedNode n = FedNode.start(party, tmp.resolve(party), Duration.ofMillis(100), config);
    opened.add(n);
    return n;
  }

  /** A party known by name and keys only, at {@code url}: the fakes. */
  static Peer stranger(String name, URI url, boolean witness) {
    SignerKey key = SignerKey.generate(name.toLowerCase() + ".example/parley", new SecureRandom());
    return new Peer(name, url, "t0ken", key.verifierKey(),
        witness ? Optional.of(key.cosignatureVerifierKey()) : Optional.empty());
  }

  /** A and B peers of each other; a collection of A that B may read. */
  static String sharedBetween(FedNode a, FedNode b) throws Exception {
    a.addPeer(b);
    b.addPeer(a);
    return a.directory().addCollection("Incident 7", Optional.empty(), new SharingAgreement(List.of(
        new Member("A", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED),
        new Member("B", Set.of(Role.READ), Tlp.AMBER)), Tlp.GREEN));
  }

  static StixObject indicator(int n) {
    return TestObjects.indicator(n, ThreeNodeSetup.V1, Optional.of(Tlp.GREEN));
  }

  static void share(FedNode a, String coll, StixObject o) throws Exception {
    assertThat(a.objects.append(coll, "A", List.of(Candidate.accepted(o, Optional.of(Tlp.GREEN))))
        .failureCount()).isZero();
  }

  static List<String> pulled(FedNode b, String coll) throws Exception {
    return ThreeNodeSetup.ids(ThreeNodeSetup.stored(b, "A", coll, false));
  }

  /** GET as a party of {@code n} (an auditor it issued a token to). */
  static String get(FedNode n, String pathAndQuery) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(n.url()
        + pathAndQuery)).header("Authorization", "Bearer " + n.issueTokenFor("auditor")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
    return r.body();
  }
}
