package org.parley.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.cli.Main;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import picocli.CommandLine;

/**
 * parley push and pull against a real node: batching, per-object refusals, paging by next, TLP on the way out; a
 * file is checked whole before anything is sent; a pull carries every version as its exact bytes.
 */
class PushPullTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
  private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

  @TempDir Path tmp;
  private String collection;
  private String tokenA;
  private String tokenB;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @BeforeEach
  void groupWithTwoParties() {
    String data = tmp.toString();
    run("party", "add", "cert-a", "--data", data);
    run("party", "add", "cert-b", "--data", data);
    tokenA = run("token", "issue", "cert-a", "--data", data).out().trim();
    tokenB = run("token", "issue", "cert-b", "--data", data).out().trim();
    collection = run("collection", "add", "Shared", "--read", "cert-a,cert-b", "--write", "cert-a",
        "--ceiling", "cert-b=GREEN", "--data", data).out().trim();
  }

  private Path bundle(int valid, boolean withInvalid) throws Exception {
    ObjectNode bundle = JSON.createObjectNode().put("type", "bundle").put("id", "bundle--" + UUID.randomUUID());
    ArrayNode objects = bundle.putArray("objects");
    for (int i = 0; i < valid; i++) {
      ObjectNode o = objects.addObject().put("type", "indicator").put("spec_version", "2.1")
          .put("id", "indicator--" + UUID.nameUUIDFromBytes(("i" + i).getBytes()))
          .put("created", "2026-01-01T00:00:00.000Z").put("modified", "2026-01-01T00:00:00.000Z")
          .put("name", "indicator " + i).put("pattern_type", "stix")
          .put("pattern", "[ipv4-addr:value = '198.51.100." + (i % 250) + "']")
          .put("valid_from", "2026-01-01T00:00:00Z");
      // Unmarked objects fall under the collection's fail-closed default (AMBER), so mark the rest GREEN.
      o.putArray("object_marking_refs").add(i % 10 == 0 ? AMBER : GREEN);
    }
    if (withInvalid) {
      objects.addObject().put("type", "indicator").put("spec_version", "2.1")
          .put("id", "indicator--" + UUID.randomUUID()).put("created", "yesterday");
    }
    Path file = tmp.resolve("in.json");
    JSON.writeValue(file.toFile(), bundle);
    return file;
  }

  private static Set<String> ids(Path bundle) throws Exception {
    Set<String> ids = new HashSet<>();
    for (JsonNode o : JSON.readTree(bundle.toFile()).path("objects")) {
      ids.add(o.path("id").asText());
    }
    return ids;
  }

  @Test
  void push_thenPull_roundTripsEveryObjectAcrossSeveralEnvelopesAndPages() throws Exception {
    Path in = bundle(250, false);
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String root = node.url() + "/parley/";
      Run push = run("push", in.toString(), "--to", root, "--collection", collection, "--token", tokenA,
          "--batch", "100");
      Path out = tmp.resolve("out.json");
      Run pull = run("pull", "--from", root, "--collection", collection, "--token", tokenA, "--party", "cert-a",
          "--limit", "40", "--out", out.toString());

      assertThat(push.exit()).isZero();
      assertThat(push.out()).contains("250 accepted, 0 refused");
      assertThat(pull.exit()).as(pull.err()).isZero();
      assertThat(ids(out)).isEqualTo(ids(in));
      assertThat(pull.err()).contains("resume with --added-after");
    }
  }

  @Test
  void attributionAsStix_pushedToANode_isAcceptedAndPulledBackWhole() throws Exception {
    Path kb = tmp.resolve("attack.json");
    Files.writeString(kb, """
        {"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
         {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-000000000002","name":"Alpha Bear",
          "external_references":[{"source_name":"mitre-attack","external_id":"G0001"}]},
         {"type":"malware","id":"malware--00000000-0000-4000-8000-000000000004","name":"RedDoor","is_family":true,
          "external_references":[{"source_name":"mitre-attack","external_id":"S0001"}]},
         {"type":"relationship","id":"relationship--00000000-0000-4000-8000-000000000005","relationship_type":"uses",
          "source_ref":"intrusion-set--00000000-0000-4000-8000-000000000002",
          "target_ref":"malware--00000000-0000-4000-8000-000000000004"}]}
        """);
    Path incident = tmp.resolve("case.json");
    Files.writeString(incident, """
        {"type":"bundle","id":"bundle--00000000-0000-4000-8000-00000000000a","objects":[
         {"type":"incident","id":"incident--00000000-0000-4000-8000-00000000000b","name":"Breach"},
         {"type":"malware","id":"malware--00000000-0000-4000-8000-00000000000c","name":"RedDoor","is_family":true,
          "object_marking_refs":["%s"]}]}
        """.formatted(GREEN));
    Run attribute = run("attribute", incident.toString(), "--kb", kb.toString(), "--format", "stix");
    Path assessment = tmp.resolve("assessment.json");
    Files.writeString(assessment, attribute.out());

    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String root = node.url() + "/parley/";
      Run push = run("push", assessment.toString(), "--to", root, "--collection", collection, "--token", tokenA);
      Path out = tmp.resolve("pulled.json");
      Run pull = run("pull", "--from", root, "--collection", collection, "--token", tokenB, "--party", "cert-b",
          "--out", out.toString());

      assertThat(attribute.exit()).as(attribute.err()).isZero();
      assertThat(push.exit()).as(push.out() + push.err()).isZero();
      assertThat(push.out()).contains("4 accepted, 0 refused"); // the TLP 2.0 marking definition, note, opinion, grouping
      assertThat(pull.exit()).as(pull.err()).isZero();
      assertThat(ids(out)).isEqualTo(ids(assessment)); // GREEN like its evidence: a GREEN-ceiling reader gets it
      JsonNode note = JSON.readTree(out.toFile()).path("objects").findParents("type").stream()
          .filter(o -> o.path("type").asText().equals("note")).findFirst().orElseThrow();
      assertThat(note.path("x_parley_attribution").path("hypotheses").get(0).path("external_id").asText())
          .isEqualTo("G0001");
    }
  }

  @Test
  void push_reportsEachRefusedObject_andExitsNonZero() throws Exception {
    Path in = bundle(5, true);
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      Run push = run("push", in.toString(), "--to", node.url() + "/parley/", "--collection", collection,
          "--token", tokenA);

      assertThat(push.exit()).isEqualTo(1);
      assertThat(push.out()).contains("5 accepted, 1 refused").contains("refused indicator--");
    }
  }

  @Test
  void pull_byAGreenReader_neverReceivesAmberObjects() throws Exception {
    Path in = bundle(30, false);
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String root = node.url() + "/parley/";
      run("push", in.toString(), "--to", root, "--collection", collection, "--token", tokenA);
      Path out = tmp.resolve("green.json");
      Run pull = run("pull", "--from", root, "--collection", collection, "--token", tokenB, "--out", out.toString());

      assertThat(pull.exit()).as(pull.err()).isZero();
      JsonNode objects = JSON.readTree(out.toFile()).path("objects");
      assertThat(objects).hasSize(27);
      objects.forEach(o -> assertThat(o.path("object_marking_refs").toString()).doesNotContain(AMBER));
    }
  }

  @Test
  void push_withAWrongToken_saysWhatToCheck() throws Exception {
    Path in = bundle(1, false);
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      Run push = run("push", in.toString(), "--to", node.url() + "/parley/", "--collection", collection,
          "--token", "plt_wrong");

      assertThat(push.exit()).isNotZero();
      assertThat(push.err()).contains("401").contains("check --token");
    }
  }

  @Test
  void pushAndPull_toAUrlWhereNothingListens_nameTheFailureAndParleysApiRoot_neverNull() throws Exception {
    Path in = bundle(1, false);
    String url;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      url = "http://127.0.0.1:" + free.getLocalPort() + "/parley/"; // closed again: nothing listens there
    }

    Run push = run("push", in.toString(), "--to", url, "--collection", collection, "--token", tokenA);
    Run pull = run("pull", "--from", url, "--collection", collection, "--token", tokenA);

    for (Run r : List.of(push, pull)) {
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("cannot reach " + url).contains("ConnectException")
          .contains("e.g. http://127.0.0.1:8080/parley/").doesNotContain("null").doesNotContain("8420");
    }
  }

  @Test
  void push_ofAFileWithoutObjects_explainsTheExpectedShape() throws Exception {
    Path in = tmp.resolve("bad.json");
    Files.writeString(in, "[1,2,3]");
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      Run push = run("push", in.toString(), "--to", node.url() + "/parley/", "--collection", collection,
          "--token", tokenA);

      assertThat(push.exit()).isEqualTo(1);
      assertThat(push.err()).contains("expected a STIX bundle or a TAXII envelope");
    }
  }

  /** What the collection holds, as its writer cert-a pulls it: every version the node stored. */
  private JsonNode stored(String root, String collectionId) throws Exception {
    Path out = tmp.resolve("stored-" + UUID.randomUUID() + ".json");
    Run pull = run("pull", "--from", root, "--collection", collectionId, "--token", tokenA, "--out", out.toString());
    assertThat(pull.exit()).as(pull.err()).isZero();
    return JSON.readTree(out.toFile()).path("objects");
  }

  private static String indicator(int n) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
        + UUID.nameUUIDFromBytes(("x" + n).getBytes()) + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
        + "\"modified\":\"2026-01-01T00:00:00.000Z\",\"pattern_type\":\"stix\","
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a number between objects            | {"objects":[O1,42,O2,O3]}       | $.objects[1] is a number, not a JSON object
      an empty array between objects      | {"objects":[O1,[],O2,O3]}       | $.objects[1] is an array, not a JSON object
      a null between objects              | {"objects":[O1,null,O2]}        | $.objects[1] is null, not a JSON object
      no closing brace at the end         | {"objects":[O1,O2,O3]           | the JSON ends before it is complete
      a second document after the first   | {"objects":[O1,O2]} {"objects":[O3]} | unexpected data after the end of the JSON document
      objects twice                       | {"objects":[O1,O2],"objects":[O3]} | the top-level member "objects" appears twice
      text the node cannot read           | {"objects":[O1,O2,{"type":"x-note","id":"x-note--LONE"}]} | $.objects[2] (line 1, column 567) is not JSON the node reads
      """)
  void push_ofAMalformedFile_isRefusedWithWhereAndNothingReachesTheNode(String name, String shape, String problem)
      throws Exception {
    String text = shape.replace("O1", indicator(1)).replace("O2", indicator(2)).replace("O3", indicator(3))
        .replace("LONE\"", UUID.randomUUID() + "\",\"name\":\"\\ud800\""); // a lone surrogate: no character at all
    Path in = tmp.resolve("malformed.json");
    Files.writeString(in, text);
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String root = node.url() + "/parley/";
      Run push = run("push", in.toString(), "--to", root, "--collection", collection, "--token", tokenA,
          "--batch", "1");

      assertThat(push.exit()).isEqualTo(1);
      assertThat(push.err()).contains(problem).contains("line 1, column ").contains("nothing was sent");
      assertThat(push.out()).doesNotContain("accepted");
      assertThat(stored(root, collection)).isEmpty();
    }
  }

  @Test
  void push_ofANonObjectElement_namesItsLineAndColumn() throws Exception {
    String text = "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[\n"
        + indicator(1) + ",\n  42,\n" + indicator(2) + "]}";
    Path in = tmp.resolve("number.json");
    Files.writeString(in, text);
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      Run push = run("push", in.toString(), "--to", node.url() + "/parley/", "--collection", collection,
          "--token", tokenA);

      assertThat(push.exit()).isEqualTo(1);
      assertThat(push.err()).contains("$.objects[1] is a number, not a JSON object").contains("at line 3, column 3");
    }
  }

  @Test
  void push_ofATruncatedFile_isRefusedAndNothingReachesTheNode() throws Exception {
    Path whole = bundle(2_500, false);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = tmp.resolve("trunc.json");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 9 / 10));
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String root = node.url() + "/parley/";
      Run push = run("push", cut.toString(), "--to", root, "--collection", collection, "--token", tokenA);

      assertThat(push.exit()).isEqualTo(1);
      assertThat(push.err()).contains("trunc.json: the JSON ends before it is complete")
          .contains("is the file truncated?").contains("nothing was sent");
      assertThat(stored(root, collection)).isEmpty(); // before: 2,000 objects stored, for good, in the log
    }
  }

  @Test
  void push_interruptedByTheNetwork_saysHowManyWereAccepted_andRunningItAgainCompletesIt() throws Exception {
    Path in = bundle(2_500, false);
    try (Node node = Node.start(NodeConfig.local(tmp)); DroppingProxy proxy = new DroppingProxy(node.url(), 3)) {
      String root = node.url() + "/parley/";
      Run broken = run("push", in.toString(), "--to", proxy.url() + "/parley/", "--collection", collection,
          "--token", tokenA);
      int storedAfterFailure = stored(root, collection).size();
      Run again = run("push", in.toString(), "--to", root, "--collection", collection, "--token", tokenA);

      assertThat(broken.exit()).isEqualTo(1);
      assertThat(broken.err()).contains("2,000 of 2,500 objects were accepted before the error")
          .contains("Run the same push again");
      assertThat(storedAfterFailure).isEqualTo(2_000);
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).contains("2500 accepted, 0 refused"); // the first 2,000 again, as exact duplicates
      assertThat(ids(stored(root, collection))).isEqualTo(ids(in));
    }
  }

  private static Set<String> ids(JsonNode objects) {
    Set<String> ids = new HashSet<>();
    objects.forEach(o -> ids.add(o.path("id").asText()));
    return ids;
  }

  @Test
  void push_fromStdin_isCheckedThenSentLikeAFile() throws Exception {
    Path in = bundle(5, false);
    java.io.InputStream stdin = System.in;
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      System.setIn(Files.newInputStream(in));
      Run push = run("push", "-", "--to", node.url() + "/parley/", "--collection", collection, "--token", tokenA);

      assertThat(push.exit()).as(push.err()).isZero();
      assertThat(push.out()).contains("5 accepted, 0 refused");
    } finally {
      System.setIn(stdin);
    }
  }

  /** Three versions of one indicator and one other object, written the way a producer wrote them. */
  private static List<String> versionsAsWritten() {
    String id = "indicator--" + UUID.nameUUIDFromBytes("versions".getBytes());
    String common = "\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
        + "\"created\":\"2026-01-01T00:00:00.000Z\",\"pattern_type\":\"stix\","
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100.9']\",\"valid_from\":\"2026-01-01T00:00:00Z\","
        + "\"object_marking_refs\":[\"" + GREEN + "\"]";
    return List.of(
        "{" + common + ",\"modified\":\"2026-01-01T00:00:00.000Z\",\"x_num\":1.50,\"x_exp\":1E2,"
            + "\"name\":\"caf\\u00e9 \\/ x\"}",
        "{" + common + ",\"modified\":\"2026-01-02T00:00:00.000Z\",\"x_num\":2.50,\"name\":\"caf\\u00e9 v2\"}",
        "{ " + common.replace(",", " ,\n  ") + " , \"modified\" : \"2026-01-03T00:00:00.000Z\" , \"x_num\" : 3.0e0 }",
        "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--"
            + UUID.nameUUIDFromBytes("cert".getBytes()) + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
            + "\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"CERT \\u4e2d\\u6587\",\"x_ratio\":0.10,"
            + "\"object_marking_refs\":[\"" + GREEN + "\"]}");
  }

  private static List<String> idsAndVersions(JsonNode objects) {
    return StreamSupport.stream(objects.spliterator(), false)
        .map(o -> o.path("id").asText() + " " + o.path("modified").asText()).toList();
  }

  @Test
  void pull_thenPushToANewCollection_keepsEveryVersionAndEveryByte() throws Exception {
    List<String> written = versionsAsWritten();
    Path in = tmp.resolve("versions.json");
    Files.writeString(in, "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[\n"
        + String.join(",\n", written) + "\n]}\n");
    String copy = run("collection", "add", "Copy", "--read", "cert-a", "--write", "cert-a", "--data", tmp.toString())
        .out().trim();
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String root = node.url() + "/parley/";
      Run push = run("push", in.toString(), "--to", root, "--collection", collection, "--token", tokenA);
      Path pulled = tmp.resolve("pulled.json");
      Run pull = run("pull", "--from", root, "--collection", collection, "--token", tokenA, "--limit", "2",
          "--out", pulled.toString());
      Run pushCopy = run("push", pulled.toString(), "--to", root, "--collection", copy, "--token", tokenA);
      Path copied = tmp.resolve("copied.json");
      Run pullCopy = run("pull", "--from", root, "--collection", copy, "--token", tokenA, "--out", copied.toString());

      assertThat(push.out()).as(push.err()).contains("4 accepted, 0 refused");
      assertThat(pull.exit()).as(pull.err()).isZero();
      assertThat(pushCopy.out()).as(pushCopy.err()).contains("4 accepted, 0 refused");
      assertThat(pullCopy.exit()).as(pullCopy.err()).isZero();
      JsonNode original = JSON.readTree(in.toFile()).path("objects");
      for (Path export : List.of(pulled, copied)) {
        String text = Files.readString(export);
        written.forEach(object -> assertThat(text).contains(object)); // 1.50 stays 1.50, \u00e9 stays \u00e9
        assertThat(idsAndVersions(JSON.readTree(text).path("objects"))).isEqualTo(idsAndVersions(original));
      }
    }
  }
}
