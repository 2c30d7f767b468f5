package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a failing peer is left alone: time moved by a fake ticker, never waited for. */
class BackoffTest {
  private long now = -5_000; // nanoTime may be negative
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> now);

  private void advance(Duration d) {
    now += d.toNanos();
  }

  @Test
  void aPlainFailure_pausesThePeerForTheFirstPause_everyTime() {
    assertThat(backoff.failed("bravo", false)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.due("bravo")).isFalse();
    advance(Duration.ofMillis(999));
    assertThat(backoff.due("bravo")).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(backoff.due("bravo")).isTrue();

    assertThat(backoff.failed("bravo", false)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void brokenLimits_doubleThePause_upToTheMaximum() {
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(8));

    advance(Duration.ofSeconds(7));
    assertThat(backoff.due("bravo")).isFalse();
    advance(Duration.ofSeconds(1));
    assertThat(backoff.due("bravo")).isTrue();
  }

  @Test
  void aSuccess_clearsThePause_andTheCountOfBreaches() {
    backoff.failed("bravo", true);
    backoff.failed("bravo", true);

    assertThat(backoff.succeeded("bravo")).isTrue();
    assertThat(backoff.due("bravo")).isTrue();
    assertThat(backoff.failing("bravo")).isFalse();
    assertThat(backoff.succeeded("bravo")).isFalse();
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aPlainFailureAfterBreaches_startsTheCountAgain() {
    backoff.failed("bravo", true);
    backoff.failed("bravo", true);

    assertThat(backoff.failed("bravo", false)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.failed("bravo", true)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void peersArePausedApart_andPausesOutOfOrderAreRefused() {
    backoff.failed("bravo", false);
    assertThat(backoff.due("charlie")).isTrue();

    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 0 < first <= max");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
