package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.tlog.SignerKey;

/** {@code parley peer add|remove|list|keys|policy|alerts} on a data directory, against real nodes where it asks one. */
class PeerCliTest {
  @TempDir Path tmp;

  private final SignerKey peer = SignerKey.generate("cert-b.example/parley", new SecureRandom());
  private final String log = peer.verifierKey().encode();
  private final String witness = peer.cosignatureVerifierKey().encode();

  /** A loopback URL nothing listens on: a peer that is not up yet. */
  static String downPeerUrl() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return "https://127.0.0.1:" + s.getLocalPort();
    }
  }

  private String data() {
    return tmp.resolve("data").toString();
  }

  @Test
  void peerAdd_withLogAndWitnessKeys_isListedWithoutItsToken() throws Exception {
    String url = downPeerUrl();

    CliTest.Run added = CliTest.run("peer", "add", "cert-b", url, "--token", "s3cret-t0ken",
        "--vkey", log, "--vkey", witness, "--data", data());
    CliTest.Run listed = CliTest.run("peer", "list", "--data", data());

    assertThat(added.exit()).isZero();
    assertThat(added.out() + added.err()).doesNotContain("s3cret-t0ken");
    assertThat(listed.out()).contains("cert-b", url, log, witness).doesNotContain("s3cret-t0ken");
    assertThat(CliTest.run("peer", "alerts", "--data", data()).out()).isEqualTo("{\"alerts\":[]}");
  }

  @Test
  void peerAdd_aPeerNotUpYet_isAddedWithAWarningNamingTheUrlTried() throws Exception {
    String url = downPeerUrl();

    CliTest.Run added = CliTest.run("peer", "add", "cert-b", url, "--token", "t", "--vkey", log, "--vkey", witness,
        "--data", data());

    assertThat(added.exit()).isZero();
    assertThat(added.err()).contains("warning: could not reach " + url + "/federation/v1/keys");
    assertThat(CliTest.run("peer", "list", "--data", data()).out()).contains(url);
  }

  @Test
  void peerAdd_withoutALogKey_isRefusedAndMakesNoDatabase() {
    CliTest.Run added = CliTest.run("peer", "add", "cert-b", "https://b.example", "--token", "t", "--vkey", witness,
        "--data", data());

    assertThat(added.exit()).isEqualTo(2);
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void peerAdd_aUrlWithAPath_isRefusedNamingTheBaseUrlExpected() {
    CliTest.Run added = CliTest.run("peer", "add", "cert-b", "https://cert-b.example:8443/parley/", "--token", "t",
        "--vkey", log, "--data", data());

    assertThat(added.exit()).isEqualTo(2);
    assertThat(added.err()).contains("expected the peer node's base URL").contains("give https://cert-b.example:8443");
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void peerAdd_aUrlWithAQueryAFragmentOrNoScheme_isRefused() {
    for (String url : List.of("https://cert-b.example:8443?x=1", "https://cert-b.example:8443/#top",
        "cert-b.example:8443", "ftp://cert-b.example", "https://user:pw@cert-b.example")) {
      CliTest.Run added = CliTest.run("peer", "add", "cert-b", url, "--token", "t", "--vkey", log, "--data", data());

      assertThat(added.exit()).as(url).isEqualTo(2);
      assertThat(added.err()).as(url).contains("peer URL \"" + url + "\": expected the peer node's base URL");
    }
  }

  @Test
  void peerAdd_plainHttpToAnotherMachine_isRefusedAskingForHttps() {
    CliTest.Run added = CliTest.run("peer", "add", "cert-b", "http://192.0.2.10:8443", "--token", "t",
        "--vkey", log, "--data", data());

    assertThat(added.exit()).isEqualTo(2);
    assertThat(added.err()).contains("refusing plain http to 192.0.2.10").contains("cleartext")
        .contains("use https://192.0.2.10:8443");
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void peerAdd_aServerThatIsNotAParleyNode_isRefusedNamingTheUrlTried() throws Exception {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext("/", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    web.start();
    try {
      String url = "http://127.0.0.1:" + web.getAddress().getPort();
      CliTest.run("party", "add", "cert-a", "--data", data());

      CliTest.Run added = CliTest.run("peer", "add", "cert-b", url, "--token", "t", "--vkey", log, "--data", data());

      assertThat(added.exit()).isEqualTo(1);
      assertThat(added.err()).contains(url + "/federation/v1/keys answered 404").contains("cert-b was not added");
      assertThat(CliTest.run("peer", "list", "--data", data()).out()).isEmpty();
    } finally {
      web.stop(0);
    }
  }

  @Test
  void peerAdd_aRunningNode_isAddedWhenItServesTheKeysGiven_andRefusedWhenNot() throws Exception {
    Path peerData = tmp.resolve("peer");
    try (Node node = Node.start(NodeConfig.local(peerData))) {
      String[] keys = CliTest.run("peer", "keys", "--data", peerData.toString()).out().split(" ");
      CliTest.run("party", "add", "cert-a", "--data", data());

      CliTest.Run wrong = CliTest.run("peer", "add", "cert-b", node.url(), "--token", "t", "--vkey", log,
          "--data", data());
      CliTest.Run right = CliTest.run("peer", "add", "cert-b", node.url() + "/", "--token", "t", "--vkey", keys[1],
          "--vkey", keys[3], "--data", data());

      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err()).contains("has log key " + keys[1] + ", not the --vkey given");
      assertThat(right.exit()).as(right.err()).isZero();
      assertThat(right.err()).doesNotContain("warning");
      assertThat(CliTest.run("peer", "list", "--data", data()).out()).startsWith("cert-b\t" + node.url() + "\t");
    }
  }

  @Test
  void peerRemove_dropsThePeerAndItsToken_andSaysWhatStays() throws Exception {
    CliTest.run("peer", "add", "cert-b", downPeerUrl(), "--token", "t", "--vkey", log, "--data", data());

    CliTest.Run removed = CliTest.run("peer", "remove", "cert-b", "--data", data());
    CliTest.Run again = CliTest.run("peer", "remove", "cert-b", "--data", data());

    assertThat(removed.exit()).isZero();
    assertThat(removed.out()).contains("removed peer cert-b and its token")
        .contains("kept the 0 collection(s) holding what it sent");
    assertThat(CliTest.run("peer", "list", "--data", data()).out()).isEmpty();
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("no peer named cert-b");
  }

  @Test
  void everyCommandThatReadsOrChangesANode_onAMistypedDataDir_failsNamingTheDatabaseAndCreatesNothing() {
    Path typo = tmp.resolve("parley-dtaa");
    for (List<String> args : List.of(List.of("peer", "alerts"), List.of("peer", "list"), List.of("peer", "keys"),
        List.of("peer", "policy"), List.of("peer", "policy", "--extra-witnesses", "2"), List.of("peer", "self"),
        List.of("peer", "remove", "cert-b"), List.of("log", "vkey"), List.of("log", "show"),
        List.of("token", "issue", "cert-charlie"), List.of("token", "revoke", "cert-charlie"),
        List.of("collection", "add", "Incident 7", "--read", "cert-charlie"))) {
      List<String> line = new java.util.ArrayList<>(args);
      line.addAll(List.of("--data", typo.toString()));

      CliTest.Run run = CliTest.run(line.toArray(String[]::new));

      assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.out()).as(String.join(" ", args)).isEmpty();
      assertThat(run.err()).as(String.join(" ", args))
          .contains("no Parley database at " + typo.toAbsolutePath().resolve("parley.db")).contains("--data DIR");
      assertThat(typo).as(String.join(" ", args)).doesNotExist();
    }
  }

  @Test
  void peerPolicy_isStoredAndShown() {
    CliTest.run("party", "add", "cert-a", "--data", data());

    assertThat(CliTest.run("peer", "policy", "--data", data()).out()).isEqualTo("require-own=true extra-witnesses=auto");
    assertThat(CliTest.run("peer", "policy", "--extra-witnesses", "2", "--data", data()).out())
        .isEqualTo("require-own=true extra-witnesses=2");
    assertThat(CliTest.run("peer", "policy", "--data", data()).out()).isEqualTo("require-own=true extra-witnesses=2");
  }

  @Test
  void peerPolicy_requireOwn_takesItsValueAfterASpaceOrAnEqualsSign() {
    CliTest.run("party", "add", "cert-a", "--data", data());

    CliTest.Run spaced = CliTest.run("peer", "policy", "--require-own", "false", "--data", data());
    CliTest.Run joined = CliTest.run("peer", "policy", "--require-own=true", "--data", data());
    CliTest.Run bare = CliTest.run("peer", "policy", "--require-own", "--data", data());

    assertThat(spaced.exit()).as(spaced.err()).isZero();
    assertThat(spaced.out()).isEqualTo("require-own=false extra-witnesses=auto");
    assertThat(joined.out()).isEqualTo("require-own=true extra-witnesses=auto");
    assertThat(bare.exit()).isEqualTo(2);
    assertThat(CliTest.run("peer", "policy", "--data", data()).out()).isEqualTo("require-own=true extra-witnesses=auto");
  }

  @Test
  void peerPolicy_extraWitnessesThatIsNotANumber_saysWhatIsExpectedAndStoresNothing() {
    CliTest.run("party", "add", "cert-a", "--data", data());

    for (String bad : List.of("x", "-1", "1.5")) {
      CliTest.Run run = CliTest.run("peer", "policy", "--extra-witnesses", bad, "--data", data());

      assertThat(run.exit()).as(bad).isEqualTo(2);
      assertThat(run.err()).as(bad).contains("--extra-witnesses: expected a whole number of witnesses (0, 1, 2, …)"
          + " or auto, got \"" + bad + "\"");
    }
    assertThat(CliTest.run("peer", "policy", "--data", data()).out()).isEqualTo("require-own=true extra-witnesses=auto");
  }
}
