package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Directory;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignerKey;

/** A whole-log audit from a live node and from a mirrored directory, and what a tampered mirror looks like. */
class LogAuditTest {
  @TempDir Path tmp;
  Node node;
  LogAudit.Source source;

  @BeforeEach
  void startNodeWithSixHundredObjects() throws Exception {
    node = Node.start(NodeConfig.local(tmp.resolve("node")));
    Directory d = node.directory();
    d.addParty("alice");
    String token = Tokens.issue(d, "alice", new SecureRandom());
    String collection = d.addCollection("Audit", Optional.empty(), new SharingAgreement(List.of(
        new Member("alice", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN));
    LogHttp alice = new LogHttp(node.url(), "alice", token);
    for (int envelope = 0; envelope < 3; envelope++) {
      StringBuilder body = new StringBuilder("{\"objects\":[");
      for (int i = 0; i < 200; i++) {
        body.append(i == 0 ? "" : ",").append(LogHttp.indicator(UUID.randomUUID(), "a" + i));
      }
      assertThat(alice.post("/parley/collections/" + collection + "/objects/", body + "]}").status())
          .isEqualTo(202);
    }
    while (node.log().checkpoint().map(c -> c.checkpoint().size()).orElse(0L) < 600) {
      Thread.sleep(20);
    }
    source = LogAudit.http(node.url() + "/log/", Optional.of("Basic "
        + Base64.getEncoder().encodeToString(("alice:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void verify_liveNode_recomputesEveryTileAndTheSignedRoot() throws Exception {
    LogAudit.Report report = LogAudit.verify(source, node.log().verifierKey());
    assertThat(report.entries()).isEqualTo(600);
    assertThat(report.tilesChecked()).isEqualTo(4); // level 0: 000, 001, 002.p/88; level 1: 000.p/2
  }

  @Test
  void httpSource_aResourceOverItsLimit_isRefusedWithoutReadingIt() throws Exception {
    com.sun.net.httpserver.HttpServer huge = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    huge.createContext("/", x -> { // a node answering far more than any tile or checkpoint
      x.sendResponseHeaders(200, LogAudit.MAX_RESOURCE * 4);
      byte[] chunk = new byte[1 << 16];
      try (var out = x.getResponseBody()) {
        for (long sent = 0; sent < LogAudit.MAX_RESOURCE * 4; sent += chunk.length) {
          out.write(chunk);
        }
      } catch (java.io.IOException closed) {
        // the auditor hung up, as it should
      }
    });
    huge.start();
    try {
      LogAudit.Source http = LogAudit.http("http://127.0.0.1:" + huge.getAddress().getPort() + "/log/",
          Optional.empty());

      assertThatThrownBy(() -> http.read("checkpoint")).isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("over the limit of " + LogAudit.MAX_RESOURCE + " bytes");
    } finally {
      huge.stop(0);
    }
  }

  @Test
  void verify_mirroredDirectory_passesOffline() throws Exception {
    Path mirror = tmp.resolve("mirror");
    org.parley.tlog.VerifierKey key = node.log().verifierKey(); // in real audits: from the group's records
    assertThat(LogAudit.mirror(source, mirror)).isEqualTo(600);
    node.close();
    node = Node.start(NodeConfig.local(tmp.resolve("other"))); // the source node is gone
    assertThat(LogAudit.verify(LogAudit.directory(mirror), key).entries()).isEqualTo(600);
  }

  @Test
  void verify_mirrorWithOneRewrittenEntry_throws() throws Exception {
    Path mirror = tmp.resolve("mirror");
    LogAudit.mirror(source, mirror);
    Path bundle = mirror.resolve("tile/entries/001");
    String text = new String(Files.readAllBytes(bundle), java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(bundle, text.replaceFirst("party alice", "party mallo").getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> LogAudit.verify(LogAudit.directory(mirror), node.log().verifierKey()))
        .isInstanceOf(ProofException.class).hasMessageContaining("audit-tile");
  }

  @Test
  void verify_withAnotherLogsKey_throws() {
    SignerKey other = SignerKey.generate(node.log().origin(), new SecureRandom());
    assertThatThrownBy(() -> LogAudit.verify(source, other.verifierKey())).isInstanceOf(ProofException.class);
  }
}
