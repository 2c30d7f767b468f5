package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.node.store.TestObjects;

class TaxiiCursorTest extends NodeFixture {
  String nextFor(String party, Map<String, String> filters) throws Exception {
    for (int i = 0; i < 6; i++) {
      seed("alice", TestObjects.indicator(i));
    }
    java.util.Map<String, String> q = new java.util.HashMap<>(filters);
    q.put("limit", "2");
    JsonNode page = as(party).get(objects(), q).json();
    assertThat(page.path("more").asBoolean()).isTrue();
    return page.path("next").asText();
  }

  @Test
  void next_fromAnotherParty_is400() throws Exception {
    String next = nextFor("carol", Map.of());

    TaxiiClient.Reply r = as("bob").get(objects(), Map.of("limit", "2", "next", next));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("description").asText()).contains("does not belong");
  }

  @Test
  void next_withChangedFilters_orOnAnotherEndpoint_is400() throws Exception {
    String next = nextFor("carol", Map.of("match[type]", "indicator"));

    assertThat(as("carol").get(objects(), Map.of("next", next, "match[type]", "malware")).status()).isEqualTo(400);
    assertThat(as("carol").get(objects(), Map.of("next", next)).status()).isEqualTo(400);
    assertThat(as("carol").get("/parley/collections/" + coll + "/manifest/",
        Map.of("next", next, "match[type]", "indicator")).status()).isEqualTo(400);
    assertThat(as("carol").get(objects(), Map.of("next", next, "match[type]", "indicator", "limit", "3"))
        .status()).isEqualTo(200);
  }

  @Test
  void next_forgedOrTampered_is400() throws Exception {
    String next = nextFor("carol", Map.of());
    char[] c = next.toCharArray();
    c[3] = c[3] == 'A' ? 'B' : 'A';

    assertThat(as("carol").get(objects(), Map.of("next", new String(c))).status()).isEqualTo(400);
    assertThat(as("carol").get(objects(), Map.of("next", "%%%")).status()).isEqualTo(400);
    assertThat(as("carol").get(objects(), Map.of("next", next + "AA")).status()).isEqualTo(400);
  }

  @Test
  void next_afterItExpires_is400() throws Exception {
    String next = nextFor("carol", Map.of());
    clock.advanceMicros(25L * 3600 * 1_000_000);

    TaxiiClient.Reply r = as("carol").get(objects(), Map.of("next", next));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("description").asText()).contains("expired");
  }

  @Test
  void next_isRecheckedOnUse_soLostRightsEndTheWalk() throws Exception {
    String next = nextFor("carol", Map.of());
    seed("alice", TestObjects.indicator(100));

    JsonNode rest = as("carol").get(objects(), Map.of("next", next, "limit", "100")).json();

    assertThat(rest.path("objects")).hasSize(5);
    assertThat(rest.path("more").asBoolean()).isFalse();
  }
}
