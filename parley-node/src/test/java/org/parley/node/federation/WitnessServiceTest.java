package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.tlog.AddCheckpointRequest;
import org.parley.tlog.Checkpoint;
import org.parley.tlog.InMemoryLogStorage;
import org.parley.tlog.Log;
import org.parley.tlog.Note;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.VerifierKey;
import org.parley.tlog.WitnessResponse;

/** The witness's decisions over durable state: what it cosigns, what it refuses, and what it keeps as evidence. */
class WitnessServiceTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
  @TempDir Path tmp;
  final SecureRandom random = new SecureRandom(new byte[] {7});
  final SignerKey aliceKey = SignerKey.generate("alice.example/parley", random);
  FederationStore store;
  WitnessService witness;
  Alerts alerts;
  Log log;

  @BeforeEach
  void setUp() throws Exception {
    store = FederationStore.open("jdbc:sqlite:" + tmp.resolve("w.db"));
    store.addPeer(new Peer("alice", URI.create("http://127.0.0.1:1"), "t0ken", aliceKey.verifierKey(),
        Optional.empty()), 0);
    alerts = new Alerts(store, CLOCK);
    witness = new WitnessService(store.witnessKey("bob.example/parley/witness", random), store, alerts, CLOCK);
    log = Log.open(new InMemoryLogStorage(), aliceKey);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  static List<byte[]> entries(int from, int n, String tag) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(("entry " + i + " " + tag + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  static SignedCheckpoint grow(Log l, int n, String tag) throws ProofException {
    l.append(entries((int) l.sequencedSize(), n, tag));
    return l.integrate();
  }

  static byte[] request(Log l, long old, SignedCheckpoint cp) {
    return AddCheckpointRequest.of(l.consistencyProof(old, cp.checkpoint().size()), cp).encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void addCheckpoint_consistentGrowth_isCosignedAndRemembered() throws Exception {
    SignedCheckpoint first = grow(log, 10, "a");
    SignedCheckpoint second = grow(log, 7, "a");

    WitnessResponse r1 = witness.addCheckpoint(request(log, 0, first));
    WitnessResponse r2 = witness.addCheckpoint(request(log, 10, second));

    assertThat(r1.status()).isEqualTo(200);
    assertThat(r2.status()).isEqualTo(200);
    SignedCheckpoint cosigned = second.withCosignatures(WitnessResponse.parseCosignatures(r2.body()));
    assertThat(cosigned.cosignatures(List.of(witness.verifierKey()))).hasSize(1);
    assertThat(new JdbcWitnessStateStore(store).latest(aliceKey.name()).orElseThrow().size()).isEqualTo(17);
    assertThat(store.witnessedNote(aliceKey.name())).contains(second.encode());
    assertThat(alerts.list()).isEmpty();
  }

  @Test
  void addCheckpoint_staleOldSize_is409WithTheLatestSizeAndNoAlert() throws Exception {
    SignedCheckpoint first = grow(log, 10, "a");
    witness.addCheckpoint(request(log, 0, first));
    SignedCheckpoint second = grow(log, 5, "a");

    WitnessResponse r = witness.addCheckpoint(request(log, 3, second));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.contentType()).isEqualTo(WitnessResponse.TLOG_SIZE);
    assertThat(WitnessResponse.parseSize(r.body())).isEqualTo(10);
    assertThat(alerts.list()).isEmpty();
  }

  @Test
  void addCheckpoint_forkAtTheSameSize_isRefusedAndKeptAsEvidence() throws Exception {
    SignedCheckpoint honest = grow(log, 10, "a");
    witness.addCheckpoint(request(log, 0, honest));
    Log forked = Log.open(new InMemoryLogStorage(), aliceKey);
    SignedCheckpoint other = grow(forked, 10, "b");

    WitnessResponse r = witness.addCheckpoint(request(forked, 10, other));

    assertThat(r.status()).isEqualTo(409);
    assertThat(alerts.list()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo("fork");
      assertThat(a.peer()).isEqualTo("alice");
      assertThat(a.evidence()).contains(other.checkpoint().root().base64())
          .contains(honest.checkpoint().root().base64());
    });
    assertThat(new JdbcWitnessStateStore(store).latest(aliceKey.name()).orElseThrow().root())
        .isEqualTo(honest.checkpoint().root());
  }

  @Test
  void addCheckpoint_rewrittenEntry_failsConsistencyAndRaisesAnAlert() throws Exception {
    SignedCheckpoint honest = grow(log, 10, "a");
    witness.addCheckpoint(request(log, 0, honest));
    Log rewritten = Log.open(new InMemoryLogStorage(), aliceKey);
    List<byte[]> es = entries(0, 10, "a");
    es.set(3, "entry 3 rewritten\n".getBytes(StandardCharsets.UTF_8));
    rewritten.append(es);
    rewritten.integrate();
    SignedCheckpoint grown = grow(rewritten, 5, "a");

    WitnessResponse r = witness.addCheckpoint(request(rewritten, 10, grown));

    assertThat(r.status()).isEqualTo(422);
    assertThat(alerts.list()).singleElement().extracting(Alert::kind).isEqualTo("inconsistent-checkpoint");
    assertThat(new JdbcWitnessStateStore(store).latest(aliceKey.name()).orElseThrow().size()).isEqualTo(10);
  }

  @Test
  void addCheckpoint_anOlderCheckpointOfTheSameLogSentAgain_is409WithTheKnownSize_andNoAlert() throws Exception {
    Log shorter = Log.open(new InMemoryLogStorage(), aliceKey);
    SignedCheckpoint five = grow(shorter, 5, "a"); // the log signed size 5 once, then grew to 10
    SignedCheckpoint ten = grow(log, 10, "a");
    witness.addCheckpoint(request(log, 0, ten));

    WitnessResponse r = witness.addCheckpoint(request(shorter, 0, five)); // anyone may replay it: no credentials

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body()).isEqualTo("10\n");
    assertThat(alerts.list()).as("a replayed checkpoint is no evidence against an honest peer").isEmpty();
    assertThat(new JdbcWitnessStateStore(store).latest(aliceKey.name()).orElseThrow().size()).isEqualTo(10);
  }

  @Test
  void addCheckpoint_signatureByAnotherKeyUnderTheLogsName_is403_andStoresNoAlert() throws Exception {
    SignerKey impostor = SignerKey.generate(aliceKey.name(), random);
    Checkpoint c = new Checkpoint(aliceKey.name(), 3, log.root(0));
    String body = "old 0\n\n" + Note.sign(c.body(), impostor).encode();

    for (int i = 0; i < 5; i++) {
      WitnessResponse r = witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(403);
    }

    assertThat(alerts.list()).as("anyone can write a note under the log's name: it is nobody's statement").isEmpty();
    assertThat(new JdbcWitnessStateStore(store).latest(aliceKey.name())).isEmpty();
  }

  @Test
  void addCheckpoint_unknownLog_is404WithoutAlert() throws Exception {
    SignerKey stranger = SignerKey.generate("stranger.example/log", random);
    Log other = Log.open(new InMemoryLogStorage(), stranger);
    SignedCheckpoint cp = grow(other, 2, "x");

    WitnessResponse r = witness.addCheckpoint(request(other, 0, cp));

    assertThat(r.status()).isEqualTo(404);
    assertThat(alerts.list()).isEmpty();
  }

  @Test
  void addCheckpoint_sameForkTwice_raisesOneAlert() throws Exception {
    SignedCheckpoint honest = grow(log, 4, "a");
    witness.addCheckpoint(request(log, 0, honest));
    Log forked = Log.open(new InMemoryLogStorage(), aliceKey);
    SignedCheckpoint other = grow(forked, 4, "b");

    witness.addCheckpoint(request(forked, 4, other));
    witness.addCheckpoint(request(forked, 4, other));

    assertThat(alerts.list()).hasSize(1);
  }

  @Test
  void witnessKey_isStableAcrossReopening() throws Exception {
    VerifierKey before = store.witnessKey("bob.example/parley/witness", random).cosignatureVerifierKey();
    store.close();
    store = FederationStore.open("jdbc:sqlite:" + tmp.resolve("w.db"));

    assertThat(store.witnessKey("bob.example/parley/witness", new SecureRandom()).cosignatureVerifierKey())
        .isEqualTo(before);
  }
}
