package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.parley.tlog.InMemoryLogStorage;
import org.parley.tlog.Log;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.VerifierKey;

/** Which cosignatures a peer's checkpoint must carry before this node verifies objects against it. */
class CosignaturePolicyTest {
  final SecureRandom random = new SecureRandom(new byte[] {3});
  final SignerKey log = SignerKey.generate("a.example/parley", random);
  final SignerKey own = SignerKey.generate("b.example/parley/witness", random);
  final SignerKey other = SignerKey.generate("c.example/parley/witness", random);
  final SignerKey stranger = SignerKey.generate("z.example/parley/witness", random);

  SignedCheckpoint checkpoint() throws Exception {
    Log l = Log.open(new InMemoryLogStorage(), log);
    l.append(List.of("leaf\n".getBytes(StandardCharsets.UTF_8)));
    return l.integrate();
  }

  String cosignedBy(SignerKey... witnesses) throws Exception {
    SignedCheckpoint cp = checkpoint();
    List<org.parley.tlog.NoteSignature> lines = new java.util.ArrayList<>();
    for (SignerKey w : witnesses) {
      lines.add(w.cosign(cp.checkpoint(), 1_700_000_000L));
    }
    return cp.withCosignatures(lines).encode();
  }

  List<VerifierKey> others() {
    return List.of(other.cosignatureVerifierKey(), stranger.cosignatureVerifierKey());
  }

  @Test
  void defaults_inAPair_requireOnlyOwnCosignature() throws Exception {
    CosignaturePolicy p = CosignaturePolicy.defaults();

    SignedCheckpoint cp = p.verify(cosignedBy(own), log.verifierKey(), own.cosignatureVerifierKey(), others(), 2);

    assertThat(cp.checkpoint().size()).isEqualTo(1);
    assertThat(p.totalRequired(2)).isEqualTo(1);
  }

  @Test
  void defaults_inAGroupOfThree_requireOneMoreWitness() throws Exception {
    CosignaturePolicy p = CosignaturePolicy.defaults();

    assertThatThrownBy(() -> p.verify(cosignedBy(own), log.verifierKey(), own.cosignatureVerifierKey(), others(), 3))
        .isInstanceOf(FederationException.class).hasMessageContaining("expected 1 cosignature(s) by other");
    assertThat(p.verify(cosignedBy(own, other), log.verifierKey(), own.cosignatureVerifierKey(), others(), 3)
        .checkpoint().size()).isEqualTo(1);
  }

  @Test
  void verify_withoutOwnCosignature_throwsEvenWithOtherWitnesses() {
    assertThatThrownBy(() -> CosignaturePolicy.defaults().verify(cosignedBy(other, stranger), log.verifierKey(),
        own.cosignatureVerifierKey(), others(), 3)).isInstanceOf(FederationException.class)
        .hasMessageContaining("this node's cosignature");
  }

  @Test
  void verify_cosignatureByAnUnknownWitness_doesNotCount() {
    SignerKey unknown = SignerKey.generate("q.example/parley/witness", random);
    assertThatThrownBy(() -> CosignaturePolicy.defaults().verify(cosignedBy(own, unknown), log.verifierKey(),
        own.cosignatureVerifierKey(), others(), 3)).isInstanceOf(FederationException.class);
  }

  @Test
  void verify_checkpointNotSignedByTheLogKey_throws() throws Exception {
    SignerKey impostor = SignerKey.generate("a.example/parley", random);
    Log l = Log.open(new InMemoryLogStorage(), impostor);
    l.append(List.of("leaf\n".getBytes(StandardCharsets.UTF_8)));
    SignedCheckpoint forged = l.integrate();
    String note = forged.withCosignatures(List.of(own.cosign(forged.checkpoint(), 1L))).encode();

    assertThatThrownBy(() -> CosignaturePolicy.defaults().verify(note, log.verifierKey(),
        own.cosignatureVerifierKey(), others(), 2)).isInstanceOf(FederationException.class)
        .hasMessageContaining("checkpoint-signature");
  }

  @Test
  void explicitExtraWitnesses_overrideTheGroupSizeRule() throws Exception {
    CosignaturePolicy two = new CosignaturePolicy(true, OptionalInt.of(2));

    assertThatThrownBy(() -> two.verify(cosignedBy(own, other), log.verifierKey(), own.cosignatureVerifierKey(),
        others(), 3)).isInstanceOf(FederationException.class);
    assertThat(two.verify(cosignedBy(own, other, stranger), log.verifierKey(), own.cosignatureVerifierKey(),
        others(), 3).checkpoint().size()).isEqualTo(1);
    assertThat(two.totalRequired(10)).isEqualTo(3);
  }
}
