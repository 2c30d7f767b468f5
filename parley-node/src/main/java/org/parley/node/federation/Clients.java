package org.parley.node.federation;

import java.net.http.HttpClient;
import java.time.Duration;

/** One shared HTTP client, and a {@link PeerClient} per call. */
final class Clients {
  private final HttpClient http;
  private final Duration timeout;

  Clients(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    this.timeout = timeout;
  }

  /** The deadline of one exchange with a peer, body included. */
  Duration timeout() {
    return timeout;
  }

  PeerClient of(Peer p) {
    return new PeerClient(http, p, timeout);
  }
}
