package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A shared report is attributed in the console over the node's ATT&CK knowledge base and what the collection
 * shares — each party with only the evidence and the intel its TLP ceiling lets it see.
 */
class ConsoleAttributionTest extends ConsoleFixture {
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
    seedAttributionCase();

    Document alice = attribution("alice");
    Document bob = attribution("bob");
    Document carol = attribution("carol");

    // alice and bob see the intrusion set, its relationship, the indicator, the unmarked (AMBER) identity and
    // TideLoader (evidence, but what the shared relationship links to); carol (GREEN) the indicator and the
    // identity she shared herself
    assertThat(alice.select("#attribution-basis").text()).contains("2 of the 2 objects", "plus 5 objects");
    assertThat(alice.select("#attribution-report").text()).contains("that Harbor Lantern", "Judgement")
        .contains(RED_NAME);
    assertThat(bob.select("#attribution-basis").text()).contains("1 of the 2 objects", "plus 5 objects");
    assertThat(bob.select("#attribution-report").text()).contains("that Harbor Lantern").doesNotContain(RED_NAME);
    assertThat(carol.select("#attribution-basis").text()).contains("1 of the 2 objects", "plus 2 objects");
    assertThat(carol.select("#attribution-report").text()).doesNotContain("Harbor Lantern", RED_NAME);
  }

  @Test
  void theReportPage_linksToItsAttribution_andAnotherObjectHasNone() throws Exception {
    importAttack();
    seedAttributionCase();
    WebClient alice = new WebClient(node.url());
    alice.login("alice", tokens.get("alice"));

    Document report = WebClient.html(alice.get("/console/collections/" + demo + "/objects/" + REPORT_ID));
    HttpResponse<String> malware = alice.get("/console/collections/" + demo + "/objects/" + RED_ID + "/attribution");

    assertThat(report.select("a#attribute").attr("href")).endsWith("/objects/" + REPORT_ID + "/attribution");
    assertThat(malware.statusCode()).isEqualTo(400);
    assertThat(WebClient.html(malware).select("#attribution-unavailable").text()).contains("object_refs");
  }

  @Test
  void withoutAnImportedKnowledgeBase_thePageSaysHowToImportOne_withoutTheServersPaths() throws Exception {
    seedAttributionCase();

    Document page = attribution("alice");

    assertThat(page.select("#attribution-unavailable").text()).contains("parley kb import", "--data DIR")
        .doesNotContain(tmp.toString()); // every party reads this page: the node's directories are the operator's
  }

  @Test
  void aReportThePartyMayNotSee_hasNoAttributionEither() throws Exception {
    importAttack();
    seedAttributionCase();
    WebClient eve = new WebClient(node.url());
    eve.login("eve", tokens.get("eve"));

    HttpResponse<String> r = eve.get("/console/collections/" + demo + "/objects/" + REPORT_ID + "/attribution");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("Port intrusion");
  }

  @Test
  void theReport_downloadsAsJsonOrHtml_forThePartysOwnView() throws Exception {
    importAttack();
    seedAttributionCase();
    WebClient bob = new WebClient(node.url());
    bob.login("bob", tokens.get("bob"));
    String page = "/console/collections/" + demo + "/objects/" + REPORT_ID + "/attribution";

    HttpResponse<String> json = bob.get(page + "?format=json");
    HttpResponse<String> html = bob.get(page + "?format=html");

    assertThat(json.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
    com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body());
    assertThat(j.get("hypotheses").get(0).get("name").asText()).isEqualTo("Harbor Lantern");
    assertThat(json.body()).doesNotContain(RED_NAME);
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(html.body()).contains("Harbor Lantern").doesNotContain(RED_NAME);
    assertThat(bob.get(page + "?format=exe").statusCode()).isEqualTo(400);
    assertThat(WebClient.html(bob.get(page)).select("#download-json").attr("href")).endsWith("?format=json");
  }

  @Test
  void theDownloads_ofAnUnmarkedReportAndEvidence_areMarkedAtTheCollectionsUnmarkedLevel() throws Exception {
    importAttack();
    String report = "report--9c1a4bde-3b55-4f0a-8d0e-3a4b5c6d7e77";
    String tool = "tool--9c1a4bde-3b55-4f0a-8d0e-3a4b5c6d7e78";
    seed("bob", "{\"type\":\"tool\",\"spec_version\":\"2.1\",\"id\":\"" + tool + "\",\"created\":"
        + "\"2026-03-01T00:00:00.000Z\",\"modified\":\"2026-03-01T00:00:00.000Z\",\"name\":\"Mimikatz\"}");
    seed("bob", "{\"type\":\"report\",\"spec_version\":\"2.1\",\"id\":\"" + report + "\",\"created\":"
        + "\"2026-03-01T00:00:00.000Z\",\"modified\":\"2026-03-01T00:00:00.000Z\",\"name\":\"Unmarked case\","
        + "\"published\":\"2026-03-01T00:00:00.000Z\",\"object_refs\":[\"" + tool + "\"]}");
    WebClient bob = new WebClient(node.url());
    bob.login("bob", tokens.get("bob"));

    String base = "/console/collections/" + demo + "/objects/" + report + "/attribution?format=";
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    // the collection handles unmarked objects as AMBER: nothing drawn from them goes out unmarked (it was null)
    assertThat(json.readTree(bob.get(base + "json").body()).path("marking").asText()).isEqualTo("TLP:AMBER");
    assertThat(json.readTree(bob.get(base + "stix").body()).path("objects")).filteredOn(
        o -> !o.path("type").asText().equals("marking-definition")).allSatisfy(o -> assertThat(
        o.path("object_marking_refs").toString()).isEqualTo("[\"" + org.parley.marking.Tlp.AMBER.markingRef() + "\"]"));
  }

  @Test
  void theStixDownload_isMarkedWithTheStrictestTlpOfWhatThePartysViewDrewOn() throws Exception {
    importAttack();
    seedAttributionCase();
    WebClient bob = new WebClient(node.url());
    bob.login("bob", tokens.get("bob"));
    WebClient alice = new WebClient(node.url());
    alice.login("alice", tokens.get("alice"));
    String page = "/console/collections/" + demo + "/objects/" + REPORT_ID + "/attribution?format=stix";

    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    HttpResponse<String> forBob = bob.get(page);
    com.fasterxml.jackson.databind.JsonNode bobs = json.readTree(forBob.body());
    com.fasterxml.jackson.databind.JsonNode alices = json.readTree(alice.get(page).body());

    // bob's evidence is GREEN but the intel that names Harbor Lantern is AMBER; alice's view holds the RED implant
    assertThat(forBob.headers().firstValue("Content-Type").orElse("")).startsWith("application/stix+json");
    assertThat(bobs.get("objects")).extracting(o -> o.get("type").asText()) // with the TLP 2.0 definition it uses
        .containsExactlyInAnyOrder("marking-definition", "note", "opinion", "grouping");
    assertThat(bobs.get("objects")).filteredOn(o -> !o.get("type").asText().equals("marking-definition"))
        .allSatisfy(o -> assertThat(o.get("object_marking_refs").toString())
        .isEqualTo("[\"" + org.parley.marking.Tlp.AMBER.markingRef() + "\"]"));
    assertThat(alices.get("objects")).filteredOn(o -> !o.get("type").asText().equals("marking-definition"))
        .allSatisfy(o -> assertThat(o.get("object_marking_refs").toString())
        .isEqualTo("[\"" + org.parley.marking.Tlp.RED.markingRef() + "\"]"));
    assertThat(forBob.body()).doesNotContain(RED_NAME);
  }
}
