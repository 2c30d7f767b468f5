package org.parley.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Speaks to the node the way the OASIS taxii2-client (v2.3) does: Basic auth with the party's name and token,
 * {@code Accept: application/taxii+json;version=2.1}, filters as {@code match[field]=a,b}, and {@code as_pages}
 * repeating the same filters with {@code limit} and the {@code next} of the previous envelope.
 */
final class TaxiiClient {
  static final String TAXII = "application/taxii+json;version=2.1";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  final String base;
  final String authorization;

  TaxiiClient(String base, String party, String token) {
    this.base = base;
    this.authorization = party == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((party + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  TaxiiClient withAuthorization(String header) {
    return new TaxiiClient(base, header);
  }

  private TaxiiClient(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static String query(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    return "?" + params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII).GET());
  }

  Reply get(String path, Map<String, String> params) {
    return get(path + query(params));
  }

  Reply getWithAccept(String path, String accept) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
  }

  /** Any method without a body (HEAD, PUT with nothing...). */
  Reply method(String method, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII)
        .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII).DELETE());
  }

  Reply post(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", TAXII)
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Reply post(String path, String envelope) {
    return post(path, TAXII, envelope.getBytes(StandardCharsets.UTF_8));
  }

  private Reply send(HttpRequest.Builder b) {
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** taxii2client.v21.as_pages: first call with limit, then while more: same filters + limit + next. */
  List<JsonNode> asPages(String path, int perRequest, Map<String, String> filters) {
    List<JsonNode> pages = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>(filters);
    params.put("limit", Integer.toString(perRequest));
    Reply r = get(path, params);
    if (r.status() != 200) {
      throw new AssertionError("status " + r.status() + ": " + r.text());
    }
    JsonNode envelope = r.json();
    pages.add(envelope);
    while (envelope.path("more").asBoolean(false)) {
      params.put("next", envelope.path("next").asText(""));
      r = get(path, params);
      if (r.status() != 200) {
        throw new AssertionError("status " + r.status() + ": " + r.text());
      }
      envelope = r.json();
      pages.add(envelope);
      if (pages.size() > 10_000) {
        throw new AssertionError("paging does not end");
      }
    }
    return pages;
  }
}
