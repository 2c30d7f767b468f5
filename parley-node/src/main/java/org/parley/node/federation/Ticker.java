package org.parley.node.federation;

/**
 * A monotonic time source in nanoseconds, for pauses and schedules (what {@link System#nanoTime()} gives): injected
 * so that tests can move time instead of waiting for it. Wall time is the {@link java.time.Clock}'s.
 */
@FunctionalInterface
interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  long nanos();
}
