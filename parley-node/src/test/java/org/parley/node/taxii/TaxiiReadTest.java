package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.node.store.TestObjects;

class TaxiiReadTest extends NodeFixture {
  @Test
  void discovery_listsTheApiRootAsDefault_asARelativeUrl_notOneMadeFromTheClientsHostHeader() {
    TaxiiClient.Reply r = as("carol").get("/taxii2/");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
    // TAXII 2.1 §4.1.1: "API Root URLs MUST be HTTPS absolute URLs or relative URLs"; no public URL is configured
    assertThat(r.json().path("default").asText()).isEqualTo("/parley/");
    assertThat(r.json().path("api_roots").get(0).asText()).isEqualTo("/parley/");
    assertThat(java.net.URI.create(node.url() + "/taxii2/").resolve(r.json().path("default").asText()).toString())
        .isEqualTo(node.url() + "/parley/");
  }

  @Test
  void apiRoot_advertisesVersionAndMaxContentLength() {
    JsonNode root = as("carol").get("/parley/").json();

    assertThat(root.path("versions").get(0).asText()).isEqualTo("application/taxii+json;version=2.1");
    assertThat(root.path("max_content_length").asLong()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void collections_listOnlyThoseTheCallerHoldsARoleIn() {
    JsonNode carols = as("carol").get("/parley/collections/").json();
    JsonNode daves = as("dave").get("/parley/collections/" + coll + "/").json();

    assertThat(carols.path("collections")).hasSize(1);
    assertThat(carols.path("collections").get(0).path("id").asText()).isEqualTo(coll);
    assertThat(carols.path("collections").get(0).path("can_write").asBoolean()).isFalse();
    assertThat(carols.path("collections").get(0).path("media_types").get(0).asText())
        .isEqualTo("application/stix+json;version=2.1");
    assertThat(daves.path("can_read").asBoolean()).isFalse();
    assertThat(daves.path("can_write").asBoolean()).isTrue();
  }

  @Test
  void collection_invisibleAndMissing_getTheSame404() {
    TaxiiClient.Reply invisible = as("carol").get("/parley/collections/" + other + "/objects/");
    TaxiiClient.Reply missing = as("carol").get("/parley/collections/00000000-0000-4000-8000-000000000000/objects/");

    assertThat(invisible.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(invisible.text()).isEqualTo(missing.text());
    assertThat(invisible.json().path("http_status").asText()).isEqualTo("404");
  }

  @Test
  void objects_asPages_returnsEveryObjectOnceWithDateHeaders() throws Exception {
    for (int i = 0; i < 23; i++) {
      seed("alice", TestObjects.indicator(i));
    }
    List<JsonNode> pages = as("carol").asPages(objects(), 5, Map.of());

    List<String> ids = new ArrayList<>();
    pages.forEach(p -> p.path("objects").forEach(o -> ids.add(o.path("id").asText())));
    assertThat(pages).hasSize(5);
    assertThat(ids).hasSize(23).doesNotHaveDuplicates();
    assertThat(pages.get(4).path("more").asBoolean()).isFalse();
    assertThat(pages.get(4).has("next")).isFalse();
    TaxiiClient.Reply first = as("carol").get(objects(), Map.of("limit", "5"));
    assertThat(first.header("X-TAXII-Date-Added-First")).isEqualTo("2026-03-01T12:00:00.000000Z");
    assertThat(first.header("X-TAXII-Date-Added-Last")).isEqualTo("2026-03-01T12:00:00.000004Z");
  }

  @Test
  void objects_servedBytes_areExactlyTheStoredBytes() throws Exception {
    seed("alice", TestObjects.indicator(1));

    String body = as("carol").get(objects()).text();

    assertThat(body).isEqualTo("{\"more\":false,\"objects\":[" + TestObjects.indicator(1).json().utf8() + "]}");
  }

  @Test
  void objects_emptyCollection_omitsTheList() {
    TaxiiClient.Reply r = as("carol").get(objects());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().has("objects")).isFalse();
    assertThat(r.header("X-TAXII-Date-Added-First")).isNull();
  }

  @Test
  void filters_commaSeparatedValues_areOred() throws Exception {
    seed("alice", TestObjects.indicator(1), TestObjects.indicator(2), TestObjects.indicator(3),
        TestObjects.sco("10.1.1.1"));
    String ids = TestObjects.indicator(1).id() + "," + TestObjects.indicator(3).id();

    JsonNode byId = as("carol").get(objects(), Map.of("match[id]", ids)).json();
    JsonNode byType = as("carol").get(objects(), Map.of("match[type]", "ipv4-addr,malware")).json();
    JsonNode bySpec = as("carol").get(objects(), Map.of("match[spec_version]", "2.0,2.1")).json();

    assertThat(byId.path("objects")).hasSize(2);
    assertThat(byType.path("objects")).hasSize(1);
    assertThat(bySpec.path("objects")).hasSize(4);
  }

  @Test
  void versions_andVersionFilters_followTaxiiDefaults() throws Exception {
    seed("alice", TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.empty()),
        TestObjects.indicator(1, "2021-01-01T00:00:00.000Z", Optional.empty()),
        TestObjects.indicator(1, "2022-01-01T00:00:00.000Z", Optional.empty()));
    String id = TestObjects.indicator(1).id();

    JsonNode versions = as("carol").get(objects() + id + "/versions/").json();
    JsonNode latest = as("carol").get(objects() + id + "/").json();
    JsonNode firstAndLast = as("carol").get(objects(), Map.of("match[version]", "first,last")).json();
    JsonNode exact = as("carol").get(objects() + id + "/", Map.of("match[version]", "2021-01-01T00:00:00Z")).json();
    JsonNode manifest = as("carol").get("/parley/collections/" + coll + "/manifest/",
        Map.of("match[version]", "all")).json();

    assertThat(versions.path("versions")).extracting(JsonNode::asText).containsExactly(
        "2020-01-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z", "2022-01-01T00:00:00.000Z");
    assertThat(latest.path("objects")).singleElement()
        .satisfies(o -> assertThat(o.path("modified").asText()).startsWith("2022"));
    assertThat(firstAndLast.path("objects")).hasSize(2);
    assertThat(exact.path("objects")).singleElement()
        .satisfies(o -> assertThat(o.path("modified").asText()).startsWith("2021"));
    assertThat(manifest.path("objects")).hasSize(3);
    assertThat(manifest.path("objects").get(0).path("media_type").asText())
        .isEqualTo("application/stix+json;version=2.1");
    assertThat(manifest.path("objects").get(0).path("date_added").asText()).isEqualTo("2026-03-01T12:00:00.000000Z");
  }

  @Test
  void addedAfter_returnsOnlyLaterAdditions() throws Exception {
    seed("alice", TestObjects.indicator(1));
    clock.advanceMicros(5_000_000);
    seed("alice", TestObjects.indicator(2));

    JsonNode later = as("carol").get(objects(), Map.of("added_after", "2026-03-01T12:00:01Z")).json();

    assertThat(later.path("objects")).singleElement()
        .satisfies(o -> assertThat(o.path("id").asText()).isEqualTo(TestObjects.indicator(2).id()));
  }

  @Test
  void tlpOnEveryReadPath_everyLevelTimesEveryReader() throws Exception {
    int n = 0;
    for (Tlp level : Tlp.values()) {
      seed("alice", TestObjects.indicator(n++, "2020-01-01T00:00:00.000Z", Optional.of(level)));
    }
    seed("alice", TestObjects.indicator(n++)); // unmarked → GREEN by this collection's rules
    Map<String, Tlp> ceilings = new LinkedHashMap<>();
    ceilings.put("alice", Tlp.RED);
    ceilings.put("bob", Tlp.AMBER);
    ceilings.put("carol", Tlp.GREEN);

    for (Map.Entry<String, Tlp> reader : ceilings.entrySet()) {
      TaxiiClient c = as(reader.getKey());
      Tlp ceiling = reader.getValue();
      HashSet<String> viaPages = new HashSet<>();
      c.asPages(objects(), 2, Map.of()).forEach(p -> p.path("objects").forEach(o -> viaPages.add(o.path("id").asText())));
      HashSet<String> viaManifest = new HashSet<>();
      c.asPages("/parley/collections/" + coll + "/manifest/", 2, Map.of())
          .forEach(p -> p.path("objects").forEach(o -> viaManifest.add(o.path("id").asText())));
      for (int i = 0; i < Tlp.values().length; i++) {
        Tlp level = Tlp.values()[i];
        String id = TestObjects.indicator(i).id();
        boolean may = level.atMost(ceiling);
        String who = reader.getKey() + " " + level;
        assertThat(viaPages.contains(id)).as("objects: " + who).isEqualTo(may);
        assertThat(viaManifest.contains(id)).as("manifest: " + who).isEqualTo(may);
        assertThat(c.get(objects() + id + "/").status()).as("object: " + who).isEqualTo(may ? 200 : 404);
        assertThat(c.get(objects() + id + "/versions/").status()).as("versions: " + who).isEqualTo(may ? 200 : 404);
      }
      assertThat(viaPages.contains(TestObjects.indicator(n - 1).id())).isTrue();
    }
    // dave writes only, eve is no member: no read path answers them with objects.
    assertThat(as("dave").get(objects()).status()).isEqualTo(403);
    assertThat(as("dave").get(objects() + TestObjects.indicator(0).id() + "/").status()).isEqualTo(403);
    assertThat(as("eve").get(objects()).status()).isEqualTo(404);
    assertThat(as("eve").get(objects() + TestObjects.indicator(0).id() + "/versions/").status()).isEqualTo(404);
  }

  @Test
  void ownSubmissions_areAlwaysVisibleToTheSubmitter() throws Exception {
    seed("bob", TestObjects.indicator(9, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.RED)));

    assertThat(as("bob").get(objects() + TestObjects.indicator(9).id() + "/").status()).isEqualTo(200);
    assertThat(as("carol").get(objects() + TestObjects.indicator(9).id() + "/").status()).isEqualTo(404);
  }

  @Test
  void delete_needsAdmin_andRemovesTheObject() throws Exception {
    seed("alice", TestObjects.indicator(1), TestObjects.indicator(2));
    String path = objects() + TestObjects.indicator(1).id() + "/";

    assertThat(as("bob").delete(path).status()).isEqualTo(403);
    assertThat(as("eve").delete(path).status()).isEqualTo(404);
    assertThat(as("alice").delete(path).status()).isEqualTo(200);
    assertThat(as("alice").get(path).status()).isEqualTo(404);
    assertThat(as("alice").delete(path).status()).isEqualTo(404);
    assertThat(as("carol").get(objects()).json().path("objects")).hasSize(1);
  }

  @Test
  void healthAndMetrics_answerALoopbackClientWithoutCredentials() {
    TaxiiClient anonymous = new TaxiiClient(node.url(), null, null);
    as("carol").get("/parley/collections/");

    TaxiiClient.Reply health = anonymous.get("/health");
    TaxiiClient.Reply metrics = anonymous.get("/metrics");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
    assertThat(metrics.text()).contains("parley_http_requests_total{method=\"GET\",route=\"/parley/collections/\","
        + "status=\"200\"} 1").contains("parley_objects_stored_total 0");
  }
}
