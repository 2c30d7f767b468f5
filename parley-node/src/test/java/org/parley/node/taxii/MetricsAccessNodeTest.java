package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;

/** Behind a local proxy every request comes from loopback: /metrics then answers the token holder only. */
class MetricsAccessNodeTest {
  private static final String TOKEN = "prometheus-scrape-token-42";
  @TempDir Path tmp;

  @Test
  void metrics_behindAProxy_needTheTokenAndSayHowOtherwise() throws Exception {
    NodeConfig config = NodeConfig.local(tmp).withHost("127.0.0.1", true).withMetricsToken(Optional.of(TOKEN));
    try (Node node = Node.start(config)) {
      TaxiiClient anonymous = new TaxiiClient(node.url(), null, null);

      TaxiiClient.Reply refused = anonymous.get("/metrics");
      TaxiiClient.Reply scraped = anonymous.withAuthorization("Bearer " + TOKEN).get("/metrics");
      TaxiiClient.Reply health = anonymous.get("/health");

      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(refused.text()).doesNotContain("parley_");
      assertThat(scraped.status()).isEqualTo(200);
      assertThat(scraped.text()).contains("parley_objects_stored_total");
      assertThat(health.status()).isEqualTo(200); // liveness stays open: it says nothing about the group
    }
  }

  @Test
  void config_shortMetricsTokenOrItsPrinting_areRefused() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> NodeConfig.local(tmp).withMetricsToken(Optional.of("short")));
    assertThat(NodeConfig.local(tmp).withMetricsToken(Optional.of(TOKEN)).toString()).doesNotContain(TOKEN);
  }
}
