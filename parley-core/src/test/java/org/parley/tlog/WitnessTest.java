package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** C2SP tlog-witness v1.0.0 add-checkpoint: request format, status codes and the atomic state update. */
class WitnessTest {
  static final String SPEC_REQUEST = "old 20852014\n"
      + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
      + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
      + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
      + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
      + "\n"
      + "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
      + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
      + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";

  final SignerKey logKey = LogTest.key();
  final SignerKey witnessKey = SignerKey.generate("witness.example/w1", new SecureRandom());
  final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  InMemoryWitnessStateStore store;
  Witness witness;
  Log log;

  @BeforeEach
  void setUp() throws ProofException {
    store = new InMemoryWitnessStateStore();
    witness = new Witness(witnessKey, Map.of(logKey.name(), List.of(logKey.verifierKey())), store, clock);
    log = Log.open(new InMemoryLogStorage(), logKey);
  }

  WitnessResponse submit(long oldSize, SignedCheckpoint cp) {
    ConsistencyProof proof = log.consistencyProof(oldSize, cp.checkpoint().size());
    return witness.addCheckpoint(AddCheckpointRequest.of(proof, cp).encode().getBytes(StandardCharsets.UTF_8));
  }

  SignedCheckpoint grow(int n) throws ProofException {
    log.append(LogTest.entries(n, (int) log.sequencedSize()));
    return log.integrate();
  }

  @Test
  void parse_specExampleRequest_roundTripsByteForByte() throws ProofException {
    AddCheckpointRequest r = AddCheckpointRequest.parse(SPEC_REQUEST);
    assertThat(r.oldSize()).isEqualTo(20852014L);
    assertThat(r.proof()).hasSize(4);
    assertThat(SignedCheckpoint.parse(r.signedCheckpoint()).checkpoint().size()).isEqualTo(20852163L);
    assertThat(r.encode()).isEqualTo(SPEC_REQUEST);
  }

  @Test
  void addCheckpoint_firstAndNextCheckpoints_areCosignedWithVerifiableTimestampedCosignatures()
      throws ProofException {
    SignedCheckpoint first = grow(10);
    WitnessResponse r1 = submit(0, first);
    assertThat(r1.status()).isEqualTo(200);
    assertThat(store.latest(logKey.name())).contains(new WitnessState(logKey.name(), 10, first.checkpoint().root()));

    SignedCheckpoint second = grow(300);
    WitnessResponse r2 = submit(10, second);
    assertThat(r2.status()).isEqualTo(200);
    SignedCheckpoint cosigned = second.withCosignatures(WitnessResponse.parseCosignatures(r2.body()));
    SignedCheckpoint reopened = SignedCheckpoint.open(cosigned.encode(), logKey.verifierKey(),
        List.of(witness.verifierKey()));
    assertThat(reopened.cosignatures(List.of(witness.verifierKey()))).singleElement()
        .extracting(Cosignature::timestamp).isEqualTo(1_700_000_000L);
  }

  @Test
  void cosignatures_aWitnessLineRepeated_orTwoLinesOfOneWitness_countOnce_theNewestKept() throws ProofException {
    SignedCheckpoint cp = grow(10);
    List<NoteSignature> first = WitnessResponse.parseCosignatures(submit(0, cp).body());
    Witness later = new Witness(witnessKey, Map.of(logKey.name(), List.of(logKey.verifierKey())),
        new InMemoryWitnessStateStore(), Clock.fixed(Instant.ofEpochSecond(1_700_000_060L), ZoneOffset.UTC));
    List<NoteSignature> second = WitnessResponse.parseCosignatures(later.addCheckpoint(
        AddCheckpointRequest.of(log.consistencyProof(0, 10), cp).encode().getBytes(StandardCharsets.UTF_8)).body());
    List<NoteSignature> lines = new java.util.ArrayList<>(first);
    lines.addAll(first); // the same line twice
    lines.addAll(second); // the same witness again, a minute later

    SignedCheckpoint padded = SignedCheckpoint.open(cp.withCosignatures(lines).encode(), logKey.verifierKey(),
        List.of(witness.verifierKey()));

    assertThat(padded.cosignatures(List.of(witness.verifierKey()))).singleElement() // one witness, one vote
        .extracting(Cosignature::timestamp).isEqualTo(1_700_000_060L);
  }

  @Test
  void addCheckpoint_sameCheckpointAgain_isCosignedAgain() throws ProofException {
    SignedCheckpoint cp = grow(5);
    assertThat(submit(0, cp).status()).isEqualTo(200);
    assertThat(submit(5, cp).status()).isEqualTo(200);
  }

  @Test
  void addCheckpoint_unknownOrigin_is404() throws ProofException {
    SignerKey stranger = SignerKey.generate("stranger.example/log", new SecureRandom());
    Checkpoint c = new Checkpoint(stranger.name(), 0, Merkle.emptyRoot());
    String body = "old 0\n\n" + Note.sign(c.body(), stranger).encode();
    assertThat(witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
  }

  @Test
  void addCheckpoint_signedByUntrustedKeyWithLogOrigin_is403() {
    SignerKey impostor = SignerKey.generate(logKey.name(), new SecureRandom());
    Checkpoint c = new Checkpoint(logKey.name(), 0, Merkle.emptyRoot());
    String body = "old 0\n\n" + Note.sign(c.body(), impostor).encode();
    assertThat(witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    assertThat(store.latest(logKey.name())).isEmpty();
  }

  @Test
  void addCheckpoint_oldSizeAboveCheckpointSize_is400() throws ProofException {
    SignedCheckpoint cp = grow(3);
    String body = "old 4\n\n" + cp.encode();
    assertThat(witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
  }

  @Test
  void addCheckpoint_malformedBodies_are400() {
    for (String body : List.of("", "old\n\n", "old 01\n\nx", "new 0\n\nx", "old 0\nnot-base64\n\nx", "old 0\n\nnot a note")) {
      assertThat(witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8)).status()).as(body).isEqualTo(400);
    }
    assertThat(witness.addCheckpoint(new byte[] {(byte) 0xff, 0x0a}).status()).isEqualTo(400);
  }

  @Test
  void addCheckpoint_oldSizeNotTheLatestCosigned_is409WithTheLatestSize() throws ProofException {
    SignedCheckpoint first = grow(10);
    submit(0, first);
    SignedCheckpoint second = grow(10);
    WitnessResponse r = submit(0, second);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.contentType()).isEqualTo("text/x.tlog.size");
    assertThat(r.body()).isEqualTo("10\n");
    assertThat(WitnessResponse.parseSize(r.body())).isEqualTo(10);
  }

  @Test
  void addCheckpoint_sameSizeDifferentRoot_is409AndKeptAsEvidence() throws ProofException {
    SignedCheckpoint cp = grow(10);
    submit(0, cp);
    Checkpoint forked = new Checkpoint(logKey.name(), 10, Merkle.leafHash("fork".getBytes()));
    String body = "old 10\n\n" + Note.sign(forked.body(), logKey).encode();
    WitnessResponse r = witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.evidence()).isTrue();
    assertThat(store.latest(logKey.name()).orElseThrow().root()).isEqualTo(cp.checkpoint().root());
  }

  @Test
  void addCheckpoint_inconsistentTree_is422AndStateUnchanged() throws ProofException {
    SignedCheckpoint cp = grow(10);
    submit(0, cp);
    // A log that rewrote entry 3 and grew to 20: signed by the real key, but not an extension.
    Log rewritten = Log.open(new InMemoryLogStorage(), logKey);
    List<byte[]> entries = LogTest.entries(10, 0);
    entries.set(3, "rewritten".getBytes());
    rewritten.append(entries);
    rewritten.append(LogTest.entries(10, 10));
    SignedCheckpoint forged = rewritten.integrate();
    ConsistencyProof proof = rewritten.consistencyProof(10, 20);
    WitnessResponse r = witness.addCheckpoint(AddCheckpointRequest.of(proof, forged).encode()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.evidence()).isTrue();
    assertThat(store.latest(logKey.name()).orElseThrow().size()).isEqualTo(10);
  }

  @Test
  void addCheckpoint_proofFromZero_mustBeEmpty() throws ProofException {
    SignedCheckpoint cp = grow(10);
    String body = "old 0\n" + Merkle.emptyRoot().base64() + "\n\n" + cp.encode();
    assertThat(witness.addCheckpoint(body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(422);
  }

  @Test
  void addCheckpoint_storeRefusesUpdate_returnsNoCosignature() throws ProofException {
    WitnessStateStore refusing = new WitnessStateStore() {
      @Override
      public Optional<WitnessState> latest(String origin) {
        return Optional.empty();
      }

      @Override
      public boolean compareAndSet(String origin, Optional<WitnessState> expected, WitnessState next) {
        return false;
      }
    };
    Witness w = new Witness(witnessKey, Map.of(logKey.name(), List.of(logKey.verifierKey())), refusing, clock);
    SignedCheckpoint cp = grow(3);
    WitnessResponse r = w.addCheckpoint(("old 0\n\n" + cp.encode()).getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body()).doesNotContain("\u2014");
  }

  @Test
  void addCheckpoint_storeCrashes_propagatesWithoutCosigning() throws ProofException {
    WitnessStateStore crashing = new WitnessStateStore() {
      @Override
      public Optional<WitnessState> latest(String origin) {
        return Optional.empty();
      }

      @Override
      public boolean compareAndSet(String origin, Optional<WitnessState> expected, WitnessState next) {
        throw new IllegalStateException("disk gone");
      }
    };
    Witness w = new Witness(witnessKey, Map.of(logKey.name(), List.of(logKey.verifierKey())), crashing, clock);
    SignedCheckpoint cp = grow(3);
    assertThatThrownBy(() -> w.addCheckpoint(("old 0\n\n" + cp.encode()).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parseCosignatures_malformedBody_throws() {
    assertThatThrownBy(() -> WitnessResponse.parseCosignatures("")).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> WitnessResponse.parseCosignatures("- w AAAA\n")).isInstanceOf(ProofException.class);
  }
}
