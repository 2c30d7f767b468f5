package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.federation.Federation;

/**
 * {@code parley peer self}: the party a node acts as toward its peers, set before or after the node's first start,
 * followed by the running node, and fixed once pulls made collections for it.
 */
class PeerSelfCliTest {
  private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

  @TempDir Path tmp;

  static HttpResponse<String> alerts(Node node, String party, String token) throws Exception {
    String basic = Base64.getEncoder().encodeToString((party + ":" + token).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url() + "/federation/alerts"))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void peerSelf_onANewDataDirBeforeTheFirstStart_isThePartyTheNodeActsAs() throws Exception {
    String data = tmp.toString();

    CliTest.Run self = CliTest.run("peer", "self", "cert-e", "--data", data);

    assertThat(self.exit()).isZero();
    assertThat(self.out()).isEqualTo("cert-e");
    assertThat(self.err()).contains("a new one was made there");
    CliTest.run("party", "add", "cert-e", "--data", data);
    String token = CliTest.run("token", "issue", "cert-e", "--data", data).out();
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      assertThat(node.federation().self()).contains("cert-e");
      assertThat(alerts(node, "cert-e", token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aNodeStartedBeforePeerSelf_takesNoName_andFollowsTheOneSetWhileItRuns() throws Exception {
    String data = tmp.toString();
    CliTest.run("party", "add", "cert-e", "--data", data);
    String token = CliTest.run("token", "issue", "cert-e", "--data", data).out();
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      CliTest.Run unset = CliTest.run("peer", "self", "--data", data);
      HttpResponse<String> before = alerts(node, "cert-e", token);

      CliTest.Run first = CliTest.run("peer", "self", "cert-f", "--data", data);
      CliTest.Run changed = CliTest.run("peer", "self", "cert-e", "--data", data);

      assertThat(unset.exit()).isEqualTo(1);
      assertThat(unset.err()).contains("own party name is not set");
      assertThat(before.statusCode()).isEqualTo(403);
      assertThat(before.body()).contains("not set yet (parley peer self NAME)");
      assertThat(first.out()).isEqualTo("cert-f");
      assertThat(changed.exit()).isZero();
      assertThat(changed.out()).isEqualTo("cert-e");
      assertThat(alerts(node, "cert-e", token).statusCode()).isEqualTo(200);
      assertThat(node.directory().parties()).doesNotContain("self");
    }
  }

  @Test
  void peerSelf_withSomethingNotAPartyName_isRefused() {
    CliTest.Run run = CliTest.run("peer", "self", "cert e", "--data", tmp.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("own party name: expected 1-64 letters");
  }

  /**
   * The order the README's setup suggests, where the node must run before {@code peer keys}: B starts without an
   * own party. It pulls nothing until {@code peer self} names one, then makes its collections for that party, and
   * from then on keeps it.
   */
  @Test
  void aNodeWithoutOwnParty_pullsNothing_untilPeerSelf_whichThenCannotChange() throws Exception {
    String a = tmp.resolve("A").toString();
    String b = tmp.resolve("B").toString();
    for (String dir : List.of(a, b)) {
      CliTest.run("party", "add", "cert-a", "--data", dir);
      CliTest.run("party", "add", "cert-b", "--data", dir);
    }
    String aForB = CliTest.run("token", "issue", "cert-b", "--data", a).out();
    String bForA = CliTest.run("token", "issue", "cert-a", "--data", b).out();
    String aForItself = CliTest.run("token", "issue", "cert-a", "--data", a).out();
    String coll = CliTest.run("collection", "add", "Incident 9", "--read", "cert-a,cert-b", "--write", "cert-a",
        "--ceiling", "cert-b=GREEN", "--data", a).out();
    CliTest.run("peer", "self", "cert-a", "--data", a);
    Path bundle = tmp.resolve("bundle.json");
    Files.writeString(bundle, "{\"type\":\"bundle\",\"id\":\"bundle--7b8f3c4e-5d6a-4b1c-9e2f-0a1b2c3d4e5f\","
        + "\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\","
        + "\"id\":\"indicator--0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e\",\"created\":\"2026-01-01T00:00:00.000Z\","
        + "\"modified\":\"2026-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\","
        + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\",\"object_marking_refs\":[\"" + GREEN
        + "\"]}]}");
    try (Node nodeA = Node.start(NodeConfig.local(tmp.resolve("A")));
        Node nodeB = Node.start(NodeConfig.local(tmp.resolve("B")))) {
      String[] keysA = CliTest.run("peer", "keys", "--data", a).out().split(" ");
      String[] keysB = CliTest.run("peer", "keys", "--data", b).out().split(" ");
      assertThat(CliTest.run("peer", "add", "cert-b", nodeB.url(), "--token", bForA, "--vkey", keysB[1],
          "--vkey", keysB[3], "--data", a).exit()).isZero();
      assertThat(CliTest.run("peer", "add", "cert-a", nodeA.url(), "--token", aForB, "--vkey", keysA[1],
          "--vkey", keysA[3], "--data", b).out()).contains("own party name is not set, so nothing is pulled");
      assertThat(CliTest.run("push", bundle.toString(), "--to", nodeA.url() + "/parley/", "--collection", coll,
          "--token", aForItself).exit()).isZero();
      awaitCosignedBy(nodeA, nodeB);

      Federation.Round waiting = nodeB.federation().syncOnce();

      assertThat(waiting.objectsStored()).isZero();
      assertThat(waiting.peersFailed()).isEqualTo(1);
      assertThat(nodeB.federation().mirror("cert-a", coll, false)).isEmpty();

      assertThat(CliTest.run("peer", "self", "cert-b", "--data", b).out()).isEqualTo("cert-b");
      String mirror = awaitMirror(nodeB, coll);

      assertThat(nodeB.directory().collection(mirror).orElseThrow().agreement().member("cert-b")).isPresent();
      assertThat(nodeB.directory().parties()).doesNotContain("self");
      CliTest.Run refused = CliTest.run("peer", "self", "cert-x", "--data", b);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.out()).isEmpty();
      assertThat(refused.err()).contains("own party is already cert-b and can no longer change")
          .contains("1 collection(s) holding peers' objects").contains("cert-x was not set");
      assertThat(CliTest.run("peer", "self", "cert-b", "--data", b).exit()).isZero();
      assertThat(CliTest.run("peer", "remove", "cert-a", "--data", b).out())
          .contains("kept the 1 collection(s) holding what it sent");
    }
  }

  private static void awaitCosignedBy(Node log, Node witness) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      var cp = log.log().checkpoint();
      if (cp.isPresent() && cp.get().checkpoint().size() >= 1
          && !cp.get().cosignatures(List.of(witness.federation().witnessKey())).isEmpty()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the log's checkpoint was never cosigned by its peer");
  }

  private static String awaitMirror(Node node, String remote) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<String> m = node.federation().mirror("cert-a", remote, false);
      if (m.isPresent()) {
        return m.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no collection was made for the peer's objects");
  }
}
