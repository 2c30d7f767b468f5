package org.parley.cli.transfer;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.parley.cli.Failures;

/**
 * A small TAXII 2.1 client for scripts: the request patterns of the OASIS taxii2-client (POST an envelope, poll
 * the status resource, page through objects by following {@code next}). TAXII 2.1 §1.6.8 media types.
 */
final class TaxiiClient {
  static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI apiRoot;
  private final String authorization;

  TaxiiClient(URI apiRoot, String token, Optional<String> party) {
    this.apiRoot = apiRoot.toString().endsWith("/") ? apiRoot : URI.create(apiRoot + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // TAXII 2.1 §1.6.9: HTTP Basic is the mandatory scheme; the node also takes the token as a Bearer credential.
    this.authorization = party
        .map(p -> "Basic " + Base64.getEncoder().encodeToString((p + ":" + token).getBytes(StandardCharsets.UTF_8)))
        .orElse("Bearer " + token);
  }

  /** The API root information resource (TAXII 2.1 §4.2), whose {@code max_content_length} bounds a POST. */
  JsonNode apiRootInformation() throws TransferException {
    return send(get(apiRoot), 200);
  }

  /** POST one envelope to a collection's objects endpoint (TAXII 2.1 §5.5); returns the status resource. */
  JsonNode postEnvelope(String collection, byte[] envelope) throws TransferException {
    HttpRequest request = HttpRequest.newBuilder(objectsUri(collection, ""))
        .timeout(Duration.ofMinutes(5))
        .header("Accept", MEDIA_TYPE)
        .header("Content-Type", MEDIA_TYPE)
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
        .build();
    return send(request, 202);
  }

  /** The status resource (TAXII 2.1 §4.3). */
  JsonNode status(String statusId) throws TransferException {
    return send(get(apiRoot.resolve("status/" + encode(statusId) + "/")), 200);
  }

  /**
   * One page of a collection's objects (TAXII 2.1 §5.4): every version of each object ({@code match[version]=all},
   * §3.4.3 — without it a server returns only the latest), each as the exact bytes the node served, with the
   * response's date-added headers. The server pages versions by {@code date_added}, one row per version, so
   * following {@code next} (which must repeat the filters the cursor was issued for) covers every version.
   */
  Page objects(String collection, Optional<String> addedAfter, Optional<String> next, int limit)
      throws TransferException {
    StringBuilder query = new StringBuilder("?limit=").append(limit).append("&match%5Bversion%5D=all");
    addedAfter.ifPresent(a -> query.append("&added_after=").append(encode(a)));
    next.ifPresent(n -> query.append("&next=").append(encode(n)));
    HttpRequest request = get(objectsUri(collection, query.toString()));
    HttpResponse<byte[]> response = exchange(request);
    if (response.statusCode() != 200) {
      check(response, 200); // throws, saying what the error resource says
    }
    List<EnvelopeReader.Element> objects = new ArrayList<>();
    boolean[] more = {false};
    String[] cursor = {null};
    try {
      new EnvelopeReader("the page from " + request.uri()).readBytes(response.body(), objects::add, (name, p) -> {
        if (name.equals("more") && p.currentToken().isBoolean()) {
          more[0] = p.getBooleanValue();
        } else if (name.equals("next") && p.currentToken() == JsonToken.VALUE_STRING) {
          cursor[0] = p.getText();
        } else {
          p.skipChildren();
        }
      });
    } catch (IOException e) {
      throw new TransferException("cannot read the page from " + request.uri() + ": " + Failures.describe(e), e);
    }
    return new Page(objects, more[0], Optional.ofNullable(cursor[0]),
        response.headers().firstValue("X-TAXII-Date-Added-Last"));
  }

  /** A page: its objects (each as the exact bytes served), whether there is more, and the cursor to it. */
  record Page(List<EnvelopeReader.Element> objects, boolean more, Optional<String> next,
      Optional<String> dateAddedLast) {
    Page {
      objects = List.copyOf(objects);
    }
  }

  private URI objectsUri(String collection, String query) {
    return apiRoot.resolve("collections/" + encode(collection) + "/objects/" + query);
  }

  /** The largest TAXII answer read (a page of objects). */
  static final long MAX_ANSWER = 512L << 20;

  private HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
        .header("Accept", MEDIA_TYPE).header("Authorization", authorization).GET().build();
  }

  private JsonNode send(HttpRequest request, int expected) throws TransferException {
    return check(exchange(request), expected);
  }

  private HttpResponse<byte[]> exchange(HttpRequest request) throws TransferException {
    try {
      // a page is at most the server's page size of objects it accepted under its max_content_length; more than
      // MAX_ANSWER is refused before it exhausts this process's memory
      return http.send(request, new org.parley.node.BoundedBody(MAX_ANSWER));
    } catch (IOException e) {
      throw new TransferException("cannot reach " + request.uri() + ": " + Failures.describe(e)
          + (Failures.isUntrustedCertificate(e) ? "" : " (is the node running, and is the URL its API root, e.g."
              + " http://127.0.0.1:8080/parley/ ?)"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferException("interrupted while talking to " + request.uri(), e);
    }
  }

  private static JsonNode check(HttpResponse<byte[]> response, int expected) throws TransferException {
    JsonNode body = parse(response);
    if (response.statusCode() != expected) {
      throw new TransferException(describeError(response.statusCode(), response.uri(), body), null);
    }
    return body;
  }

  private static JsonNode parse(HttpResponse<byte[]> response) {
    try {
      return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      return JSON.createObjectNode().put("title", "unreadable response body");
    }
  }

  /** Turns a TAXII error resource (TAXII 2.1 §3.6.1) into one line that says what to do next. */
  static String describeError(int status, URI uri, JsonNode body) {
    String title = body.path("title").asText("HTTP " + status);
    String description = body.path("description").asText("");
    String hint = switch (status) {
      case 401 -> " — check --token (and --party when the node expects HTTP Basic)";
      case 403 -> " — this party has no such right on the collection; ask the node's admin for a role";
      case 404 -> " — check the API root URL and the collection id (`parley collection add` prints it)";
      case 413 -> " — lower --batch so that each envelope fits the node's max_content_length";
      case 406, 415 -> " — the server does not speak TAXII 2.1 at this URL";
      default -> "";
    };
    return status + " from " + uri + ": " + title + (description.isEmpty() ? "" : ": " + description) + hint;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
