package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Federation's background rounds survive whatever one run throws, an OutOfMemoryError included. */
class FederationSchedulesTest {
  @Test
  void aRoundWhoseRunThrows_runsAgainNextPeriod() throws Exception {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch ranAfterEveryFailure = new CountDownLatch(1);

      Schedules.everyPeriod(executor, "test_round", Duration.ofMillis(10), () -> {
        switch (runs.incrementAndGet()) {
          case 1 -> throw new OutOfMemoryError("Java heap space (injected: a 1 GiB answer)");
          case 2 -> throw new IllegalStateException("injected: a bug");
          case 3 -> throw new FederationException("injected: peer X unreachable");
          case 4 -> throw new AssertionError("injected: neither an Exception nor a VirtualMachineError");
          default -> ranAfterEveryFailure.countDown();
        }
      });

      assertThat(ranAfterEveryFailure.await(30, TimeUnit.SECONDS)).as("a fifth run, after four that threw")
          .isTrue();
    } finally {
      executor.shutdownNow();
    }
  }
}
