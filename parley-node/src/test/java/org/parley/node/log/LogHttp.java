package org.parley.node.log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A plain HTTP client for the node's TAXII and log endpoints, with Basic auth as taxii2-client sends it. */
final class LogHttp {
  static final String TAXII = "application/taxii+json;version=2.1";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  LogHttp(String base, String party, String token) {
    this.base = base;
    this.authorization = party == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((party + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII).GET());
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII).DELETE());
  }

  Reply post(String path, String envelope) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII)
        .header("Content-Type", TAXII).POST(HttpRequest.BodyPublishers.ofString(envelope)));
  }

  private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    b.timeout(Duration.ofSeconds(30));
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r.body());
  }

  /** A valid STIX 2.1 indicator with a fresh id, as JSON. */
  static String indicator(UUID id, String name) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + id + "\","
        + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"name\":\"" + name + "\",\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\","
        + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }
}
