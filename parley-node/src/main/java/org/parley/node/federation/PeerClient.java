package org.parley.node.federation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** HTTP calls to one peer node, authenticated with the token the peer issued to this node. */
final class PeerClient {
  static final String TAXII = "application/taxii+json;version=2.1";
  private final HttpClient http;
  private final Peer peer;
  private final Duration timeout;

  PeerClient(HttpClient http, Peer peer, Duration timeout) {
    this.http = http;
    this.peer = peer;
    this.timeout = timeout;
  }

  /** One HTTP answer: status, content type and body. */
  record Answer(int status, Optional<String> contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Answer get(String path, Map<String, String> query, String accept) throws FederationException {
    HttpRequest req = HttpRequest.newBuilder(uri(path, query)).timeout(timeout).GET()
        .header("Accept", accept).header("Authorization", "Bearer " + peer.token()).build();
    return send(req);
  }

  Answer post(String path, byte[] body, String contentType) throws FederationException {
    HttpRequest req = HttpRequest.newBuilder(uri(path, Map.of())).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType).build();
    return send(req);
  }

  private Answer send(HttpRequest req) throws FederationException {
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
    } catch (IOException e) {
      throw new FederationException("peer " + peer.name() + " unreachable at " + req.uri().getPath() + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FederationException("interrupted while calling peer " + peer.name(), e);
    }
  }

  private URI uri(String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
    return URI.create(peer.base() + path + q);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
