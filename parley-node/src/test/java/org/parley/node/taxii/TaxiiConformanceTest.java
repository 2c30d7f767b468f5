package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.store.TestObjects;

/** TAXII 2.1 requirements a conformance audit found unmet (session 7), each against a real node. */
class TaxiiConformanceTest extends NodeFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String envelope(String... objects) {
    return TaxiiWriteTest.envelope(objects);
  }

  @Test
  void delete_answers200WithTheTaxiiMediaType() throws Exception {
    seed("alice", TestObjects.indicator(1));

    TaxiiClient.Reply r = as("alice").delete(objects() + TestObjects.indicator(1).id() + "/");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1"); // §5.7
  }

  @Test
  void delete_byAnAdminThatMayReadButNotWrite_is403_andDeletesNothing() throws Exception {
    String c = node.directory().addCollection("Read-only admin", Optional.empty(), new SharingAgreement(List.of(
        new Member("alice", Set.of(Role.READ, Role.WRITE), Tlp.RED),
        new Member("bob", Set.of(Role.READ, Role.ADMIN), Tlp.RED)), Tlp.GREEN));
    as("alice").post("/parley/collections/" + c + "/objects/", envelope(TaxiiWriteTest.indicator(1)));
    String path = "/parley/collections/" + c + "/objects/" + TestObjects.indicator(1).id() + "/";

    assertThat(as("bob").delete(path).status()).isEqualTo(403); // §5.7: can_read true, can_write false → 403
    assertThat(as("alice").get(path).status()).isEqualTo(200);
  }

  @Test
  void status_namesTheVersionOfEveryEntry_failuresAndRepeatedObservablesToo() throws Exception {
    String versionedButInvalid = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--not-a-uuid\","
        + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-02-02T00:00:00.000Z\"}";
    String sco = TestObjects.sco("example.org").json().utf8();
    as("bob").post(objects(), envelope(sco));

    JsonNode s = as("bob").post(objects(), envelope(versionedButInvalid, "42", sco)).json();

    JsonNode failures = s.path("failures");
    assertThat(failures.get(0).path("version").asText()).isEqualTo("2020-02-02T00:00:00.000Z"); // its modified
    assertThat(failures.get(1).path("version").asText()).isEqualTo(s.path("request_timestamp").asText());
    JsonNode repeat = s.path("successes").get(0);
    assertThat(repeat.path("message").asText()).isEqualTo("already present");
    String stored = as("bob").get(objects() + TestObjects.sco("example.org").id() + "/versions/").json()
        .path("versions").get(0).asText();
    assertThat(repeat.path("version").asText()).isEqualTo(stored); // an SCO's version is its date_added
  }

  @Test
  void post_anExactDuplicateSerialisedOtherwise_isAlreadyPresent_notAConflict() throws Exception {
    as("bob").post(objects(), envelope(TaxiiWriteTest.indicator(1)));
    JsonNode tree = JSON.readTree(TaxiiWriteTest.indicator(1));
    Map<String, Object> sorted = new TreeMap<>(JSON.convertValue(tree, Map.class));
    String reserialised = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted); // other order, spacing

    JsonNode s = as("bob").post(objects(), envelope(reserialised)).json();

    assertThat(s.path("success_count").asInt()).isEqualTo(1); // §5.5: an exact duplicate is no error
    assertThat(s.path("successes").get(0).path("message").asText()).isEqualTo("already present");
    assertThat(as("bob").get(objects() + TestObjects.indicator(1).id() + "/versions/").json().path("versions"))
        .hasSize(1);
  }

  @Test
  void post_anUnversionedObservableSerialisedOtherwise_isAlreadyPresent_withoutANewVersionOrLogLeaf() throws Exception {
    String sco = TestObjects.sco("198.51.100.7").json().utf8();
    as("bob").post(objects(), envelope(sco));
    Map<String, Object> sorted = new TreeMap<>(java.util.Collections.reverseOrder());
    sorted.putAll(JSON.convertValue(JSON.readTree(sco), Map.class));
    String reserialised = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted); // keys reversed, spaced

    JsonNode s = as("bob").post(objects(), envelope(reserialised)).json();

    assertThat(s.path("successes").get(0).path("message").asText()).isEqualTo("already present");
    assertThat(as("bob").get(objects() + TestObjects.sco("198.51.100.7").id() + "/versions/").json()
        .path("versions")).hasSize(1); // it had two: a pull then a push back doubled every observable
  }

  @Test
  void post_anotherPartysNewVersionOfAnObject_isRefused_theCreatorsIsStored() throws Exception {
    as("alice").post(objects(), envelope(TaxiiWriteTest.indicator(1)));
    String v2 = TestObjects.indicator(1, "2021-01-01T00:00:00.000Z", Optional.empty()).json().utf8();

    JsonNode byBob = as("bob").post(objects(), envelope(v2)).json();

    assertThat(byBob.path("failure_count").asInt()).isEqualTo(1); // STIX 2.1 §3.5: only the creator versions it
    assertThat(byBob.path("failures").get(0).path("message").asText()).contains("only it may add versions");
    String last = objects() + TestObjects.indicator(1).id() + "/";
    assertThat(as("carol").get(last).json().path("objects").get(0).path("modified").asText())
        .isEqualTo("2020-01-01T00:00:00.000Z");

    assertThat(as("alice").post(objects(), envelope(v2)).json().path("success_count").asInt()).isEqualTo(1);
    assertThat(as("carol").get(last).json().path("objects").get(0).path("modified").asText())
        .isEqualTo("2021-01-01T00:00:00.000Z");
  }

  @Test
  void getObject_whoseVersionsTheFiltersExclude_isAnEmptyEnvelope_anUnknownOneStill404() throws Exception {
    seed("alice", TestObjects.indicator(1));
    String path = objects() + TestObjects.indicator(1).id() + "/";

    TaxiiClient.Reply r = as("carol").get(path, Map.of("match[version]", "2019-01-01T00:00:00.000Z"));
    assertThat(r.status()).isEqualTo(200); // §5.6: no objects → an empty envelope
    assertThat(r.json().path("more").asBoolean()).isFalse();
    assertThat(r.json().has("objects")).isFalse();
    assertThat(as("carol").get(path + "versions/", Map.of("added_after", "2030-01-01T00:00:00Z")).status())
        .isEqualTo(200);

    String unknown = objects() + TestObjects.indicator(7).id() + "/";
    assertThat(as("carol").get(unknown, Map.of("match[version]", "2019-01-01T00:00:00.000Z")).status())
        .isEqualTo(404);
  }

  @Test
  void getObject_hiddenByTlp_staysA404_whateverTheFilters() throws Exception {
    seed("alice", TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.RED)));
    String path = objects() + TestObjects.indicator(1).id() + "/";

    assertThat(as("carol").get(path).status()).isEqualTo(404);
    assertThat(as("carol").get(path, Map.of("match[version]", "2019-01-01T00:00:00.000Z")).status())
        .isEqualTo(404);
  }

  @Test
  void head_answersAsGetWould_withoutTheBody() throws Exception {
    seed("alice", TestObjects.indicator(1));

    TaxiiClient.Reply ok = as("carol").method("HEAD", objects());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
    assertThat(ok.header("X-TAXII-Date-Added-First")).isNotNull();
    assertThat(ok.text()).isEmpty();
    assertThat(as("eve").method("HEAD", objects()).status()).isEqualTo(404); // no role: as GET, it does not exist
    assertThat(as("dave").method("HEAD", objects()).status()).isEqualTo(403); // write only
    assertThat(new TaxiiClient(node.url(), null, null).method("HEAD", objects()).status()).isEqualTo(401);
  }

  @Test
  void aMethodAResourceDoesNotAnswer_is405WithAllow_andAnUnknownPathStill404() {
    TaxiiClient.Reply r = as("alice").method("PUT", "/parley/collections/");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(r.json().path("http_status").asText()).isEqualTo("405");
    assertThat(as("alice").method("PUT", objects()).header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(as("alice").method("PUT", "/parley/nothing-here/").status()).isEqualTo(404);
    assertThat(new TaxiiClient(node.url(), null, null).method("PUT", "/parley/collections/").status())
        .isEqualTo(401); // credentials first: nothing is said to a stranger
  }

  @Test
  void post_anEnvelopeWithNoObjects_is400_notACompleteStatusOfNothing() {
    for (String body : List.of("{\"objects\":[]}", "{}")) {
      TaxiiClient.Reply r = as("bob").post(objects(), body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().path("description").asText()).contains("no objects");
    }
  }

  @Test
  void theTlp2DefinitionOfALevel_isPublic_aGreenReaderGetsTheAmberDefinitionItsObjectsNameButNotThem() {
    String amber = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + Tlp.AMBER.markingRef()
        + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER\",\"extensions\":{"
        + "\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\","
        + "\"tlp_2_0\":\"amber\"}}}";
    String marked = TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.AMBER)).json().utf8();

    assertThat(as("alice").post(objects(), envelope(amber, marked)).json().path("success_count").asInt()).isEqualTo(2);

    JsonNode seen = as("carol").get(objects()).json().path("objects"); // carol: GREEN ceiling
    assertThat(seen).singleElement().satisfies(o -> assertThat(o.path("type").asText()).isEqualTo("marking-definition"));
  }

  @Test
  void aMarkingDefinitionUnderATlpLevelsIdThatDefinesAnotherLevel_isRefused() {
    String fake = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + Tlp.RED.markingRef()
        + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:CLEAR\",\"extensions\":{"
        + "\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\","
        + "\"tlp_2_0\":\"clear\"}}}";

    JsonNode s = as("bob").post(objects(), envelope(fake)).json();

    assertThat(s.path("failure_count").asInt()).isEqualTo(1);
    assertThat(s.path("failures").get(0).path("message").asText())
        .isEqualTo("a marking definition under the id of TLP:RED must define TLP:RED, not TLP:CLEAR");
  }

  @Test
  void malformedFilters_are400() throws Exception {
    seed("alice", TestObjects.indicator(1));
    List<String> bad = List.of("match[version]=all,last", "match[version]=last,last",
        "match[type]=indicator&match[type]=malware", "added_after=2026-11-26T24:00:00Z",
        "added_after=2026-11-26T12:60:00Z", "match[version]=2020-01-01T25:00:00.000Z");
    for (String q : bad) {
      TaxiiClient.Reply r = as("alice").get(objects() + "?" + encoded(q));
      assertThat(r.status()).as(q).isEqualTo(400); // TAXII 2.1 §3.4, §3.4.1; RFC 3339 §5.6
    }
    assertThat(as("alice").get(objects() + "?" + encoded("match[type]=indicator,malware")).status()).isEqualTo(200);
    assertThat(as("alice").get(objects() + "?" + encoded("added_after=2016-12-31T23:59:60Z")).status())
        .isEqualTo(200);
  }

  /** A query string as written, with the brackets and colons a URI must percent-encode. */
  private static String encoded(String query) {
    return query.replace("[", "%5B").replace("]", "%5D").replace(":", "%3A");
  }
}
