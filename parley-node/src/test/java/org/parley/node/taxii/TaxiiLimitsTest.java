package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.node.NodeConfig;

class TaxiiLimitsTest extends NodeFixture {
  @Override
  NodeConfig config() {
    return super.config().withTaxii(new TaxiiConfig("small", 2048, 3, Duration.ofHours(1), Optional.empty()));
  }

  @Test
  void post_overMaxContentLength_is413_andStoresNothing() {
    String big = "{\"objects\":[" + TaxiiWriteTest.indicator(1) + "],\"x\":\"" + "a".repeat(3000) + "\"}";

    TaxiiClient.Reply r = as("bob").post(objects(), "application/taxii+json;version=2.1",
        big.getBytes(StandardCharsets.UTF_8));

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().path("http_status").asText()).isEqualTo("413");
    assertThat(as("alice").get(objects()).json().has("objects")).isFalse();
  }

  @Test
  void limit_aboveServerPageSize_isCapped_andPagingStillCoversAll() {
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      as("bob").post(objects(), TaxiiWriteTest.envelope(TaxiiWriteTest.indicator(i)));
    }

    var pages = as("carol").asPages(objects(), 100, java.util.Map.of());

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).path("objects")).hasSize(3);
    assertThat(objects).isEmpty();
  }
}
