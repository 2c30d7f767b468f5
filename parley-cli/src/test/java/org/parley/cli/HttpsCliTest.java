package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;

/**
 * A node serving HTTPS with its own (self-signed) certificate: {@code serve} says how to give the key store's
 * password, the clients say how to trust the certificate, and the way the README gives works.
 */
class HttpsCliTest {
  static final String PASSWORD = "test-pass";

  @TempDir Path tmp;

  /** {@code keytool} of this JDK, as the README's commands run it. */
  static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  /** {@code dir/server.p12}: a self-signed certificate for 127.0.0.1, password {@link #PASSWORD}. */
  static Path selfSigned(Path dir) throws Exception {
    Path ks = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "parley", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
        "-storepass", PASSWORD);
    return ks;
  }

  @Test
  void serve_withAKeyStoreButNoPassword_saysHowToGiveIt() throws Exception {
    Path ks = selfSigned(tmp);
    Path wrong = Files.writeString(tmp.resolve("wrong-password"), "not-it\n");

    CliTest.Run none = CliTest.run("serve", "--data", tmp.toString(), "--port", "0", "--tls-keystore", ks.toString());
    CliTest.Run file = CliTest.run("serve", "--data", tmp.toString(), "--port", "0", "--tls-keystore", ks.toString(),
        "--tls-password-file", wrong.toString());
    CliTest.Run missing = CliTest.run("serve", "--data", tmp.toString(), "--port", "0", "--tls-keystore",
        ks.toString(), "--tls-password-file", tmp.resolve("no-such-file").toString());

    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).startsWith("parley: --tls-keystore " + ks + " does not open with no password")
        .contains("PARLEY_TLS_PASSWORD").contains("--tls-password-file").doesNotContain("unexpected error");
    assertThat(file.exit()).isEqualTo(1);
    assertThat(file.err()).contains("does not open with the password in --tls-password-file " + wrong);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("--tls-password-file " + tmp.resolve("no-such-file") + ": cannot read it");
  }

  @Test
  void clients_ofANodeWithASelfSignedCertificate_sayHowToTrustIt_andThatWayWorks() throws Exception {
    Path data = tmp.resolve("data");
    CliTest.run("party", "add", "cert-a", "--data", data.toString());
    String token = CliTest.run("token", "issue", "cert-a", "--data", data.toString()).out();
    String coll = CliTest.run("collection", "add", "Shared", "--read", "cert-a", "--data", data.toString()).out();
    Path ks = selfSigned(tmp);
    // the README's recipe: export the node's certificate, import it into a trust store for the clients
    Path pem = tmp.resolve("node.pem");
    Path trust = tmp.resolve("trust.p12");
    keytool("-exportcert", "-rfc", "-alias", "parley", "-keystore", ks.toString(), "-storepass", PASSWORD,
        "-file", pem.toString());
    keytool("-importcert", "-noprompt", "-alias", "parley-node", "-file", pem.toString(), "-keystore",
        trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    try (Node node = Node.start(NodeConfig.local(data)
        .withTls(Optional.of(new NodeConfig.Tls(ks, PASSWORD))))) {
      String base = node.url();
      assertThat(base).startsWith("https://");
      String vkey = node.log().verifierKey().encode();

      CliTest.Run pull = CliTest.run("pull", "--from", base + "/parley/", "--collection", coll, "--token", token);
      CliTest.Run verify = CliTest.run("verify", "log", base, "--vkey", vkey, "--user", "cert-a:" + token);
      CliTest.Run peer = CliTest.run("peer", "add", "cert-b", base, "--token", "t", "--vkey", vkey,
          "--data", tmp.resolve("other").toString());
      CliTest.Run trusted = CliProcess.run(tmp, Map.of(), List.of("-Djavax.net.ssl.trustStore=" + trust,
          "-Djavax.net.ssl.trustStorePassword=changeit"), "pull", "--from", base + "/parley/", "--collection", coll,
          "--token", token);

      for (CliTest.Run r : List.of(pull, verify, peer)) {
        assertThat(r.err()).contains("PKIX").contains("PARLEY_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=")
            .contains("-Djavax.net.ssl.trustStorePassword=").doesNotContain("null");
      }
      assertThat(pull.exit()).isEqualTo(1);
      assertThat(pull.err()).doesNotContain("is the node running");
      assertThat(verify.exit()).isEqualTo(2);
      assertThat(peer.err()).contains("start 'parley serve' with the same PARLEY_JAVA_OPTS");
      assertThat(trusted.exit()).as(trusted.err()).isZero();
      assertThat(trusted.out()).startsWith("{\"type\":\"bundle\"");
    }
  }
}
