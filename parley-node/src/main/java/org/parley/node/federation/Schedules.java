package org.parley.node.federation;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Federation's background rounds, which outlive their own failures. */
final class Schedules {
  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

  private Schedules() {}

  /** One run of background work; it may throw anything. */
  interface Round {
    void run() throws Exception;
  }

  /**
   * Runs {@code round} now and then {@code delay} after each run ends, until {@code executor} shuts down. Whatever
   * a run throws — a {@link FederationException}, a bug's RuntimeException, an Error such as OutOfMemoryError — is
   * logged as {@code event=<name>_failed} and the next run still happens: a ScheduledExecutorService silently
   * stops a periodic task whose run throws (its Javadoc: "subsequent executions are suppressed").
   */
  static ScheduledFuture<?> everyPeriod(ScheduledExecutorService executor, String name, Duration delay,
      Round round) {
    return executor.scheduleWithFixedDelay(() -> runOnce(name, delay, round), 0, delay.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** One run of {@code round}, whose failure is logged and never thrown. */
  static void runOnce(String name, Duration delay, Round round) {
    try {
      round.run();
    } catch (FederationException | RuntimeException e) {
      LOG.warn("event={}_failed cause={}", name, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: the executor runs no more rounds
    } catch (VirtualMachineError e) {
      LOG.error("event={}_failed error={} cause={} — the node ran short of {} during this round (what peers send is"
          + " capped: docs/design/federation.md, Limits); the round runs again in {} ms. If this repeats, give the"
          + " node more memory (java -Xmx) and look for what filled it.", name, e.getClass().getSimpleName(),
          e.getMessage(), e instanceof OutOfMemoryError ? "memory" : "resources", delay.toMillis());
    } catch (Throwable e) {
      LOG.error("event={}_failed error={} cause={} — the round runs again in {} ms", name,
          e.getClass().getName(), e.getMessage(), delay.toMillis(), e);
    }
  }
}
