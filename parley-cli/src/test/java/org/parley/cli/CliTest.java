package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.store.CollectionInfo;
import picocli.CommandLine;

class CliTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) { }

  static Run run(String... args) {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBuf, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args);
      return new Run(code, buf.toString(StandardCharsets.UTF_8).trim(), errBuf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
  }

  static int get(String url, String party, String token) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/taxii+json;version=2.1")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((party + ":" + token).getBytes()))
        .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void adminCommands_createPartiesTokensAndCollection_thatANodeThenServes() throws Exception {
    String data = tmp.toString();
    assertThat(run("party", "add", "cert-a", "--data", data).exit()).isZero();
    assertThat(run("party", "add", "cert-b", "--data", data).exit()).isZero();
    String token = run("token", "issue", "cert-b", "--data", data).out();
    Run coll = run("collection", "add", "Incident 7", "--read", "cert-a,cert-b", "--write", "cert-a",
        "--ceiling", "cert-b=GREEN", "--data", data);

    assertThat(token).startsWith("plt_");
    assertThat(coll.exit()).isZero();
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      CollectionInfo info = node.directory().collection(coll.out()).orElseThrow();
      assertThat(info.title()).isEqualTo("Incident 7");
      assertThat(info.agreement().member("cert-b").orElseThrow().ceiling()).isEqualTo(Tlp.GREEN);
      assertThat(info.agreement().member("cert-a").orElseThrow().ceiling()).isEqualTo(Tlp.AMBER_STRICT);
      String objects = node.url() + "/parley/collections/" + coll.out() + "/objects/";
      assertThat(get(objects, "cert-b", token)).isEqualTo(200);
      assertThat(get(objects, "cert-a", token)).isEqualTo(401);
    }
  }

  @Test
  void tokenRevoke_oneTokenOrAll_areRefusedByTheNodeFromThenOn() throws Exception {
    String data = tmp.toString();
    run("party", "add", "cert-a", "--data", data);
    String first = run("token", "issue", "cert-a", "--data", data).out();
    String second = run("token", "issue", "cert-a", "--data", data).out();
    run("collection", "add", "Incident 8", "--read", "cert-a", "--data", data);

    Run one = run("token", "revoke", "cert-a", "--token", first, "--data", data);
    assertThat(one.exit()).isZero();
    assertThat(one.out()).isEqualTo("revoked 1 token of cert-a");
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String url = node.url() + "/parley/collections/";
      assertThat(get(url, "cert-a", first)).isEqualTo(401);
      assertThat(get(url, "cert-a", second)).isEqualTo(200);
    }
    assertThat(run("token", "revoke", "cert-a", "--data", data).out()).isEqualTo("revoked 1 token of cert-a");
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      assertThat(get(node.url() + "/parley/collections/", "cert-a", second)).isEqualTo(401);
    }
    assertThat(run("token", "revoke", "cert-a", "--data", data).exit()).isEqualTo(1); // nothing left to revoke
    assertThat(run("token", "revoke", "nobody", "--data", data).exit()).isEqualTo(1);
  }

  @Test
  void adminCommands_invalidInput_failWithNonZeroExit() {
    String data = tmp.toString();
    assertThat(run("party", "add", "bad name!", "--data", data).exit()).isNotZero();
    assertThat(run("party", "add", "cert-a", "--data", data).exit()).isZero(); // the node's database exists
    assertThat(run("token", "issue", "nobody", "--data", data).err()).contains("nobody");
    assertThat(run("token", "issue", "nobody", "--data", data).exit()).isNotZero();
    assertThat(run("collection", "add", "X", "--read", "nobody", "--data", data).exit()).isNotZero();
    assertThat(run("collection", "add", "X", "--unmarked", "PURPLE", "--data", data).exit()).isEqualTo(2); // usage
  }

  @Test
  void demo_startsANodeWithTwoPartiesAndSampleObjects() {
    Run demo = run("demo", "--port", "0", "--exit", "--data", tmp.resolve("demo").toString());

    assertThat(demo.exit()).isZero();
    assertThat(demo.out()).contains("discovery:   http://127.0.0.1:").contains("cert-alpha token: plt_")
        .contains("cert-bravo token: plt_").contains("15 of 15 accepted");
    assertThat(demo.out()).contains("attribution: ATT&CK imported from");
    assertThat(tmp.resolve("demo").resolve("attack-kb.json.gz")).isRegularFile();
  }

  @Test
  void demo_printsTheLogKey_thatLogVkeyPrintsForItsDataDir() {
    Path dir = tmp.resolve("demo");
    Run demo = run("demo", "--port", "0", "--exit", "--data", dir.toString(), "--attack", tmp.resolve("none").toString());
    String vkey = run("log", "vkey", "--data", dir.toString()).out();

    assertThat(demo.exit()).isZero();
    assertThat(vkey).isNotEmpty();
    assertThat(demo.out()).contains("  log key:     " + vkey + " ").contains("  data:        " + dir);
  }

  @Test
  void demo_runAgainOnItsDataDir_saysItHoldsANodeAndHowToStartIt() {
    String dir = tmp.resolve("demo").toString();
    assertThat(run("demo", "--port", "0", "--exit", "--data", dir, "--attack", tmp.resolve("none").toString()).exit())
        .isZero();

    Run again = run("demo", "--port", "0", "--exit", "--data", dir);

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).contains(dir + " already holds a node's database")
        .contains("parley serve --data " + dir).contains("another --data DIR").doesNotContain("already exists");
  }

  @Test
  void tokenIssueAndCollectionAdd_onADataDirWithoutDatabase_failNamingItAndCreateNothing() {
    Path typo = tmp.resolve("wg-typo");

    Run token = run("token", "issue", "cert-charlie", "--data", typo.toString());
    Run coll = run("collection", "add", "Incident 7", "--read", "cert-charlie", "--data", typo.toString());

    assertThat(token.exit()).isEqualTo(1);
    assertThat(coll.exit()).isEqualTo(1);
    assertThat(token.err()).contains("no Parley database at " + typo.toAbsolutePath().resolve("parley.db"))
        .contains("parley party add").doesNotContain("no such party");
    assertThat(coll.err()).contains("no Parley database at").doesNotContain("no such party");
    assertThat(typo).doesNotExist();
  }

  @Test
  void partyAdd_onANewDataDir_makesTheDatabaseAndSaysWhere() {
    Path wg = tmp.resolve("wg");

    Run first = run("party", "add", "cert-charlie", "--data", wg.toString());
    Run second = run("party", "add", "cert-delta", "--data", wg.toString());

    assertThat(first.exit()).isZero();
    assertThat(first.err()).contains("a new one was made there");
    assertThat(second.err()).isEmpty();
    assertThat(run("token", "issue", "cert-charlie", "--data", wg.toString()).out()).startsWith("plt_");
  }

  @Test
  void serve_withAMaxContentLengthBelow1024_isRefusedInTheOptionsTerms() {
    Run serve = run("serve", "--data", tmp.toString(), "--port", "0", "--max-content-length", "1000");

    assertThat(serve.exit()).isEqualTo(2);
    assertThat(serve.err()).contains("--max-content-length must be at least 1024 bytes")
        .doesNotContain("maxContentLength").doesNotContain("maxPageSize");
  }

  @Test
  void serve_onAnInterfaceOtherThanLoopbackWithoutTls_namesTheOptionsThatAllowIt() {
    Run serve = run("serve", "--data", tmp.toString(), "--port", "0", "--host", "0.0.0.0");

    assertThat(serve.exit()).isEqualTo(2);
    assertThat(serve.err()).contains("refusing plain HTTP on 0.0.0.0").contains("--tls-keystore")
        .contains("--allow-plain-http");
    assertThat(tmp.resolve("parley.db")).doesNotExist();
  }
}
