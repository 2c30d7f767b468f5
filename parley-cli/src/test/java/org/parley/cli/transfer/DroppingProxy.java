package org.parley.cli.transfer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP hop in front of a real node that forwards every request but drops the connection, unanswered, on
 * the n-th POST: a network failure in the middle of a push, after earlier envelopes were accepted.
 */
final class DroppingProxy implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger posts = new AtomicInteger();

  DroppingProxy(String node, int droppedPost) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("POST") && posts.incrementAndGet() == droppedPost) {
          return; // closed before any answer: the client sees the connection end
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(node + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Authorization", "Accept", "Content-Type")) {
          String v = exchange.getRequestHeaders().getFirst(h);
          if (v != null) {
            forward.header(h, v);
          }
        }
        HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
