package org.parley.node.federation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A peer node that misbehaves on purpose: a tiny HTTP server on loopback whose answer to a path is a chosen fault
 * — a body that goes on for a gibibyte, one that trickles a byte at a time, a Content-Length it never sends, no
 * answer at all — or a relay to a real node whose answer it rewrites. Paths it was not told about answer 404.
 */
final class FakePeer implements AutoCloseable {
  static final long GIBIBYTE = 1L << 30;
  private final HttpServer server;
  private final ExecutorService threads;
  private final CountDownLatch closing = new CountDownLatch(1);
  /** Bytes of body written by the last streaming answer before the client went away (or it gave up). */
  final AtomicLong bytesSent = new AtomicLong();
  /** Counted down when a streaming answer stops: its client closed the connection, or it ran out. */
  final CountDownLatch streamEnded = new CountDownLatch(1);

  private FakePeer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-peer");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads); // one stalled answer must not hold the others back
    server.start();
  }

  static FakePeer start() throws IOException {
    return new FakePeer();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code status} with {@code body}, as a well-behaved node would. */
  FakePeer answers(String path, int status, String contentType, byte[] body) {
    server.createContext(path, ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Content-Type", contentType);
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    return this;
  }

  /** Answers 200 with a chunked body of up to a gibibyte, written as fast as the client takes it. */
  FakePeer endlessBody(String path) {
    server.createContext(path, ex -> stream(ex, 64 * 1024, Duration.ZERO));
    return this;
  }

  /** Answers 200 at once, then one byte of body every {@code every}, for ever. */
  FakePeer trickle(String path, Duration every) {
    server.createContext(path, ex -> stream(ex, 1, every));
    return this;
  }

  /** Answers 200 with {@code Content-Length: length}, then sends no body until closed. */
  FakePeer declares(String path, long length) {
    server.createContext(path, ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, length);
      ex.getResponseBody().flush();
      awaitClose();
      ex.close();
    });
    return this;
  }

  /** Reads the request and never answers, until closed. */
  FakePeer silent(String path) {
    server.createContext(path, ex -> {
      ex.getRequestBody().readAllBytes();
      awaitClose();
      ex.close();
    });
    return this;
  }

  /** Forwards the request to {@code target} (same path) and answers with its answer, body rewritten. */
  FakePeer relay(String path, URI target, UnaryOperator<String> rewrite) {
    return relay(path, target, (query, body) -> rewrite.apply(body));
  }

  /** As {@link #relay(String, URI, UnaryOperator)}, the rewrite told the request's query too ("" when none). */
  FakePeer relay(String path, URI target, BiFunction<String, String, String> rewrite) {
    HttpClient http = HttpClient.newHttpClient();
    server.createContext(path, ex -> {
      try {
        HttpRequest.Builder req = HttpRequest.newBuilder(target.resolve(ex.getRequestURI()));
        ex.getRequestHeaders().forEach((k, v) -> {
          if (k.equalsIgnoreCase("Content-Type") || k.equalsIgnoreCase("Authorization")) {
            req.header(k, v.get(0));
          }
        });
        req.method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        String query = java.util.Objects.requireNonNullElse(ex.getRequestURI().getRawQuery(), "");
        byte[] body = (r.statusCode() == 200 ? rewrite.apply(query, r.body()) : r.body()).getBytes(StandardCharsets.UTF_8);
        r.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().add("Content-Type", t));
        ex.sendResponseHeaders(r.statusCode(), body.length);
        ex.getResponseBody().write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ex.close();
      }
    });
    return this;
  }

  private void stream(HttpExchange ex, int chunk, Duration every) throws IOException {
    bytesSent.set(0);
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(200, 0); // chunked: no length announced
    byte[] bytes = new byte[chunk];
    java.util.Arrays.fill(bytes, (byte) 'x');
    try (OutputStream out = ex.getResponseBody()) {
      while (bytesSent.get() < GIBIBYTE && closing.getCount() > 0) {
        out.write(bytes);
        out.flush();
        bytesSent.addAndGet(chunk);
        if (!every.isZero() && closing.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      }
    } catch (IOException e) {
      // the client closed the connection: what this fake waits for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streamEnded.countDown();
    }
  }

  private void awaitClose() {
    try {
      closing.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
