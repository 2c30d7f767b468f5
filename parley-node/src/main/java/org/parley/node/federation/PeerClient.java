package org.parley.node.federation;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.node.BoundedBody;

/**
 * HTTP calls to one peer node, authenticated with the token the peer issued to this node. A peer is not trusted
 * to be well-behaved: every answer is read under a byte {@link Cap} fitting the resource asked for, and the whole
 * exchange — connection, headers and body — must complete within the deadline, else it is cancelled. A peer
 * that breaks either limit gets a {@link FederationException} naming the peer, the resource and the limit.
 */
final class PeerClient {
  static final String TAXII = "application/taxii+json;version=2.1";
  /**
   * A signed note (checkpoint with its cosignatures, C2SP signed-note: at most {@code Note.MAX_SIGNATURES}
   * lines, about 16 KiB), a witness's cosignature lines or one inclusion-proof bundle. C2SP signed-note: verifiers
   * SHOULD bound a note's signatures or size.
   */
  static final Cap NOTE = new Cap("a checkpoint, cosignature or proof bundle", 64 * 1024,
      Cap.NEVER_THAT_MUCH);
  private final HttpClient http;
  private final Peer peer;
  private final Duration timeout;

  PeerClient(HttpClient http, Peer peer, Duration timeout) {
    this.http = http;
    this.peer = peer;
    this.timeout = timeout;
  }

  /**
   * The most bytes a peer's answer for one kind of resource may hold.
   *
   * @param what names the resource in errors
   * @param next what happens next, or what the operator should do, when an answer is over the cap
   */
  record Cap(String what, long bytes, String next) {
    static final String NEVER_THAT_MUCH = "a working node never answers that much here: ask the peer's operators to"
        + " check it";

    Cap {
      if (bytes < 1) {
        throw new IllegalArgumentException("a cap is at least one byte, got " + bytes);
      }
    }
  }

  /** One HTTP answer: status, content type and body. */
  record Answer(int status, Optional<String> contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Answer get(String path, Map<String, String> query, String accept, Cap cap) throws FederationException {
    HttpRequest req = HttpRequest.newBuilder(uri(path, query)).timeout(timeout).GET()
        .header("Accept", accept).header("Authorization", "Bearer " + peer.token()).build();
    return send(req, cap);
  }

  Answer post(String path, byte[] body, String contentType, Cap cap) throws FederationException {
    HttpRequest req = HttpRequest.newBuilder(uri(path, Map.of())).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType).build();
    return send(req, cap);
  }

  /** True when {@code e} (or what caused it) is a peer answering more than its cap. */
  static boolean tooLarge(Throwable e) {
    return find(e, BoundedBody.TooLarge.class).isPresent();
  }

  /** True when {@code e} (or what caused it) is a peer breaking a cap or the deadline of an exchange. */
  static boolean brokeLimit(Throwable e) {
    return tooLarge(e) || find(e, TimeoutException.class).isPresent()
        || find(e, HttpTimeoutException.class).isPresent();
  }

  private Answer send(HttpRequest req, Cap cap) throws FederationException {
    BoundedBody body = new BoundedBody(cap.bytes());
    // HttpRequest.timeout bounds only the wait for the headers: the deadline here covers the body as well.
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(req, body);
    try {
      HttpResponse<byte[]> r = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
    } catch (TimeoutException e) {
      stop(exchange, body);
      throw overDeadline(req, body, e);
    } catch (ExecutionException e) {
      stop(exchange, body);
      Throwable cause = e.getCause() == null ? e : e.getCause();
      Optional<BoundedBody.TooLarge> big = find(cause, BoundedBody.TooLarge.class);
      if (big.isPresent()) {
        throw new FederationException(call(req) + " " + big.get().getMessage() + ", the limit for "
            + cap.what() + ": refused without reading further; " + cap.next()
            + " (docs/design/federation.md, Limits)", big.get());
      }
      Optional<HttpTimeoutException> slow = find(cause, HttpTimeoutException.class);
      if (slow.isPresent()) {
        throw overDeadline(req, body, slow.get());
      }
      throw new FederationException("peer " + peer.name() + " unreachable at " + req.uri().getPath() + ": "
          + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
    } catch (InterruptedException e) {
      stop(exchange, body);
      Thread.currentThread().interrupt();
      throw new FederationException("interrupted while calling peer " + peer.name(), e);
    }
  }

  private FederationException overDeadline(HttpRequest req, BoundedBody body, Exception cause) {
    return new FederationException(call(req) + " did not complete within " + timeout.toMillis() + " ms, the deadline"
        + " for a whole exchange, body included (" + body.received() + " bytes of body had arrived): cancelled. "
        + "The peer or the network to it is stalling; it is asked again later, and if this persists ask the "
        + "operators of " + peer.name() + " to check it", cause);
  }

  private static void stop(CompletableFuture<?> exchange, BoundedBody body) {
    body.cancel(); // closes a body still arriving
    exchange.cancel(true); // and an exchange still waiting for its headers
  }

  private String call(HttpRequest req) {
    return "peer " + peer.name() + ": " + req.method() + " " + req.uri().getPath();
  }

  private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
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
