package org.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.store.Database;
import org.parley.node.store.TestDatabases;

/**
 * Several processes of one party starting at once on a new data directory or a new PostgreSQL database, none of
 * them naming a log origin (DESIGN.md, "Scale": several processes serve one party on one database). Each is a
 * real JVM ({@link FirstStartMain}); they wait for one go signal so that their first starts overlap. Every one
 * must come up, and all must sign with one log key under one origin: the one the first of them generated.
 */
class FirstStartTest {
  private static final int PROCESSES = 3;
  /** Before the fix, 2 tries in 3 on SQLite failed with one process; two rounds make a regression plain. */
  private static final int ROUNDS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  @TempDir Path tmp;

  @Test
  void threeProcessesAtOnceOnANewSqliteDataDir_withoutAnOrigin_allStartAndAgreeOnOneOrigin() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path data = tmp.resolve("data-" + round);
      String origin = startAtOnce(tmp.resolve("round-" + round), data, "-");

      assertThat(storedOrigin(Database.sqliteUrl(data))).isEqualTo(origin);
    }
  }

  @Test
  void threeProcessesAtOnceOnANewPostgresDatabase_withoutAnOrigin_allStartAndAgreeOnOneOrigin() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String url = TestDatabases.createPostgres();
      try {
        String origin = startAtOnce(tmp.resolve("round-" + round), tmp.resolve("data-" + round), url);

        assertThat(storedOrigin(url)).isEqualTo(origin);
        // Each schema's steps ran once, the federation's included (they raced into a duplicate pg_type row).
        assertThat(TestDatabases.schemaVersions(url, "parley_schema")).containsExactly(1, 2, 3, 4, 5);
        assertThat(TestDatabases.schemaVersions(url, "parley_log_schema")).containsExactly(1, 2);
        assertThat(TestDatabases.schemaVersions(url, "parley_federation_schema")).containsExactly(1);
      } finally {
        TestDatabases.dropPostgres(url);
      }
    }
  }

  /**
   * Starts {@link #PROCESSES} node processes on one data directory or database, lets them go at once, checks that
   * every one started and serves the same log and witness keys, and returns the one origin they report.
   */
  private String startAtOnce(Path work, Path data, String database) throws Exception {
    Files.createDirectories(work);
    Path go = work.resolve("go");
    List<Process> processes = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        processes.add(start(data, database, go, work.resolve("out-" + i)));
      }
      for (int i = 0; i < PROCESSES; i++) {
        await(work.resolve("out-" + i + ".waiting"), processes.get(i), work.resolve("log-" + i));
      }
      Files.writeString(go, "go");
      Set<String> origins = new HashSet<>();
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < PROCESSES; i++) {
        Path out = work.resolve("out-" + i);
        String result = await(out, processes.get(i), work.resolve("log-" + i));
        assertThat(result).as("process %d of %d: %s", i + 1, PROCESSES, Files.readString(work.resolve("log-" + i)))
            .startsWith("OK ");
        String[] words = result.split(" ");
        origins.add(words[2]);
        keys.add(keys(words[1]));
      }

      assertThat(origins).as("the origins the processes report").hasSize(1);
      assertThat(keys).as("the log and witness keys the processes serve").hasSize(1);
      String origin = origins.iterator().next();
      assertThat(origin).startsWith("parley.invalid/");
      assertThat(keys.iterator().next()).contains(origin + "+").contains(origin + "/witness+");
      return origin;
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Process start(Path data, String database, Path go, Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Path.of(out.toString().replace("out-", "log-"));
    return new ProcessBuilder(java, "-Xmx192m", "-cp", System.getProperty("java.class.path"),
        FirstStartMain.class.getName(), data.toString(), database, go.toString(), out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String await(Path file, Process p, Path log) throws Exception {
    for (int i = 0; i < 1200; i++) {
      if (Files.exists(file)) {
        return Files.readString(file);
      }
      if (!p.isAlive() && !Files.exists(file)) {
        throw new AssertionError("the process exited (" + p.exitValue() + ") before " + file.getFileName() + ": "
            + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + file.getFileName() + " after 120 s: " + Files.readString(log));
  }

  /** The log and witness verifier keys a node serves, without a token ({@code GET /federation/v1/keys}). */
  private String keys(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/federation/v1/keys"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode keys = JSON.readTree(r.body());
    return keys.path("log").asText() + " " + keys.path("witness").asText();
  }

  private static String storedOrigin(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT origin FROM log_signer")) {
      assertThat(rs.next()).isTrue();
      String origin = rs.getString(1);
      assertThat(rs.next()).as("one signer row").isFalse();
      return origin;
    }
  }

}
