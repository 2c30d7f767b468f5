package org.parley.node.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
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
import org.parley.stix.Stix;
import org.parley.stix.StixObject;

/**
 * A real node on a loopback port with a demo collection. Parties: alice (read/write/admin up to RED), bob
 * (read/write up to AMBER), carol (read up to GREEN), eve (no role in the demo collection, reads her own).
 * The demo holds a TLP:RED malware, a TLP:GREEN indicator in two versions, an unmarked identity and a
 * TLP:GREEN threat actor whose name is a stored XSS payload.
 */
abstract class ConsoleFixture {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final String RED_NAME = "Red Secret Implant";
  static final String XSS_NAME = "<script>document.title='pwned'</script><img src=x onerror=\"document.title="
      + "'pwned'\">\" onmouseover=\"document.title='pwned'";
  static final String RED_ID = "malware--6b616fc1-1505-48e3-8b2c-0d19337bff38";
  static final String INDICATOR_ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
  static final String XSS_ID = "threat-actor--0bd44ad8-a2c7-4b4d-a7f1-2a7e0e4b7c31";
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(T0);
  final Map<String, String> tokens = new HashMap<>();
  Node node;
  String demo;
  String evesOwn;

  @BeforeEach
  void startNode() throws Exception {
    node = Node.start(NodeConfig.local(tmp).withClock(clock));
    Directory d = node.directory();
    for (String p : List.of("alice", "bob", "carol", "eve")) {
      d.addParty(p);
      tokens.put(p, Tokens.issue(d, p, new SecureRandom()));
    }
    demo = d.addCollection("Demo incident 2026-03", Optional.of("Shared evidence of the demo intrusion"),
        new SharingAgreement(List.of(
            new Member("alice", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED),
            new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.AMBER),
            new Member("carol", Set.of(Role.READ), Tlp.GREEN)), Tlp.AMBER));
    evesOwn = d.addCollection("Eve's notebook", Optional.empty(), new SharingAgreement(List.of(
        new Member("eve", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN));
    seed("alice", "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + RED_ID + "\",\"created\":"
        + "\"2026-02-27T08:00:00.000Z\",\"modified\":\"2026-02-27T08:00:00.000Z\",\"name\":\"" + RED_NAME
        + "\",\"is_family\":false,\"object_marking_refs\":[\"" + Tlp.RED.markingRef() + "\"]}");
    seed("bob", indicator("2026-02-28T09:00:00.000Z", "[domain-name:value = 'c2.example.net']"));
    seed("bob", indicator("2026-02-28T10:30:00.000Z", "[domain-name:value = 'c2.example.net' OR "
        + "domain-name:value = 'c2b.example.net']"));
    seed("carol", "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--d0a6a7a8-3d5b-4b4c-9c1e-"
        + "6f0b1b2c3d4e\",\"created\":\"2026-02-26T00:00:00.000Z\",\"modified\":\"2026-02-26T00:00:00.000Z\","
        + "\"name\":\"Carol's CERT\",\"identity_class\":\"organization\"}");
    seed("bob", "{\"type\":\"threat-actor\",\"spec_version\":\"2.1\",\"id\":\"" + XSS_ID + "\",\"created\":"
        + "\"2026-02-28T11:00:00.000Z\",\"modified\":\"2026-02-28T11:00:00.000Z\",\"name\":"
        + com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(XSS_NAME)
        + ",\"object_marking_refs\":[\"" + Tlp.GREEN.markingRef() + "\"]}");
  }

  private static String indicator(String modified, String pattern) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + INDICATOR_ID + "\",\"created\":"
        + "\"2026-02-28T09:00:00.000Z\",\"modified\":\"" + modified + "\",\"name\":\"C2 beacon domain\","
        + "\"pattern\":\"" + pattern + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-02-28T09:00:00Z\","
        + "\"object_marking_refs\":[\"" + Tlp.GREEN.markingRef() + "\"]}";
  }

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  void seed(String submitter, String json) throws Exception {
    StixObject o = Stix.parseObject(json.getBytes(StandardCharsets.UTF_8));
    node.objects().append(demo, submitter, List.of(Candidate.accepted(o, Tlp.strictestOf(o.objectMarkingRefs()))));
    clock.advanceMicros(60_000_000L);
  }

  static final String REPORT_ID = "report--4a0f4a49-5f44-4bd6-9a1b-2b1f0c5f8e01";
  /** A tiny ATT&CK: two known groups and a technique; the report's group is only known from the shared intel. */
  static final String ATTACK = """
      {"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000a0","objects":[
       {"type":"attack-pattern","id":"attack-pattern--00000000-0000-4000-8000-0000000000a1","name":"Phishing",
        "external_references":[{"source_name":"mitre-attack","external_id":"T1566"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-0000000000a2","name":"Gamma Wolf",
        "external_references":[{"source_name":"mitre-attack","external_id":"G0101"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-0000000000a3","name":"Delta Crane",
        "external_references":[{"source_name":"mitre-attack","external_id":"G0102"}]}]}
      """;

  void importAttack() throws Exception {
    java.nio.file.Path file = tmp.resolve(org.parley.attribution.KnowledgeBase.DATA_FILE);
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(ATTACK.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String sdo(String type, String id, String name, String extra, Tlp tlp) {
    return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":"
        + "\"2026-02-28T00:00:00.000Z\",\"modified\":\"2026-02-28T00:00:00.000Z\",\"name\":\"" + name + "\""
        + extra + ",\"object_marking_refs\":[\"" + tlp.markingRef() + "\"]}";
  }

  /** Shared intel at AMBER: Harbor Lantern uses TideLoader; a GREEN report refers to TideLoader and the RED implant. */
  void seedAttributionCase() throws Exception {
    String set = "intrusion-set--9c1a4bde-3b55-4f0a-8d0e-3a4b5c6d7e01";
    String tide = "malware--9c1a4bde-3b55-4f0a-8d0e-3a4b5c6d7e02";
    seed("alice", sdo("intrusion-set", set, "Harbor Lantern", "", Tlp.AMBER));
    seed("alice", "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--9c1a4bde-3b55-4f0a-"
        + "8d0e-3a4b5c6d7e03\",\"created\":\"2026-02-28T00:00:00.000Z\",\"modified\":\"2026-02-28T00:00:00.000Z\","
        + "\"relationship_type\":\"uses\",\"source_ref\":\"" + set + "\",\"target_ref\":\"" + tide + "\","
        + "\"object_marking_refs\":[\"" + Tlp.AMBER.markingRef() + "\"]}");
    seed("bob", sdo("malware", tide, "TideLoader", ",\"is_family\":true", Tlp.GREEN));
    seed("bob", sdo("report", REPORT_ID, "Port intrusion, March", ",\"published\":\"2026-03-01T00:00:00.000Z\","
        + "\"object_refs\":[\"" + tide + "\",\"" + RED_ID + "\"]", Tlp.GREEN));
  }

  String url(String path) {
    return node.url() + path;
  }
}
