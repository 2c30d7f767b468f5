package org.parley.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reproducible figures for the README: ingest over HTTP (validation and durable storage included) against a bare
 * batch insert of the same rows into the same database, paging everything back, and single-object GET latency.
 * Run with the heap you want to prove, e.g. {@code PARLEY_JAVA_OPTS=-Xmx256m ./parley bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure ingest, paging and GET latency.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--objects", defaultValue = "100000",
      description = "objects to ingest (default: ${DEFAULT-VALUE})") int objects;
  @Option(names = "--batch", defaultValue = "1000",
      description = "objects per POSTed envelope (default: ${DEFAULT-VALUE})") int batch;
  @Option(names = "--gets", defaultValue = "2000",
      description = "single-object GETs timed for latency (default: ${DEFAULT-VALUE})") int gets;
  @Option(names = "--database", description = "PostgreSQL URL; default: SQLite in a temporary directory")
  String database;
  @Option(names = "--keep-data", paramLabel = "DIR", description = "write the SQLite node into DIR, a new directory,"
      + " and leave it there (to measure 'parley backup' on it); default: a temporary directory, removed at the end")
  Path keepData;

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static String indicator(long n, String run) {
    String id = String.format("indicator--%s-0000-4000-8000-%012d", run, n);
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":"
        + "\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"bench " + n
        + "\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '10." + (n >> 16 & 255)
        + "." + (n >> 8 & 255) + "." + (n & 255) + "']\",\"pattern_type\":\"stix\",\"valid_from\":"
        + "\"2026-01-01T00:00:00Z\",\"object_marking_refs\":[\"" + Tlp.GREEN.markingRef() + "\"]}";
  }

  @Override
  public Integer call() throws Exception {
    if (keepData != null && Files.exists(keepData)) {
      System.err.println("parley: --keep-data " + keepData + " exists: give a new directory");
      return 2;
    }
    Path dir = keepData != null ? keepData : Files.createTempDirectory("parley-bench-");
    NodeConfig cfg = NodeConfig.local(dir).withDatabase(Optional.ofNullable(database));
    try (Node node = Node.start(cfg)) {
      node.directory().addParty("bench");
      String token = Tokens.issue(node.directory(), "bench", new SecureRandom());
      node.directory().addParty("bench-clear"); // reads with ceiling CLEAR: every benchmark object is hidden from it
      String clearToken = Tokens.issue(node.directory(), "bench-clear", new SecureRandom());
      SharingAgreement rules = new SharingAgreement(List.of(new Member("bench", Set.of(Role.READ, Role.WRITE), Tlp.RED),
          new Member("bench-clear", Set.of(Role.READ), Tlp.CLEAR)), Tlp.GREEN);
      String coll = node.directory().addCollection("bench", Optional.empty(), rules);
      String auth = "Basic " + Base64.getEncoder().encodeToString(("bench:" + token).getBytes(StandardCharsets.UTF_8));
      String hiddenAuth = "Basic " + Base64.getEncoder().encodeToString(("bench-clear:" + clearToken)
          .getBytes(StandardCharsets.UTF_8));
      String objectsUrl = node.url() + "/parley/collections/" + coll + "/objects/";
      System.out.printf("parley bench: %d objects in envelopes of %d, %s, max heap %d MB%n", objects, batch,
          database == null ? "SQLite" : "PostgreSQL", Runtime.getRuntime().maxMemory() >> 20);

      long cpu = cpuNanos();
      double ingest = ingest(objectsUrl, auth);
      long ingestCpu = cpuNanos() - cpu;
      cpu = cpuNanos();
      double bare = bareInsert(database == null ? Database.sqliteUrl(dir) : database, node, rules);
      long bareCpu = cpuNanos() - cpu;
      System.out.printf("ingest over HTTP: %.0f objects/s (%.1f s CPU, client included); bare batch insert: %.0f"
          + " rows/s (%.1f s CPU); ratio %.2f%n", ingest, ingestCpu / 1e9, bare, bareCpu / 1e9, ingest / bare);
      cpu = cpuNanos();
      page(objectsUrl, auth);
      System.out.printf("  paging CPU %.1f s%n", (cpuNanos() - cpu) / 1e9);
      latency(objectsUrl, auth);
      filtered(objectsUrl, auth, hiddenAuth, database == null ? Database.sqliteUrl(dir) : database);
      System.out.printf("load average now %.1f on %d cores (figures above are floors when it is high)%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    } finally {
      if (keepData == null) {
        try (var all = Files.walk(dir)) { // 230 MB per run at the defaults: never left behind
          all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }

  /** CPU time of this whole JVM (node and client), so that a loaded machine's stolen time can be told apart. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private double ingest(String url, String auth) throws Exception {
    long start = System.nanoTime();
    for (int done = 0; done < objects; done += batch) {
      StringBuilder b = new StringBuilder("{\"objects\":[");
      for (int i = done; i < Math.min(objects, done + batch); i++) {
        b.append(i > done ? "," : "").append(indicator(i, "00000000"));
      }
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
          .header("Content-Type", "application/taxii+json;version=2.1")
          .POST(HttpRequest.BodyPublishers.ofString(b.append("]}").toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202 || r.body().contains("\"failure_count\":0") == false) {
        throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.body().substring(0, 300));
      }
      if ((done / batch) % 20 == 19) {
        System.out.printf("  ... %d objects%n", done + batch);
      }
    }
    return objects / ((System.nanoTime() - start) / 1e9);
  }

  /** The same rows inserted with plain JDBC batches, one transaction per envelope: the floor to compare with. */
  private double bareInsert(String url, Node node, SharingAgreement rules) throws Exception {
    String coll = node.directory().addCollection("bare", Optional.empty(), rules);
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO objects (collection_id, date_added, object_id,"
          + " type, spec_version, version_micros, version_text, tlp, submitter, sha256, json)"
          + " VALUES (?, ?, ?, 'indicator', '2.1', 0, '2026-01-01T00:00:00.000Z', 1, 'bench', ?, ?)")) {
        for (int i = 0; i < objects; i++) {
          byte[] json = indicator(i, "11111111").getBytes(StandardCharsets.UTF_8);
          ps.setString(1, coll);
          ps.setLong(2, i + 1);
          ps.setString(3, "indicator--11111111-0000-4000-8000-" + i);
          ps.setString(4, Integer.toHexString(Arrays.hashCode(json)));
          ps.setBytes(5, json);
          ps.addBatch();
          if (i % batch == batch - 1 || i == objects - 1) {
            ps.executeBatch();
            c.commit();
          }
        }
      }
      double rate = objects / ((System.nanoTime() - start) / 1e9);
      // Rows written around the store (no log leaf, made-up ids) are no node's data: a data dir kept with
      // --keep-data must hold only what the node accepted (log restart and backups read every stored row).
      try (PreparedStatement del = c.prepareStatement("DELETE FROM objects WHERE collection_id = ?")) {
        del.setString(1, coll);
        del.executeUpdate();
        c.commit();
      }
      return rate;
    }
  }

  private void page(String url, String auth) throws Exception {
    long start = System.nanoTime();
    int total = 0;
    int pages = 0;
    String next = null;
    do {
      String q = "?limit=1000" + (next == null ? "" : "&next=" + next);
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + q)).header("Authorization", auth)
          .header("Accept", "application/taxii+json;version=2.1").build(), HttpResponse.BodyHandlers.ofString());
      var env = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
      total += env.path("objects").size();
      pages++;
      next = env.path("more").asBoolean() ? env.path("next").asText() : null;
    } while (next != null);
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("paging: %d objects in %d pages of <= 1000 in %.1f s (%.0f objects/s), heap max %d MB%n",
        total, pages, s, total / s, Runtime.getRuntime().maxMemory() >> 20);
    if (total != objects) {
      throw new IllegalStateException("paging returned " + total + " objects, expected " + objects);
    }
  }

  /**
   * match[type] over the whole collection: 20 malware objects added after the indicators, then each filter timed
   * with the store's type index and, as the baseline in the same run, with the index dropped (the collection walked
   * in date_added order, each row's type tested — how every type filter was answered before the index).
   */
  private void filtered(String url, String auth, String hiddenAuth, String dbUrl) throws Exception {
    StringBuilder b = new StringBuilder("{\"objects\":[");
    for (int i = 0; i < 20; i++) {
      b.append(i > 0 ? "," : "").append("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--")
          .append(String.format("00000000-0000-4000-8000-%012d", i)).append("\",\"created\":\"2026-01-01T00:00:00.000Z\","
              + "\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"bench family ").append(i)
          .append("\",\"is_family\":true}");
    }
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
        .header("Content-Type", "application/taxii+json;version=2.1")
        .POST(HttpRequest.BodyPublishers.ofString(b.append("]}").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202 || !r.body().contains("\"success_count\":20")) {
      throw new IllegalStateException("malware objects refused: " + r.statusCode() + " " + r.body());
    }
    String[][] filters = {{"match[type]=malware", "20"}, {"match[type]=campaign", "0"},
        {"match[type]=malware,tool", "20"}};
    double[][] ms = new double[2][filters.length];
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        try (Connection c = DriverManager.getConnection(dbUrl); var st = c.createStatement()) {
          st.execute("DROP INDEX objects_by_type");
        }
      }
      for (int f = 0; f < filters.length; f++) {
        ms[pass][f] = p50Millis(url + "?" + filters[f][0], auth, Integer.parseInt(filters[f][1]));
      }
    }
    for (int f = 0; f < filters.length; f++) {
      System.out.printf("%s over %d objects: p50 %.2f ms with the type index, %.2f ms walking the collection"
          + " (ratio %.3f)%n", filters[f][0], objects + 20, ms[0][f], ms[1][f], ms[0][f] / ms[1][f]);
    }
    // a known limit: a reader whose ceiling hides every object walks the whole collection to find none
    System.out.printf("a page for a reader whose ceiling (CLEAR) hides all %d objects: p50 %.2f ms%n", objects + 20,
        p50Millis(url + "?limit=1000", hiddenAuth, 0));
  }

  /** The median of 25 GETs of {@code uri}, each checked to answer 200 with {@code expected} objects. */
  private static double p50Millis(String uri, String auth, int expected) throws Exception {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      long t = System.nanoTime();
      HttpResponse<String> a = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", auth)
          .header("Accept", "application/taxii+json;version=2.1").build(), HttpResponse.BodyHandlers.ofString());
      micros.add((System.nanoTime() - t) / 1000);
      int n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body()).path("objects").size();
      if (a.statusCode() != 200 || n != expected) {
        throw new IllegalStateException(uri + " answered " + a.statusCode() + " with " + n + " objects");
      }
    }
    micros.sort(null);
    return micros.get(micros.size() / 2) / 1000.0;
  }

  private void latency(String url, String auth) throws Exception {
    Random random = new Random(7);
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < gets + 200; i++) {
      String id = String.format("indicator--00000000-0000-4000-8000-%012d", random.nextInt(objects));
      long t = System.nanoTime();
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + id + "/")).header("Authorization",
          auth).header("Accept", "application/taxii+json;version=2.1").build(), HttpResponse.BodyHandlers.ofString());
      long us = (System.nanoTime() - t) / 1000;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + id + " answered " + r.statusCode());
      }
      if (i >= 200) {
        micros.add(us); // the first 200 warm the JIT and connections
      }
    }
    micros.sort(null);
    System.out.printf("object GET over %d requests: p50 %.2f ms, p99 %.2f ms%n", micros.size(),
        micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99)) / 1000.0);
  }
}
