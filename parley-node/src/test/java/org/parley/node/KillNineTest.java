package org.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, "Bad input and faults": killing the node ({@code kill -9}) in the middle of a POST stream loses no
 * object that a status reported as a success, and leaves nothing partial of an envelope that was not answered.
 * The node runs in its own JVM ({@link KillableNodeMain}); {@link Process#destroyForcibly} is SIGKILL on Linux.
 */
class KillNineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PER_ENVELOPE = 200;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private record Ready(Process process, String url, String token, String collection) { }

  private static Process start(Path dir, boolean init) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        KillableNodeMain.class.getName(), dir.toString()));
    if (init) {
      cmd.add("init");
    }
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Waits for the READY line; the rest of the child's output is drained so it never blocks on a full pipe. */
  private static String[] awaitReady(Process p) throws IOException, InterruptedException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith("READY ")) {
        Thread drain = new Thread(() -> {
          try {
            while (r.readLine() != null) {
              // discard
            }
          } catch (IOException ignored) {
            // the child died: nothing more to read
          }
        });
        drain.setDaemon(true);
        drain.start();
        return line.split(" ");
      }
    }
    throw new IllegalStateException("the node exited before it was ready: " + p.waitFor());
  }

  private static String indicator(int n) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + String.format(
        "00000000-0000-4000-8000-%012d", n) + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":"
        + "\"2026-01-01T00:00:00.000Z\",\"name\":\"kill " + n + " \\u00e9\",\"pattern\":\"[ipv4-addr:value = '10.0."
        + (n >> 8 & 255) + "." + (n & 255) + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }

  /** An object the node must refuse (modified before created), with an id that must never become visible. */
  private static String invalid(int envelope) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + String.format(
        "99999999-0000-4000-8000-%012d", envelope) + "\",\"created\":\"2026-01-02T00:00:00.000Z\",\"modified\":"
        + "\"2026-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }

  @Test
  void killDashNine_midPostStream_keepsEveryReportedSuccessAndNothingPartial(@TempDir Path dir) throws Exception {
    Process first = start(dir, true);
    Map<String, String> reported = new HashMap<>(); // id -> exact JSON text of objects a status called a success
    Map<Integer, List<String>> sent = new HashMap<>(); // envelope -> ids of its valid objects
    Set<String> refused = new HashSet<>();
    AtomicInteger answered = new AtomicInteger();
    String token;
    String collection;
    try {
      String[] ready = awaitReady(first);
      token = ready[2];
      collection = ready[3];
      String url = ready[1] + "/parley/collections/" + collection + "/objects/";
      String auth = "Basic " + Base64.getEncoder().encodeToString(("writer:" + token)
          .getBytes(StandardCharsets.UTF_8));
      CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
        for (int e = 0; ; e++) {
          List<String> objs = new ArrayList<>();
          List<String> ids = new ArrayList<>();
          Map<String, String> text = new HashMap<>();
          for (int i = 0; i < PER_ENVELOPE; i++) {
            int n = e * PER_ENVELOPE + i;
            String id = "indicator--" + String.format("00000000-0000-4000-8000-%012d", n);
            objs.add(indicator(n));
            ids.add(id);
            text.put(id, indicator(n));
          }
          objs.add(PER_ENVELOPE / 2, invalid(e));
          synchronized (sent) {
            sent.put(e, ids);
            refused.add("indicator--" + String.format("99999999-0000-4000-8000-%012d", e));
          }
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth).header("Content-Type", "application/taxii+json;version=2.1")
                .header("Accept", "application/taxii+json;version=2.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[" + String.join(",", objs) + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(r.body());
            assertThat(r.statusCode()).isEqualTo(202);
            synchronized (reported) {
              for (JsonNode s : status.path("successes")) {
                String id = s.path("id").asText();
                reported.put(id, text.get(id));
              }
            }
            answered.incrementAndGet();
          } catch (IOException | InterruptedException ex) {
            return; // the node died under us: this envelope is unanswered
          }
        }
      });
      while (answered.get() < 5 && !stream.isDone()) {
        Thread.sleep(5);
      }
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful drain
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      stream.get(60, TimeUnit.SECONDS);
    } finally {
      first.destroyForcibly();
    }
    assertThat(answered.get()).isGreaterThanOrEqualTo(5);
    assertThat(reported).hasSize(answered.get() * PER_ENVELOPE);
    assertThat(sent).as("one envelope was in flight when the node died").hasSize(answered.get() + 1);

    Process second = start(dir, false);
    try {
      String[] ready = awaitReady(second);
      Map<String, String> stored = readAll(ready[1] + "/parley/collections/" + collection + "/objects/",
          "Basic " + Base64.getEncoder().encodeToString(("writer:" + token).getBytes(StandardCharsets.UTF_8)));
      for (Map.Entry<String, String> e : reported.entrySet()) {
        assertThat(stored.get(e.getKey())).as("reported success %s", e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(stored.keySet()).doesNotContainAnyElementsOf(refused);
      // Every envelope is all or nothing: the one cut short by the kill may be wholly stored (committed before
      // its answer was written) or wholly absent, never in part.
      for (List<String> ids : sent.values()) {
        long present = ids.stream().filter(stored::containsKey).count();
        assertThat(present).as("objects of one envelope present").isIn(0L, (long) ids.size());
      }
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Every object of the collection, paged with limit 1000 and {@code next}, as the exact text served. */
  private Map<String, String> readAll(String url, String auth) throws Exception {
    Map<String, String> out = new HashMap<>();
    String next = null;
    do {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "?limit=1000"
          + (next == null ? "" : "&next=" + next))).header("Authorization", auth)
          .header("Accept", "application/taxii+json;version=2.1").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode env = JSON.readTree(r.body());
      for (JsonNode o : env.path("objects")) {
        out.put(o.path("id").asText(), exactText(r.body(), o.path("id").asText()));
      }
      next = env.path("more").asBoolean() ? env.path("next").asText() : null;
    } while (next != null);
    return out;
  }

  /** The served bytes of one object: the brace-balanced text around its id (the node copies stored bytes). */
  private static String exactText(String body, String id) {
    int at = body.indexOf("\"id\":\"" + id + "\"");
    int start = body.lastIndexOf("{\"type\"", at);
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        return body.substring(start, i + 1);
      }
    }
    throw new IllegalStateException("unbalanced object " + id);
  }
}
