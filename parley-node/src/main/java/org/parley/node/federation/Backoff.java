package org.parley.node.federation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to call a peer again after a failed call. A plain failure (unreachable, refused) pauses the peer for
 * {@code first}; a peer that broke a limit (an answer over its cap, an exchange past its deadline) is paused
 * {@code first}, then twice as long at each further breach, up to {@code max} — so a peer that stalls costs the
 * node one deadline per pause rather than one per round. A success clears the pause.
 */
final class Backoff {
  private record State(int breaches, long notBeforeNanos) {}

  private final Duration first;
  private final Duration max;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Ticker ticker;

  Backoff(Duration first, Duration max) {
    this(first, max, Ticker.SYSTEM);
  }

  Backoff(Duration first, Duration max, Ticker ticker) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
    }
    this.first = first;
    this.max = max;
    this.ticker = ticker;
  }

  /** True when {@code peer} may be called now. */
  boolean due(String peer) {
    State s = states.get(peer);
    return s == null || ticker.nanos() - s.notBeforeNanos() >= 0;
  }

  /** True when the last call to {@code peer} failed. */
  boolean failing(String peer) {
    return states.containsKey(peer);
  }

  /** Records a failed call; returns how long {@code peer} is now paused. */
  Duration failed(String peer, boolean brokeLimit) {
    State before = states.get(peer);
    int breaches = brokeLimit ? (before == null ? 0 : before.breaches()) + 1 : 0;
    Duration pause = first;
    for (int i = 1; i < breaches && pause.compareTo(max) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    pause = pause.compareTo(max) > 0 ? max : pause;
    states.put(peer, new State(breaches, ticker.nanos() + pause.toNanos()));
    return pause;
  }

  /** Records a successful call; true when {@code peer} had been failing. */
  boolean succeeded(String peer) {
    return states.remove(peer) != null;
  }
}
