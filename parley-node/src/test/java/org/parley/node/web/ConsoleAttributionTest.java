package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;

/**
 * A shared report is attributed in the console over the node's ATT&CK knowledge base and what the collection
 * shares — each party with only the evidence and the intel its TLP ceiling lets it see.
 */
class ConsoleAttributionTest extends ConsoleFixture {
  private static final String REPORT_ID = "report--4a0f4a49-5f44-4bd6-9a1b-2b1f0c5f8e01";
  /** A tiny ATT&CK: two known groups and a technique; the report's group is only known from the shared intel. */
  private static final String ATTACK = """
      {"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000a0","objects":[
       {"type":"attack-pattern","id":"attack-pattern--00000000-0000-4000-8000-0000000000a1","name":"Phishing",
        "external_references":[{"source_name":"mitre-attack","external_id":"T1566"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-0000000000a2","name":"Gamma Wolf",
        "external_references":[{"source_name":"mitre-attack","external_id":"G0101"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-0000000000a3","name":"Delta Crane",
        "external_references":[{"source_name":"mitre-attack","external_id":"G0102"}]}]}
      """;

  private void importAttack() throws Exception {
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.resolve(Attributions.KB_FILE)))) {
      out.write(ATTACK.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String sdo(String type, String id, String name, String extra, Tlp tlp) {
    return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":"
        + "\"2026-02-28T00:00:00.000Z\",\"modified\":\"2026-02-28T00:00:00.000Z\",\"name\":\"" + name + "\""
        + extra + ",\"object_marking_refs\":[\"" + tlp.markingRef() + "\"]}";
  }

  /** Shared intel at AMBER: Harbor Lantern uses TideLoader; a GREEN report refers to TideLoader and the RED implant. */
  private void seedCase() throws Exception {
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

  private Document attribution(String party) throws Exception {
    WebClient c = new WebClient(node.url());
    c.login(party, tokens.get(party));
    HttpResponse<String> r = c.get("/console/collections/" + demo + "/objects/" + REPORT_ID + "/attribution");
    assertThat(r.statusCode()).as(party).isEqualTo(200);
    return WebClient.html(r);
  }

  @Test
  void aSharedReport_isAttributedWithTheIntelAndEvidenceEachPartyMaySee() throws Exception {
    importAttack();
    seedCase();

    Document alice = attribution("alice");
    Document bob = attribution("bob");
    Document carol = attribution("carol");

    // alice and bob see the intrusion set, its relationship, the indicator and the unmarked (AMBER) identity;
    // carol (GREEN) the indicator and the identity she shared herself
    assertThat(alice.select("#attribution-basis").text()).contains("2 of the 2 objects", "plus 4 objects");
    assertThat(alice.select("#attribution-report").text()).contains("Harbor Lantern", "Judgement")
        .contains(RED_NAME);
    assertThat(bob.select("#attribution-basis").text()).contains("1 of the 2 objects", "plus 4 objects");
    assertThat(bob.select("#attribution-report").text()).contains("Harbor Lantern").doesNotContain(RED_NAME);
    assertThat(carol.select("#attribution-basis").text()).contains("1 of the 2 objects", "plus 2 objects");
    assertThat(carol.select("#attribution-report").text()).doesNotContain("Harbor Lantern", RED_NAME);
  }

  @Test
  void theReportPage_linksToItsAttribution_andAnotherObjectHasNone() throws Exception {
    importAttack();
    seedCase();
    WebClient alice = new WebClient(node.url());
    alice.login("alice", tokens.get("alice"));

    Document report = WebClient.html(alice.get("/console/collections/" + demo + "/objects/" + REPORT_ID));
    HttpResponse<String> malware = alice.get("/console/collections/" + demo + "/objects/" + RED_ID + "/attribution");

    assertThat(report.select("a#attribute").attr("href")).endsWith("/objects/" + REPORT_ID + "/attribution");
    assertThat(malware.statusCode()).isEqualTo(400);
    assertThat(WebClient.html(malware).select("#attribution-unavailable").text()).contains("object_refs");
  }

  @Test
  void withoutAnImportedKnowledgeBase_thePageSaysHowToImportOne() throws Exception {
    seedCase();

    Document page = attribution("alice");

    assertThat(page.select("#attribution-unavailable").text()).contains("parley kb import", tmp.toString());
  }

  @Test
  void aReportThePartyMayNotSee_hasNoAttributionEither() throws Exception {
    importAttack();
    seedCase();
    WebClient eve = new WebClient(node.url());
    eve.login("eve", tokens.get("eve"));

    HttpResponse<String> r = eve.get("/console/collections/" + demo + "/objects/" + REPORT_ID + "/attribution");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("Port intrusion");
  }
}
