package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.tlog.Hash;
import org.parley.tlog.InMemoryLogStorage;
import org.parley.tlog.Log;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.SplitView;

/** An auditor checks a split-view alert a node raised, with the log's verifier key and nothing else. */
class VerifySplitViewCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  SignerKey key;
  ObjectNode alert;
  String vkey;

  /** A log that showed one party 9 entries and a witness 4 entries, the third of them other than everyone else's. */
  @BeforeEach
  void setUp() throws Exception {
    key = SignerKey.generate("example.org/log", new SecureRandom());
    vkey = key.verifierKey().encode();
    Log served = log(9, -1);
    Log shown = log(4, 2);
    SignedCheckpoint large = served.latestCheckpoint().orElseThrow();
    SignedCheckpoint small = shown.latestCheckpoint().orElseThrow();
    SplitView s = SplitView.compare(id -> served.tile(id).orElseThrow(), small.checkpoint(), large.checkpoint())
        .orElseThrow();
    alert = JSON.createObjectNode().put("id", "alert--1").put("kind", "split-view").put("peer", "A");
    alert.putObject("evidence").put("served_checkpoint", large.encode()).put("witnessed_checkpoint", small.encode())
        .put("witness", "B").put("prefix_size", "4").put("prefix_root", s.prefixRoot().base64())
        .put("consistency_proof", String.join(" ", s.path().stream().map(Hash::base64).toList()));
  }

  Log log(int n, int rewritten) throws Exception {
    Log log = Log.open(new InMemoryLogStorage(), key);
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add((i == rewritten ? "another history" : "entry " + i).getBytes());
    }
    log.append(entries);
    log.integrate();
    return log;
  }

  Path write(Object json) throws Exception {
    Path f = Files.createTempFile(tmp, "alert", ".json");
    Files.writeString(f, json.toString());
    return f;
  }

  @Test
  void verifySplitView_ofAnAlertFromTheList_verifies() throws Exception {
    ObjectNode list = JSON.createObjectNode();
    list.putArray("alerts").add(alert);

    CliTest.Run r = CliTest.run("verify", "split-view", write(list).toString(), "--vkey", vkey);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("VERIFIED: the log example.org/log signed two checkpoints that contradict")
        .contains("size 4 root").contains("size 9 root").contains("the first 4 leaves of the larger tree");
  }

  @Test
  void verifySplitView_withAPrefixRootThatAgreesWithTheSmallerTree_isNotVerified() throws Exception {
    String smallRoot = SignedCheckpoint.parse(alert.path("evidence").path("witnessed_checkpoint").asText())
        .checkpoint().root().base64();
    ((ObjectNode) alert.path("evidence")).put("prefix_root", smallRoot);

    CliTest.Run r = CliTest.run("verify", "split-view", write(alert).toString(), "--vkey", vkey);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("NOT VERIFIED");
  }

  @Test
  void verifySplitView_withAnotherLogsKey_isNotVerified() throws Exception {
    String other = SignerKey.generate("example.org/log", new SecureRandom()).verifierKey().encode();

    assertThat(CliTest.run("verify", "split-view", write(alert.path("evidence")).toString(), "--vkey", other).exit())
        .isEqualTo(1);
  }

  @Test
  void verifySplitView_ofUnusableInput_exitsTwoAndSaysWhy() throws Exception {
    ObjectNode two = JSON.createObjectNode();
    two.putArray("alerts").add(alert).add(alert.deepCopy().put("id", "alert--2"));

    CliTest.Run notJson = CliTest.run("verify", "split-view", write("not json").toString(), "--vkey", vkey);
    CliTest.Run ambiguous = CliTest.run("verify", "split-view", write(two).toString(), "--vkey", vkey);
    CliTest.Run chosen = CliTest.run("verify", "split-view", write(two).toString(), "--vkey", vkey,
        "--alert", "alert--2");

    assertThat(notJson.exit()).isEqualTo(2);
    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("--alert ID").contains("alert--1, alert--2");
    assertThat(chosen.exit()).as(chosen.err()).isZero();
  }
}
