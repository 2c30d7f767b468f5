package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a peer's checkpoint is compared with the witnesses': time moved by a fake ticker, never waited for. */
class ComparisonScheduleTest {
  private long now = 1_000;
  private final ComparisonSchedule schedule = new ComparisonSchedule(() -> now);

  private void advance(long amount, TimeUnit unit) {
    now += unit.toNanos(amount);
  }

  @Test
  void aRefusedCheckpoint_isComparedAtOnce_thenAtMostOnceAMinuteWhileItStaysRefused() {
    assertThat(schedule.refused("bravo")).isTrue();
    advance(59, TimeUnit.SECONDS);
    assertThat(schedule.refused("bravo")).isFalse();
    advance(1, TimeUnit.SECONDS);
    assertThat(schedule.refused("bravo")).isTrue();
    assertThat(schedule.refused("bravo")).isFalse();
  }

  @Test
  void anAcceptedCheckpoint_isComparedEveryTenMinutes() {
    assertThat(schedule.accepted("bravo")).isTrue();
    advance(9, TimeUnit.MINUTES);
    assertThat(schedule.accepted("bravo")).isFalse();
    advance(1, TimeUnit.MINUTES);
    assertThat(schedule.accepted("bravo")).isTrue();
  }

  @Test
  void aCheckpointRefusedAfterItWasAccepted_isComparedAtOnce_thoughTheLastComparisonIsRecent() {
    assertThat(schedule.accepted("bravo")).isTrue();
    advance(1, TimeUnit.SECONDS);

    assertThat(schedule.refused("bravo")).isTrue();
    assertThat(schedule.refused("bravo")).isFalse();
  }

  @Test
  void peersAreScheduledApart() {
    assertThat(schedule.refused("bravo")).isTrue();
    assertThat(schedule.refused("charlie")).isTrue();
    assertThat(schedule.accepted("delta")).isTrue();
    assertThat(schedule.refused("bravo")).isFalse();
  }

  @Test
  void aTickerThatWrapsAround_stillMeasuresTheIntervalBetweenTwoReadings() {
    now = Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(30); // System.nanoTime may start anywhere, and overflow
    assertThat(schedule.refused("bravo")).isTrue();
    advance(59, TimeUnit.SECONDS);
    assertThat(schedule.refused("bravo")).isFalse();
    advance(1, TimeUnit.SECONDS);
    assertThat(schedule.refused("bravo")).isTrue();
  }
}
