package org.parley.node.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {
  private static final String TOKEN = "s3cret-metrics-token-0123";

  @Test
  void allows_loopbackClientWithoutToken_butNoOtherClient() {
    MetricsAccess access = new MetricsAccess(Optional.empty(), false);

    assertThat(access.allows("127.0.0.1", null)).isTrue();
    assertThat(access.allows("0:0:0:0:0:0:0:1", null)).isTrue();
    assertThat(access.allows("192.0.2.7", null)).isFalse();
    assertThat(access.allows("192.0.2.7", "Bearer anything-at-all-here")).isFalse();
  }

  @Test
  void allows_anyClientWithTheToken_andNoneWithAnotherOne() {
    MetricsAccess access = new MetricsAccess(Optional.of(TOKEN), false);

    assertThat(access.allows("192.0.2.7", "Bearer " + TOKEN)).isTrue();
    assertThat(access.allows("192.0.2.7", "Bearer " + TOKEN + "x")).isFalse();
    assertThat(access.allows("192.0.2.7", "Basic " + TOKEN)).isFalse();
  }

  @Test
  void allows_behindALocalProxy_trustsOnlyTheToken() {
    MetricsAccess access = new MetricsAccess(Optional.of(TOKEN), true);

    assertThat(access.allows("127.0.0.1", null)).isFalse();
    assertThat(access.allows("127.0.0.1", "Bearer " + TOKEN)).isTrue();
  }

  @Test
  void allows_aNameInsteadOfAnAddress_isNeverLookedUpNorTrusted() {
    MetricsAccess access = new MetricsAccess(Optional.empty(), false);

    assertThat(access.allows("localhost", null)).isFalse();
    assertThat(access.allows("", null)).isFalse();
    assertThat(access.allows(null, null)).isFalse();
  }
}
