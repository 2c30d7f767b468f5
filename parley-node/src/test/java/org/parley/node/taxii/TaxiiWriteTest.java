package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.marking.Tlp;
import org.parley.node.store.TestObjects;

class TaxiiWriteTest extends NodeFixture {
  static String envelope(String... objects) {
    return "{\"objects\":[" + String.join(",", objects) + "]}";
  }

  static String indicator(int n) {
    return TestObjects.indicator(n).json().utf8();
  }

  @Test
  void post_validEnvelope_answers202WithCompleteStatus_andStoresExactBytes() {
    TaxiiClient.Reply r = as("bob").post(objects(), envelope(indicator(1), indicator(2)));

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
    JsonNode s = r.json();
    assertThat(s.path("status").asText()).isEqualTo("complete");
    assertThat(s.path("total_count").asInt()).isEqualTo(2);
    assertThat(s.path("success_count").asInt()).isEqualTo(2);
    assertThat(s.path("successes").get(0).path("id").asText()).isEqualTo(TestObjects.indicator(1).id());
    assertThat(s.path("successes").get(0).path("version").asText()).isEqualTo("2020-01-01T00:00:00.000Z");
    assertThat(s.has("failures")).isFalse();
    JsonNode again = as("bob").get("/parley/status/" + s.path("id").asText() + "/").json();
    assertThat(again).isEqualTo(s);
    assertThat(as("carol").get(objects()).text()).contains(indicator(1)).contains(indicator(2));
  }

  @Test
  void post_mixedEnvelope_acceptsEachValidObjectWhole_andRejectsTheRestWithReasons() {
    String invalid = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--not-a-uuid\","
        + "\"created\":\"2020-01-01\",\"modified\":\"2020-01-01T00:00:00Z\"}";

    JsonNode s = as("bob").post(objects(), envelope(indicator(1), invalid, "42")).json();

    assertThat(s.path("success_count").asInt()).isEqualTo(1);
    assertThat(s.path("failure_count").asInt()).isEqualTo(2);
    assertThat(s.path("failures").get(0).path("id").asText()).isEqualTo("indicator--not-a-uuid");
    assertThat(s.path("failures").get(0).path("message").asText()).contains("$.");
    assertThat(as("carol").get(objects()).json().path("objects")).hasSize(1);
  }

  @Test
  void post_anObjectWithThousandsOfBadElements_isRefusedWithABoundedReason() {
    String bad = indicator(3).replaceFirst("\\{", "{\"labels\":[" + "7,".repeat(20_000) + "7],");

    JsonNode s = as("bob").post(objects(), envelope(indicator(1), bad)).json();

    assertThat(s.path("success_count").asInt()).isEqualTo(1);
    String reason = s.path("failures").get(0).path("message").asText();
    assertThat(reason).startsWith("$.labels[0]: ").endsWith("…");
    assertThat(reason.length()).isLessThanOrEqualTo(Ingest.MAX_REASONS + 1);
  }

  @Test
  void post_sameObjectTwice_isSuccessBothTimes_withOneStoredVersion() {
    as("bob").post(objects(), envelope(indicator(1)));
    JsonNode second = as("alice").post(objects(), envelope(indicator(1))).json();

    assertThat(second.path("success_count").asInt()).isEqualTo(1);
    assertThat(as("carol").get(objects() + TestObjects.indicator(1).id() + "/versions/").json().path("versions"))
        .hasSize(1);
  }

  @Test
  void post_markedObjects_areServedOnlyWithinEachReadersCeiling() {
    String red = TestObjects.indicator(1, "2020-01-01T00:00:00.000Z", Optional.of(Tlp.RED)).json().utf8();
    String granularRed = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":"
        + "\"indicator--00000000-0000-4000-8000-000000000002\",\"created\":\"2020-01-01T00:00:00.000Z\","
        + "\"modified\":\"2020-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value = '10.0.0.2']\","
        + "\"pattern_type\":\"stix\",\"valid_from\":\"2020-01-01T00:00:00Z\",\"granular_markings\":[{"
        + "\"marking_ref\":\"" + Tlp.RED.markingRef() + "\",\"selectors\":[\"pattern\"]}]}";

    as("alice").post(objects(), envelope(red, granularRed, indicator(3)));

    assertThat(as("carol").get(objects()).json().path("objects")).hasSize(1);
    assertThat(as("bob").get(objects()).json().path("objects")).hasSize(1);
    assertThat(as("alice").get(objects()).json().path("objects")).hasSize(3);
  }

  @Test
  void post_malformedJson_is400WithErrorBody_andStoresNothing() {
    for (String body : new String[] {"{\"objects\":[", "not json", "[]", "{\"objects\":42}", ""}) {
      TaxiiClient.Reply r = as("bob").post(objects(), body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().path("http_status").asText()).isEqualTo("400");
    }
    assertThat(as("alice").get(objects()).json().has("objects")).isFalse();
  }

  @Test
  void post_wrongMediaTypes_are415And406() {
    TaxiiClient.Reply json = as("bob").post(objects(), "application/json",
        envelope(indicator(1)).getBytes(StandardCharsets.UTF_8));
    TaxiiClient.Reply v20 = as("bob").post(objects(), "application/taxii+json;version=2.0",
        envelope(indicator(1)).getBytes(StandardCharsets.UTF_8));
    TaxiiClient.Reply accept = as("bob").getWithAccept(objects(), "application/json");

    assertThat(json.status()).isEqualTo(415);
    assertThat(v20.status()).isEqualTo(415);
    assertThat(accept.status()).isEqualTo(406);
    assertThat(accept.json().path("title").asText()).isEqualTo("Not Acceptable");
    assertThat(as("alice").get(objects()).json().has("objects")).isFalse();
  }

  @Test
  void post_withoutWriteRole_is403_orInvisible404() {
    assertThat(as("carol").post(objects(), envelope(indicator(1))).status()).isEqualTo(403);
    assertThat(as("eve").post(objects(), envelope(indicator(1))).status()).isEqualTo(404);
    assertThat(as("dave").post(objects(), envelope(indicator(1))).status()).isEqualTo(202);
  }

  @Test
  void status_ofAnotherParty_is404() {
    String id = as("bob").post(objects(), envelope(indicator(1))).json().path("id").asText();

    assertThat(as("alice").get("/parley/status/" + id + "/").status()).isEqualTo(404);
  }

  @Test
  void everyEndpoint_withoutOrWithBadCredentials_is401WithChallenge() {
    TaxiiClient anonymous = new TaxiiClient(node.url(), null, null);
    TaxiiClient wrong = as("alice").withAuthorization("Basic " + java.util.Base64.getEncoder()
        .encodeToString(("alice:" + tokens.get("bob")).getBytes(StandardCharsets.UTF_8)));
    for (TaxiiClient c : new TaxiiClient[] {anonymous, wrong}) {
      for (String path : new String[] {"/taxii2/", "/parley/", "/parley/collections/", objects(),
          objects() + "indicator--00000000-0000-4000-8000-000000000001/", "/parley/status/x/", "/parley/nope/"}) {
        TaxiiClient.Reply r = c.get(path);
        assertThat(r.status()).as(path).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Basic realm=\"parley\"");
        assertThat(r.json().path("http_status").asText()).isEqualTo("401");
      }
      assertThat(c.post(objects(), envelope(indicator(1))).status()).isEqualTo(401);
    }
  }

  @Test
  void unknownPath_isTaxii404() {
    TaxiiClient.Reply r = as("alice").get("/parley/nope/");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("http_status").asText()).isEqualTo("404");
  }

  @Test
  void hostileFilters_are400_andNeverReachSql() {
    as("bob").post(objects(), envelope(indicator(1)));
    Map<String, String>[] bad = new Map[] {
        Map.of("match[relationship_type]", "uses"), Map.of("added_after", "yesterday"),
        Map.of("added_after", "2020-01-01T00:00:00+01:00"), Map.of("limit", "abc"), Map.of("limit", "0"),
        Map.of("limit", "-5"), Map.of("match[version]", "newest"), Map.of("match[type]", ",,"),
        Map.of("match[id]", "a,".repeat(150) + "b"), Map.of("match[type]", "x".repeat(300)), Map.of("foo", "bar"),
        Map.of("next", "AAAA")};
    for (Map<String, String> q : bad) {
      TaxiiClient.Reply r = as("alice").get(objects(), q);
      assertThat(r.status()).as(q.toString()).isEqualTo(400);
      assertThat(r.json().path("http_status").asText()).isEqualTo("400");
    }
    JsonNode injection = as("alice").get(objects(), Map.of("match[id]", "x' OR '1'='1")).json();
    assertThat(injection.has("objects")).isFalse();
    assertThat(as("alice").get(objects()).json().path("objects")).hasSize(1);
  }

  @Test
  void hugeLimit_isCappedAtTheServerPageSize() {
    as("bob").post(objects(), envelope(indicator(1)));
    assertThat(as("alice").get(objects(), Map.of("limit", "99999999999999999999")).status()).isEqualTo(200);
  }
}
