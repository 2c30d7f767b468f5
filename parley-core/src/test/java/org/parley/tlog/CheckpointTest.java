package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** C2SP tlog-checkpoint v1.0.0 and tlog-cosignature v1.0.1, with the examples published in those specs. */
class CheckpointTest {
  static final String SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  static final String SPEC_LOG_SIG = "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  static final String SPEC_COSIG = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

  @Test
  void parse_specExample_roundTripsByteForByte() throws ProofException {
    SignedCheckpoint signed = SignedCheckpoint.parse(SPEC_BODY + "\n" + SPEC_LOG_SIG + SPEC_COSIG);
    Checkpoint c = signed.checkpoint();
    assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(c.size()).isEqualTo(20852163L);
    assertThat(c.root().base64()).isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    assertThat(c.body()).isEqualTo(SPEC_BODY);
    assertThat(signed.encode()).isEqualTo(SPEC_BODY + "\n" + SPEC_LOG_SIG + SPEC_COSIG);
  }

  @Test
  void cosignature_specExample_carriesTheSpecTimestamp() throws ProofException {
    Note note = Note.parse(SPEC_BODY + "\n" + SPEC_LOG_SIG + SPEC_COSIG);
    // The spec's signed-message example uses "time 1679315147" for this cosignature.
    assertThat(Cosignature.from(note.signatures().get(1)).timestamp()).isEqualTo(1679315147L);
  }

  @Test
  void cosignature_transparencyDevVector_hasItsTimestamp() {
    // transparency-dev/formats note_cosigv1_test.go TestCoSigV1Timestamp "works".
    String b64 = "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==";
    NoteSignature sig = new NoteSignature("w", 0x646846b9, b64);
    assertThat(Cosignature.from(sig).timestamp()).isEqualTo(1727964367L);
    // "wrong type of signature": a 64-byte Ed25519 note signature is not a cosignature.
    NoteSignature plain = new NoteSignature("w", 0x7908d142,
        "eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=");
    assertThatThrownBy(() -> Cosignature.from(plain)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifierKey_transparencyDevCosignerKeys_parseWithMatchingKeyIds() throws ProofException {
    VerifierKey remora = VerifierKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
    assertThat(remora.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
    VerifierKey test = VerifierKey.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
    assertThat(test.type()).isEqualTo(VerifierKey.TYPE_ED25519);
    assertThatThrownBy(() -> VerifierKey.parse("rekor.sigstore.dev+12345678+AwEB")).isInstanceOf(ProofException.class);
  }

  @Test
  void cosign_signsTheSpecMessageWithTimestampAndType4KeyId() throws ProofException {
    SignerKey witness = SignerKey.parse(NoteTest.PETER_SKEY);
    Checkpoint c = Checkpoint.parse(SPEC_BODY);
    NoteSignature sig = witness.cosign(c, 1679315147L);
    byte[] raw = sig.signature().toArray();
    assertThat(raw).hasSize(72);
    assertThat(sig.keyId()).isEqualTo(witness.cosignatureVerifierKey().keyId()).isNotEqualTo(witness.keyId());
    byte[] message = ("cosignature/v1\ntime 1679315147\n" + SPEC_BODY).getBytes(StandardCharsets.UTF_8);
    assertThat(Ed25519.verify(raw, 8, witness.verifierKey().publicKey().toArray(), 0, message, 0, message.length))
        .isTrue();
    assertThat(Cosignature.from(sig).timestamp()).isEqualTo(1679315147L);
  }

  @Test
  void cosignatures_onlyVerifiedWitnessLinesAreReturned() throws ProofException {
    SignerKey log = SignerKey.parse(NoteTest.PETER_SKEY);
    SignerKey witness = SignerKey.generate("witness.example/w1", new java.security.SecureRandom());
    Checkpoint c = new Checkpoint(log.name(), 3, Merkle.leafHash(new byte[] {1}));
    SignedCheckpoint signed = new SignedCheckpoint(c, Note.sign(c.body(), log))
        .withCosignatures(List.of(witness.cosign(c, 100)));
    SignedCheckpoint reopened = SignedCheckpoint.open(signed.encode(), log.verifierKey(),
        List.of(witness.cosignatureVerifierKey()));
    assertThat(reopened.cosignatures(List.of(witness.cosignatureVerifierKey())))
        .extracting(Cosignature::timestamp).containsExactly(100L);
    // The same public key as a type 0x01 verifier does not accept a cosignature.
    assertThat(reopened.cosignatures(List.of(witness.verifierKey()))).isEmpty();
  }

  @Test
  void cosignature_coversExtensionLines() throws ProofException {
    SignerKey witness = SignerKey.parse(NoteTest.PETER_SKEY);
    Checkpoint c = new Checkpoint("o", 1, Merkle.leafHash(new byte[0]), List.of("Extendo"));
    NoteSignature sig = witness.cosign(c, 5);
    Note tampered = new Note(c.body().replace("Extendo", "Extend@"), List.of(sig));
    assertThatThrownBy(() -> tampered.verify(List.of(witness.cosignatureVerifierKey())))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("note-signature");
  }

  @Test
  void open_checkpointWithoutLogSignature_throws() throws ProofException {
    SignerKey log = SignerKey.parse(NoteTest.PETER_SKEY);
    SignerKey other = SignerKey.generate("other", new java.security.SecureRandom());
    Checkpoint c = new Checkpoint("PeterNeumann", 1, Merkle.leafHash(new byte[0]));
    String byOther = Note.sign(c.body(), other).encode();
    assertThatThrownBy(() -> SignedCheckpoint.open(byOther, log.verifierKey(), List.of(other.verifierKey())))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("checkpoint-log-signature");
  }

  @Test
  void parse_malformedBodies_throw() {
    String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    List<String> bad = List.of("o\n1\n", "o\n01\n" + root + "\n", "o\n-1\n" + root + "\n", "\n1\n" + root + "\n",
        "o\n1\n" + root, "o\n1\n" + root + "\n\n", "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
        "o\n1\nAAAA\n", "o\n99999999999999999999\n" + root + "\n", "o\n+1\n" + root + "\n");
    for (String body : bad) {
      assertThatThrownBy(() -> Checkpoint.parse(body)).as(body).isInstanceOf(ProofException.class);
    }
  }

  @Test
  void body_emptyTree_isSizeZeroWithEmptyRoot() throws ProofException {
    Checkpoint empty = new Checkpoint("parley.example/log", 0, Merkle.emptyRoot());
    assertThat(empty.body()).isEqualTo("parley.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    assertThat(Checkpoint.parse(empty.body())).isEqualTo(empty);
  }
}
