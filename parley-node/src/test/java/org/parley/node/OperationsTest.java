package org.parley.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.auth.Tokens;
import org.parley.node.store.AppendHook;
import org.parley.node.store.TestObjects;

class OperationsTest {
  @TempDir Path tmp;

  private static HttpClient trusting(Path ks, String... protocols) throws Exception {
    SSLContext ctx = TestKeyStores.trusting(ks);
    SSLParameters params = new SSLParameters();
    params.setProtocols(protocols);
    return HttpClient.newBuilder().sslContext(ctx).sslParameters(params).build();
  }

  @Test
  void https_withConfiguredCertificate_servesTls12AndTls13() throws Exception {
    Path ks = TestKeyStores.selfSigned(tmp);
    NodeConfig cfg = NodeConfig.local(tmp.resolve("data"))
        .withTls(Optional.of(new NodeConfig.Tls(ks, TestKeyStores.PASSWORD)));
    try (Node node = Node.start(cfg)) {
      assertThat(node.url()).startsWith("https://127.0.0.1:");
      for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
        HttpResponse<String> r = trusting(ks, protocol).send(
            HttpRequest.newBuilder(URI.create(node.url() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(protocol).isEqualTo(200);
        assertThat(r.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo(protocol));
      }
    }
  }

  @Test
  void plainHttp_onNonLoopback_isRefusedUnlessAsked() throws Exception {
    NodeConfig exposed = NodeConfig.local(tmp).withHost("0.0.0.0", false);

    assertThatThrownBy(() -> Node.start(exposed)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS");
    try (Node node = Node.start(NodeConfig.local(tmp).withHost("0.0.0.0", true))) {
      assertThat(node.port()).isPositive();
    }
  }

  @Test
  void close_letsTheWriteInFlightCommit_beforeTheDatabaseCloses() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AppendHook blocking = (tx, c, rows) -> {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Node node = Node.start(NodeConfig.local(tmp), blocking);
    node.directory().addParty("alice");
    String token = Tokens.issue(node.directory(), "alice", new SecureRandom());
    String coll = node.directory().addCollection("c", Optional.empty(), new SharingAgreement(
        List.of(new Member("alice", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN));
    HttpRequest post = HttpRequest.newBuilder(URI.create(node.url() + "/parley/collections/" + coll + "/objects/"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/taxii+json;version=2.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[" + TestObjects.indicator(1).json().utf8() + "]}"))
        .build();

    CompletableFuture<HttpResponse<String>> reply =
        HttpClient.newHttpClient().sendAsync(post, HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.writesInFlight()).isEqualTo(1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
    release.countDown();
    closing.get(60, TimeUnit.SECONDS);

    assertThat(reply.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    try (Node again = Node.start(NodeConfig.local(tmp))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(again.url()
          + "/parley/collections/" + coll + "/objects/")).header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString(("alice:" + token).getBytes())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains(TestObjects.indicator(1).id());
    }
  }
}
