package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.tlog.SignerKey;

/**
 * Every answer of a peer is read under a byte cap and a deadline for the whole exchange, whatever the peer does.
 * The peers here are {@link FakePeer}s; bounds on time are generous, only enough to show that a call did not
 * wait for the peer's whole stall.
 */
class PeerClientTest {
  static final String PATH = PeerPuller.CHECKPOINT;
  final FakePeer evil;

  PeerClientTest() throws Exception {
    evil = FakePeer.start();
  }

  @AfterEach
  void tearDown() {
    evil.close();
  }

  PeerClient client(Duration deadline) {
    return new Clients(deadline).of(peer("evil", evil.url()));
  }

  static Peer peer(String name, URI url) {
    return new Peer(name, url, "t0ken", SignerKey.generate(name + ".example/parley", new SecureRandom())
        .verifierKey(), Optional.empty());
  }

  @Test
  void aBodyOfExactlyItsCap_isReadWhole() throws Exception {
    byte[] body = new byte[(int) PeerClient.NOTE.bytes()];
    java.util.Arrays.fill(body, (byte) 'a');
    evil.answers(PATH, 200, "text/plain", body);

    PeerClient.Answer a = client(Duration.ofSeconds(10)).get(PATH, Map.of(), "text/plain", PeerClient.NOTE);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo(body);
  }

  @Test
  void aBodyStreamingPastItsCap_isRefusedNamingPeerAndLimit_andItsConnectionIsClosed() throws Exception {
    evil.endlessBody(PATH);
    PeerClient c = client(Duration.ofSeconds(60));

    assertThatThrownBy(() -> c.get(PATH, Map.of(), "text/plain", PeerClient.NOTE))
        .isInstanceOf(FederationException.class)
        .hasMessageContaining("peer evil: GET " + PATH)
        .hasMessageContaining("sent more than the limit of 65536 bytes")
        .hasMessageContaining("the limit for a checkpoint")
        .satisfies(e -> assertThat(PeerClient.tooLarge(e)).isTrue());

    // The peer offered a gibibyte; the client hung up soon after the cap (socket buffers hold a few MiB).
    assertThat(evil.streamEnded.await(30, TimeUnit.SECONDS)).as("the peer saw its connection closed").isTrue();
    assertThat(evil.bytesSent.get()).isLessThan(64L << 20);
  }

  @Test
  void aContentLengthOverItsCap_isRefusedBeforeAnyBodyArrives() {
    evil.declares(PATH, FakePeer.GIBIBYTE);
    PeerClient c = client(Duration.ofSeconds(60));
    long start = System.nanoTime();

    assertThatThrownBy(() -> c.get(PATH, Map.of(), "text/plain", PeerClient.NOTE))
        .isInstanceOf(FederationException.class)
        .hasMessageContaining("declares Content-Length 1073741824, over the limit of 65536 bytes");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 60 s deadline: refused on the headers")
        .isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aBodyTricklingInByteByByte_isCutAtTheDeadline() throws Exception {
    evil.trickle(PATH, Duration.ofMillis(200)); // for ever: within any cap, never complete
    PeerClient c = client(Duration.ofSeconds(1));
    long start = System.nanoTime();

    assertThatThrownBy(() -> c.get(PATH, Map.of(), "text/plain", PeerClient.NOTE))
        .isInstanceOf(FederationException.class)
        .hasMessageContaining("peer evil: GET " + PATH + " did not complete within 1000 ms")
        .hasMessageContaining("body included")
        .satisfies(e -> assertThat(PeerClient.brokeLimit(e)).isTrue());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(evil.streamEnded.await(30, TimeUnit.SECONDS)).as("the exchange was cancelled, not left open").isTrue();
  }

  @Test
  void aPeerThatNeverAnswers_isCutAtTheDeadline() {
    evil.silent(CosignatureCollector.ADD_CHECKPOINT);
    PeerClient c = client(Duration.ofSeconds(1));
    long start = System.nanoTime();

    assertThatThrownBy(() -> c.post(CosignatureCollector.ADD_CHECKPOINT, new byte[] {'x'}, "text/plain",
        PeerClient.NOTE))
        .isInstanceOf(FederationException.class)
        .hasMessageContaining("peer evil: POST " + CosignatureCollector.ADD_CHECKPOINT + " did not complete within")
        .satisfies(e -> assertThat(PeerClient.brokeLimit(e)).isTrue());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }
}
