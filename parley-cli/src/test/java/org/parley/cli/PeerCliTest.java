package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.tlog.SignerKey;

/** {@code parley peer self|add|list|alerts} on a data directory. */
class PeerCliTest {
  @TempDir Path tmp;

  @Test
  void peerAdd_withLogAndWitnessKeys_isListedWithoutItsToken() {
    String data = tmp.resolve("data").toString();
    SignerKey peer = SignerKey.generate("cert-b.example/parley", new SecureRandom());
    String log = peer.verifierKey().encode();
    String witness = peer.cosignatureVerifierKey().encode();

    assertThat(CliTest.run("peer", "self", "cert-a", "--data", data).out()).isEqualTo("cert-a");
    CliTest.Run added = CliTest.run("peer", "add", "cert-b", "https://b.example:8443", "--token", "s3cret-t0ken",
        "--vkey", log, "--vkey", witness, "--data", data);
    CliTest.Run listed = CliTest.run("peer", "list", "--data", data);

    assertThat(added.exit()).isZero();
    assertThat(added.out()).doesNotContain("s3cret-t0ken");
    assertThat(listed.out()).contains("cert-b", "https://b.example:8443", log, witness)
        .doesNotContain("s3cret-t0ken");
    assertThat(CliTest.run("peer", "alerts", "--data", data).out()).isEqualTo("{\"alerts\":[]}");
  }

  @Test
  void peerAdd_withoutALogKey_isRefused() {
    String data = tmp.resolve("data").toString();
    String witness = SignerKey.generate("cert-b.example/parley", new SecureRandom()).cosignatureVerifierKey().encode();

    assertThat(CliTest.run("peer", "add", "cert-b", "https://b.example", "--token", "t", "--vkey", witness,
        "--data", data).exit()).isEqualTo(2);
    assertThat(CliTest.run("peer", "list", "--data", data).out()).isEmpty();
  }

  @Test
  void peerSelf_isSetOnce() {
    String data = tmp.resolve("data").toString();
    CliTest.run("peer", "self", "cert-a", "--data", data);

    assertThat(CliTest.run("peer", "self", "other", "--data", data).out()).isEqualTo("cert-a");
  }

  @Test
  void peerPolicy_isStoredAndShown() {
    String data = tmp.resolve("data").toString();

    assertThat(CliTest.run("peer", "policy", "--data", data).out()).isEqualTo("require-own=true extra-witnesses=auto");
    assertThat(CliTest.run("peer", "policy", "--extra-witnesses", "2", "--data", data).out())
        .isEqualTo("require-own=true extra-witnesses=2");
    assertThat(CliTest.run("peer", "policy", "--data", data).out()).isEqualTo("require-own=true extra-witnesses=2");
  }
}
