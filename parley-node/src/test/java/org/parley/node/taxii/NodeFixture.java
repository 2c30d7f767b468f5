package org.parley.node.taxii;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Candidate;
import org.parley.node.store.Directory;
import org.parley.node.store.MutableClock;
import org.parley.node.store.Status;
import org.parley.stix.StixObject;

/**
 * A real node on an ephemeral loopback port with five parties: alice (read/write/admin, up to RED), bob
 * (read/write, up to AMBER), carol (read, up to GREEN), dave (write only), eve (no role).
 */
abstract class NodeFixture {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(T0);
  final Map<String, String> tokens = new HashMap<>();
  Node node;
  String coll;
  String other;

  NodeConfig config() {
    return NodeConfig.local(tmp).withClock(clock);
  }

  @BeforeEach
  void startNode() throws Exception {
    node = Node.start(config());
    Directory d = node.directory();
    for (String p : List.of("alice", "bob", "carol", "dave", "eve")) {
      d.addParty(p);
      tokens.put(p, Tokens.issue(d, p, new SecureRandom()));
    }
    coll = d.addCollection("Incident 42", Optional.of("shared evidence"), new SharingAgreement(List.of(
        new Member("alice", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED),
        new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.AMBER),
        new Member("carol", Set.of(Role.READ), Tlp.GREEN),
        new Member("dave", Set.of(Role.WRITE), Tlp.RED)), Tlp.GREEN));
    other = d.addCollection("Eve's own", Optional.empty(), new SharingAgreement(List.of(
        new Member("eve", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN));
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  TaxiiClient as(String party) {
    return new TaxiiClient(node.url(), party, tokens.get(party));
  }

  String objects() {
    return "/parley/collections/" + coll + "/objects/";
  }

  Status seed(String submitter, StixObject... objects) throws Exception {
    List<Candidate> c = java.util.Arrays.stream(objects)
        .map(o -> Candidate.accepted(o, Tlp.strictestOf(o.objectMarkingRefs()))).toList();
    return node.objects().append(coll, submitter, c);
  }
}
