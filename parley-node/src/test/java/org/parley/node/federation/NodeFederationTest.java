package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Candidate;
import org.parley.node.store.Database;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.TestObjects;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.stix.StixObject;

/** Two real {@link Node}s, federation wired as in production and running in the background. */
class NodeFederationTest {
  @TempDir Path tmp;

  @Test
  void twoNodes_inTheBackground_pullVerifiedObjectsAndCosignEachOthersLogs() throws Exception {
    for (String p : List.of("A", "B")) {
      try (PeerRegistry r = PeerRegistry.open(Database.sqliteUrl(tmp.resolve(p)), Clock.systemUTC())) {
        r.setSelf(p);
      }
    }
    try (Node a = Node.start(NodeConfig.local(tmp.resolve("A")));
        Node b = Node.start(NodeConfig.local(tmp.resolve("B")))) {
      a.directory().addParty("A");
      a.directory().addParty("B");
      b.directory().addParty("B");
      b.directory().addParty("A");
      a.federation().addPeer(peer("B", b, Tokens.issue(b.directory(), "A", new SecureRandom())));
      b.federation().addPeer(peer("A", a, Tokens.issue(a.directory(), "B", new SecureRandom())));
      String coll = a.directory().addCollection("shared", Optional.empty(), new SharingAgreement(List.of(
          new Member("A", Set.of(Role.READ, Role.WRITE), Tlp.RED),
          new Member("B", Set.of(Role.READ), Tlp.GREEN)), Tlp.GREEN));
      StixObject o = TestObjects.indicator(7, "2026-01-01T00:00:00.000Z", Optional.of(Tlp.GREEN));

      a.objects().append(coll, "A", List.of(Candidate.accepted(o, Optional.of(Tlp.GREEN))));

      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!stored(b, coll, o.id()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(stored(b, coll, o.id())).as("B stored A's object").isTrue();
      assertThat(a.log().checkpoint().orElseThrow().cosignatures(List.of(b.federation().witnessKey())))
          .hasSize(1);
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(a.url() + "/federation/v1/checkpoint?min_cosignatures=1")).build(),
          HttpResponse.BodyHandlers.ofString());
      a.directory().addParty("auditor");
      String token = org.parley.node.auth.Tokens.issue(a.directory(), "auditor", new java.security.SecureRandom());
      HttpResponse<String> cp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(a.url() + "/federation/v1/checkpoint?min_cosignatures=1"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as("the log's growth is for the node's parties only").isEqualTo(401);
      assertThat(cp.statusCode()).isEqualTo(200);
      assertThat(cp.body()).contains("\u2014 " + b.federation().witnessKey().name() + " ");
    }
  }

  @Test
  void witnessEndpoint_refusesABodyOver64KiB_andStillAnswersASmallOne() throws Exception {
    try (Node a = Node.start(NodeConfig.local(tmp.resolve("A")))) {
      HttpClient http = HttpClient.newHttpClient();
      String big = "old 0\n\n" + "x".repeat(FederationApi.MAX_ADD_CHECKPOINT);

      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(a.url() + CosignatureCollector.ADD_CHECKPOINT))
          .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(a.url()
          + CosignatureCollector.ADD_CHECKPOINT)).POST(HttpRequest.BodyPublishers.ofString("old 0\n\nnot a note\n"))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.body()).isEqualTo("add-checkpoint request over 65536 bytes\n");
      assertThat(small.statusCode()).isEqualTo(400);
      assertThat(a.federation().alerts()).isEmpty();
    }
  }

  static Peer peer(String name, Node node, String token) {
    return new Peer(name, URI.create(node.url()), token, node.log().verifierKey(),
        Optional.of(node.federation().witnessKey()));
  }

  static boolean stored(Node node, String remote, String id) throws Exception {
    Optional<String> local = node.federation().mirror("A", remote, false);
    return local.isPresent() && !node.objects().query(new ObjectQuery(local.get(), new Viewer("B", Tlp.RED, Tlp.RED),
        OptionalLong.empty(), List.of(id), List.of(), List.of(), VersionFilter.ALL, OptionalLong.empty(), 1))
        .rows().isEmpty();
  }
}
