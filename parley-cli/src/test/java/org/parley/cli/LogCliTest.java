package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;

/** {@code parley log vkey|show} and {@code parley verify object|checkpoint|log} against a real node's log. */
class LogCliTest {
  @TempDir Path tmp;

  @Test
  void verifyCommands_acceptTheNodesProofsAndRejectTamperedOnes() throws Exception {
    String data = tmp.resolve("data").toString();
    CliTest.run("party", "add", "cert-a", "--data", data);
    String token = CliTest.run("token", "issue", "cert-a", "--data", data).out();
    String coll = CliTest.run("collection", "add", "Log", "--read", "cert-a", "--write", "cert-a",
        "--data", data).out();
    UUID id = UUID.randomUUID();
    String object = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + id + "\","
        + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2026-01-01T00:00:00Z\"}";
    Path bundle = tmp.resolve("proof.json");
    Path checkpoint = tmp.resolve("checkpoint");
    Path objectFile = tmp.resolve("object.json");
    Files.writeString(objectFile, object);
    String logUrl;
    try (Node node = Node.start(NodeConfig.local(tmp.resolve("data")))) {
      logUrl = node.url() + "/log/";
      String auth = "Basic " + Base64.getEncoder().encodeToString(("cert-a:" + token).getBytes(StandardCharsets.UTF_8));
      send(HttpRequest.newBuilder(URI.create(node.url() + "/parley/collections/" + coll + "/objects/"))
          .header("Authorization", auth).header("Accept", "application/taxii+json;version=2.1")
          .header("Content-Type", "application/taxii+json;version=2.1")
          .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[" + object + "]}")));
      HttpResponse<byte[]> proof;
      do {
        Thread.sleep(50);
        proof = send(HttpRequest.newBuilder(URI.create(logUrl + "proof?collection=" + coll + "&id=indicator--" + id
            + "&version=" + URLEncoder.encode("2026-01-01T00:00:00.000Z", StandardCharsets.UTF_8)))
            .header("Authorization", auth));
      } while (proof.statusCode() == 503);
      Files.write(bundle, proof.body());
      Files.write(checkpoint, send(HttpRequest.newBuilder(URI.create(logUrl + "checkpoint"))
          .header("Authorization", auth)).body());
      Path mirror = tmp.resolve("mirror");
      String vkey = node.log().verifierKey().encode();
      assertThat(CliTest.run("verify", "log", logUrl, "--vkey", vkey, "--user", "cert-a:" + token,
          "--save", mirror.toString()).out()).startsWith("VERIFIED: ");
    }
    String vkey = CliTest.run("log", "vkey", "--data", data).out();

    CliTest.Run verified = CliTest.run("verify", "object", bundle.toString(), "--vkey", vkey,
        "--object", objectFile.toString());
    assertThat(verified.exit()).isZero();
    assertThat(verified.out()).startsWith("VERIFIED: leaf 0").contains("indicator--" + id).contains("by cert-a");
    assertThat(CliTest.run("verify", "checkpoint", checkpoint.toString(), "--vkey", vkey).exit()).isZero();
    assertThat(CliTest.run("verify", "log", tmp.resolve("mirror").toString(), "--vkey", vkey).exit()).isZero();
    assertThat(CliTest.run("log", "show", "--data", data).out()).contains("size:         1");

    Files.writeString(objectFile, object.replace("198.51.100.1", "198.51.100.2"));
    assertThat(CliTest.run("verify", "object", bundle.toString(), "--vkey", vkey, "--object", objectFile.toString())
        .exit()).isEqualTo(1);
    assertThat(CliTest.run("verify", "checkpoint", checkpoint.toString(), "--vkey", vkey,
        "--min-cosignatures", "1").exit()).isEqualTo(1);
    Files.writeString(checkpoint, Files.readString(checkpoint).replaceFirst("\n1\n", "\n2\n"));
    assertThat(CliTest.run("verify", "checkpoint", checkpoint.toString(), "--vkey", vkey).exit()).isEqualTo(1);

    // unusable input is exit 2 ("2: unusable input"), not a failed verification
    assertThat(CliTest.run("verify", "checkpoint", checkpoint.toString(), "--vkey", "garbage").exit()).isEqualTo(2);
    assertThat(CliTest.run("verify", "checkpoint", tmp.resolve("missing").toString(), "--vkey", vkey).exit())
        .isEqualTo(2);
    assertThat(CliTest.run("verify", "object", tmp.resolve("missing").toString(), "--vkey", vkey).exit())
        .isEqualTo(2);
    CliTest.Run unreachable = CliTest.run("verify", "log", "http://127.0.0.1:1/log/", "--vkey", vkey);
    assertThat(unreachable.exit()).isEqualTo(2);
    assertThat(unreachable.err()).startsWith("parley: cannot read the log at http://127.0.0.1:1/log/: ")
        .doesNotContain("null");
    // a "strict" reader must not verify what it misread: 2^64 + 1 is not leaf 1, 1.0 is not a size
    String json = Files.readString(bundle);
    for (String bad : new String[] {json.replaceFirst("\"leaf_index\"\\s*:\\s*0", "\"leaf_index\": 18446744073709551616"),
        json.replaceFirst("\"tree_size\"\\s*:\\s*1", "\"tree_size\": 1.0")}) {
      assertThat(bad).isNotEqualTo(json);
      Files.writeString(bundle, bad);
      assertThat(CliTest.run("verify", "object", bundle.toString(), "--vkey", vkey).exit()).as(bad).isEqualTo(2);
    }
  }

  @Test
  void verifyLog_givenTheNodesBaseUrl_auditsItsLog_andAUrlWithoutACheckpointSaysWhichUrlIsExpected()
      throws Exception {
    String data = tmp.resolve("data").toString();
    CliTest.run("party", "add", "cert-a", "--data", data);
    String user = "cert-a:" + CliTest.run("token", "issue", "cert-a", "--data", data).out();
    try (Node node = Node.start(NodeConfig.local(tmp.resolve("data")))) {
      while (node.log().checkpoint().isEmpty()) {
        Thread.sleep(20);
      }
      String vkey = node.log().verifierKey().encode();

      CliTest.Run base = CliTest.run("verify", "log", node.url(), "--vkey", vkey, "--user", user);
      CliTest.Run slash = CliTest.run("verify", "log", node.url() + "/", "--vkey", vkey, "--user", user);
      CliTest.Run apiRoot = CliTest.run("verify", "log", node.url() + "/parley/", "--vkey", vkey, "--user", user);

      assertThat(base.exit()).as(base.err()).isZero();
      assertThat(base.out()).startsWith("VERIFIED: ");
      assertThat(slash.exit()).as(slash.err()).isZero();
      assertThat(apiRoot.exit()).isEqualTo(2);
      assertThat(apiRoot.err()).contains("no checkpoint at " + node.url() + "/parley/checkpoint")
          .contains("base URL (e.g. http://127.0.0.1:8080)").contains("http://127.0.0.1:8080/log/");
    }
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** docs/design/federation.md: the log's key with --vkey, each witness's with --witness. */
  @Test
  void verifyCheckpoint_givenBothKeysPeerKeysPrints_asTwoVkeys_pointsToWitness() throws Exception {
    Path data = tmp.resolve("data");
    Path checkpoint = tmp.resolve("checkpoint");
    try (Node node = Node.start(NodeConfig.local(data))) {
      while (node.log().checkpoint().isEmpty()) {
        Thread.sleep(20);
      }
      Files.writeString(checkpoint, node.log().checkpoint().orElseThrow().encode());
    }
    String[] keys = CliTest.run("peer", "keys", "--data", data.toString()).out().split(" ");

    CliTest.Run twoVkeys = CliTest.run("verify", "checkpoint", checkpoint.toString(), "--vkey", keys[1],
        "--vkey", keys[3]);
    CliTest.Run witness = CliTest.run("verify", "checkpoint", checkpoint.toString(), "--vkey", keys[1],
        "--witness", keys[3]);

    assertThat(twoVkeys.exit()).isEqualTo(2);
    assertThat(twoVkeys.err()).contains("--vkey is the log's key and is given once")
        .contains("give each witness's key with --witness VKEY");
    assertThat(witness.exit()).as(witness.err()).isZero();
    assertThat(witness.out()).startsWith("VERIFIED: ");
  }
}
