package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * C2SP signed-note v1.0.0, checked against the vectors of Go's golang.org/x/mod/sumdb/note (note_test.go) so
 * that notes we sign open with Go's note.Open and Go's notes open here.
 */
class NoteTest {
  static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  @Test
  void signerKey_goVector_derivesGoVerifierKey() throws ProofException {
    SignerKey peter = SignerKey.parse(PETER_SKEY);
    assertThat(peter.verifierKey().encode()).isEqualTo(PETER_VKEY);
    assertThat(peter.name()).isEqualTo("PeterNeumann");
    assertThat(peter.keyId()).isEqualTo(0xc74f20a3);
    assertThat(peter.encodeSecret()).isEqualTo(PETER_SKEY);
  }

  @Test
  void sign_goVector_isByteForByteGoOutput() throws ProofException {
    Note note = Note.sign(TEXT, SignerKey.parse(PETER_SKEY));
    assertThat(note.encode()).isEqualTo(TEXT + "\n" + PETER_SIG);
  }

  @Test
  void verify_goNoteSignedByTwoKeys_verifiesKnownAndIgnoresUnknown() throws ProofException {
    Note note = Note.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    VerifierKey peter = VerifierKey.parse(PETER_VKEY);
    VerifierKey enoch = VerifierKey.parse(ENOCH_VKEY);
    assertThat(note.text()).isEqualTo(TEXT);
    assertThat(note.verify(List.of(peter))).extracting(NoteSignature::name).containsExactly("PeterNeumann");
    assertThat(note.verify(List.of(peter, enoch))).extracting(NoteSignature::name)
        .containsExactly("PeterNeumann", "EnochRoot");
    assertThatThrownBy(() -> note.verify(List.of())).isInstanceOf(ProofException.class)
        .extracting("rule").isEqualTo("note-unverified");
  }

  @Test
  void verify_corruptedSignatureOfKnownKey_rejectsWholeNote() throws ProofException {
    Note note = Note.parse(TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60));
    assertThatThrownBy(() -> note.verify(List.of(VerifierKey.parse(PETER_VKEY))))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("note-signature");
  }

  @Test
  void verify_modifiedText_throws() throws ProofException {
    Note note = Note.parse(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG);
    assertThatThrownBy(() -> note.verify(List.of(VerifierKey.parse(PETER_VKEY))))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void parse_goMalformedMessages_throw() {
    List<String> bad = List.of(TEXT, TEXT + "\n", TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
        "\u0001" + TEXT + "\n" + PETER_SIG,
        TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        TEXT + "\n" + PETER_SIG.repeat(101));
    for (String msg : bad) {
      assertThatThrownBy(() -> Note.parse(msg)).as(msg).isInstanceOf(ProofException.class)
          .extracting("rule").isEqualTo("note-malformed");
    }
    byte[] invalidUtf8 = (TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
    invalidUtf8[0] = (byte) 0xff;
    assertThatThrownBy(() -> Note.parse(invalidUtf8)).isInstanceOf(ProofException.class);
  }

  @Test
  void parse_signatureInNonCanonicalBase64_isRefused_asGoRefusesIt() {
    String unpadded = PETER_SIG.replace("AM=\n", "AM\n"); // Java's decoder alone would take it
    String strayBits = PETER_SIG.replace("AM=\n", "AN=\n"); // same bytes, a pad bit set

    for (String sig : List.of(unpadded, strayBits)) {
      assertThatThrownBy(() -> Note.parse(TEXT + "\n" + sig)).as(sig).isInstanceOf(ProofException.class)
          .extracting("rule").isEqualTo("note-malformed");
    }
  }

  @Test
  void parse_c2spExampleNote_keepsTextAndSignature() throws ProofException {
    String example = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n\n"
        + "\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";
    Note note = Note.parse(example);
    assertThat(note.text()).endsWith("subito sera.\n").contains("sole:\n\ned");
    assertThat(note.signatures()).singleElement().extracting(NoteSignature::name)
        .isEqualTo("quasimodo.example/salvatore");
    assertThat(note.encode()).isEqualTo(example);
  }

  @Test
  void verifierKey_everyManglingOfGoKey_isRejected() {
    for (int i = 0; i <= PETER_VKEY.length(); i++) {
      for (int j = i + 1; j <= PETER_VKEY.length(); j++) {
        if (i != 0 || j != PETER_VKEY.length()) {
          String sub = PETER_VKEY.substring(i, j);
          assertThatThrownBy(() -> VerifierKey.parse(sub)).as(sub).isInstanceOf(ProofException.class);
        }
      }
    }
    char[] chars = PETER_VKEY.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i]++;
      String mangled = new String(chars);
      assertThatThrownBy(() -> VerifierKey.parse(mangled)).as(mangled).isInstanceOf(ProofException.class);
      chars[i]--;
    }
    assertThatThrownBy(() -> VerifierKey.parse(
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> VerifierKey.parse(
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).isInstanceOf(ProofException.class);
  }

  @Test
  void signerKey_everyManglingOfGoKey_isRejected() {
    for (int i = 0; i <= PETER_SKEY.length(); i++) {
      for (int j = i + 1; j <= PETER_SKEY.length(); j++) {
        if (i != 0 || j != PETER_SKEY.length()) {
          String sub = PETER_SKEY.substring(i, j);
          assertThatThrownBy(() -> SignerKey.parse(sub)).isInstanceOf(ProofException.class);
        }
      }
    }
    char[] chars = PETER_SKEY.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i]++;
      String mangled = new String(chars);
      assertThatThrownBy(() -> SignerKey.parse(mangled)).isInstanceOf(ProofException.class);
      chars[i]--;
    }
  }

  @Test
  void signerKey_toStringAndExceptions_neverShowTheSecret() throws ProofException {
    SignerKey peter = SignerKey.parse(PETER_SKEY);
    assertThat(peter.toString()).doesNotContain("AYEKFALV").contains("PeterNeumann+c74f20a3");
    String mangled = PETER_SKEY.replace("PRIVATE", "PRIVATF");
    assertThatThrownBy(() -> SignerKey.parse(mangled)).hasMessageNotContaining("AYEKFALV");
  }

  @Test
  void generate_injectedRandomness_roundTripsThroughEncodings() throws ProofException {
    SecureRandom random = new SecureRandom();
    SignerKey key = SignerKey.generate("parley.example/log", random);
    SignerKey again = SignerKey.parse(key.encodeSecret());
    assertThat(again.verifierKey()).isEqualTo(key.verifierKey());
    assertThat(VerifierKey.parse(key.verifierKey().encode())).isEqualTo(key.verifierKey());
    Note note = Note.sign("hello\n", key);
    assertThat(Note.parse(note.encode()).verify(List.of(again.verifierKey()))).hasSize(1);
  }

  @Test
  void withSignatures_replacesSameKeyAndAppendsNew() throws ProofException {
    Note note = Note.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    SignerKey peter = SignerKey.parse(PETER_SKEY);
    Note resigned = note.withSignatures(List.of(peter.sign(TEXT)));
    assertThat(resigned.encode()).isEqualTo(TEXT + "\n" + ENOCH_SIG + PETER_SIG);
  }
}
