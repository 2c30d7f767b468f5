package org.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.parley.cli.attribution.KbFiles;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a throwaway node on loopback with two parties, a shared collection and sample objects.")
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLES = "/org/parley/cli/demo-objects.json";

  @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any)")
  int port;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: a fresh temporary one)")
  Path data;

  @Option(names = "--exit", description = "print the details and stop instead of serving until Ctrl-C")
  boolean exit;

  @Option(names = "--attack", paramLabel = "FILE", description = "MITRE ATT&CK bundle to import for attribution "
      + "(default: $PARLEY_ATTACK_BUNDLE, else shared/attack/enterprise-attack-12.1.json.gz above the working dir)")
  Path attack;

  @Override
  public Integer call() throws Exception {
    if (data != null && Files.isRegularFile(Database.sqliteFile(data))) {
      // a second demo on the same dir met "party already exists: cert-alpha" after starting a node on it
      System.err.println("parley: " + data + " already holds a node's database (a demo run there before?): start"
          + " that node again with 'parley serve --data " + data + " --port " + port + "' (its parties' tokens are"
          + " the ones the demo printed then), or give the demo another --data DIR, or none for a fresh temporary one");
      return 1;
    }
    Path dir = data != null ? data : Files.createTempDirectory("parley-demo-");
    Node node = Node.start(NodeConfig.local(dir).withPort(port));
    try {
      Directory d = node.directory();
      SecureRandom random = new SecureRandom();
      d.addParty("cert-alpha");
      d.addParty("cert-bravo");
      String alpha = Tokens.issue(d, "cert-alpha", random);
      String bravo = Tokens.issue(d, "cert-bravo", random);
      String coll = d.addCollection("Incident 2026-001 (shared)", Optional.of("Demo working-group collection"),
          new SharingAgreement(List.of(
              new Member("cert-alpha", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.AMBER_STRICT),
              new Member("cert-bravo", Set.of(Role.READ, Role.WRITE), Tlp.AMBER)), Tlp.AMBER));
      String status = post(node.url() + "/parley/collections/" + coll + "/objects/", "cert-alpha", alpha);
      Optional<Path> bundle = attack != null ? Optional.of(attack) : KbFiles.findAttackBundle();
      String kb = "attribution: no ATT&CK bundle found; `parley kb import BUNDLE --data " + dir + "` enables it";
      if (bundle.isPresent() && Files.isRegularFile(bundle.get())) {
        try {
          KbFiles.importInto(bundle.get(), dir);
          kb = "attribution: ATT&CK imported from " + bundle.get() + "; open the report in the console, then Attribute";
        } catch (org.parley.attribution.AttributionException | IOException e) { // the demo runs without it
          kb = "attribution: could not import " + bundle.get() + " (" + e.getMessage() + "); `parley kb import "
              + "BUNDLE --data " + dir + "` enables it";
        }
      }
      print(node, coll, alpha, bravo, status, dir);
      System.out.println("  " + kb);
    } catch (Exception e) {
      node.close();
      throw e;
    }
    if (exit) {
      node.close();
      return 0;
    }
    ServeCommand.awaitShutdown(node);
    return 0;
  }

  private static String post(String url, String party, String token) throws IOException, InterruptedException {
    byte[] body;
    try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLES)) {
      body = in.readAllBytes();
    }
    HttpRequest req = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (party + ":" + token).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/taxii+json;version=2.1")
        .header("Accept", "application/taxii+json;version=2.1")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IOException("posting the demo objects failed: " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static void print(Node node, String coll, String alpha, String bravo, String status, Path dir) {
    String objects = node.url() + "/parley/collections/" + coll + "/objects/";
    System.out.println("Parley demo node");
    System.out.println("  discovery:   " + node.discoveryUrl());
    System.out.println("  console:     " + node.url() + "/console/  (log in with a party name and its token)");
    System.out.println("  log:         " + node.url() + "/log/checkpoint");
    System.out.println("  log key:     " + node.log().verifierKey().encode() + "  (--vkey of parley verify)");
    System.out.println("  collection:  " + coll);
    System.out.println("  data:        " + dir);
    System.out.println("  party cert-alpha token: " + alpha);
    System.out.println("  party cert-bravo token: " + bravo);
    try {
      com.fasterxml.jackson.databind.JsonNode st = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status);
      System.out.println("  sample objects posted by cert-alpha: " + st.path("success_count").asInt() + " of "
          + st.path("total_count").asInt() + " accepted (status " + st.path("id").asText() + ")");
    } catch (IOException e) {
      System.out.println("  sample objects posted by cert-alpha: " + status);
    }
    System.out.println();
    System.out.println("Try (cert-bravo may see up to TLP:AMBER, so the AMBER+STRICT note stays hidden):");
    System.out.println("  curl -sg -u cert-bravo:" + bravo + " -H 'Accept: application/taxii+json;version=2.1' \\");
    System.out.println("    '" + objects + "?match[type]=indicator,malware'");
  }
}
