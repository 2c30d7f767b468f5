package org.parley.node.federation;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a peer's checkpoint is next compared with what the witnesses cosigned ({@link SplitViews}): at once when it is
 * newly refused, then at most once a minute while it stays refused, and at most once every ten minutes while it is
 * accepted.
 */
final class ComparisonSchedule {
  /** How often a peer whose checkpoint stays refused is compared again with the witnesses' (the first time at once). */
  static final long REFUSED_EVERY_NANOS = 60_000_000_000L;
  /**
   * How often a peer whose checkpoint is accepted is compared: the policy's quorum may be smaller than half the group
   * (one extra witness of five parties), and then two halves can each be shown a tree of their own and each be
   * satisfied — only a comparison across them finds it.
   */
  static final long ACCEPTED_EVERY_NANOS = 600_000_000_000L;

  private final Ticker ticker;
  private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();
  private final Set<String> refusedNow = ConcurrentHashMap.newKeySet();

  ComparisonSchedule(Ticker ticker) {
    this.ticker = ticker;
  }

  /** The peer's checkpoint is refused: true when it is to be compared now (and that comparison is recorded). */
  boolean refused(String peer) {
    boolean newly = refusedNow.add(peer);
    return due(peer, newly ? 0 : REFUSED_EVERY_NANOS);
  }

  /** The peer's checkpoint is accepted: true when it is to be compared now (and that comparison is recorded). */
  boolean accepted(String peer) {
    refusedNow.remove(peer);
    return due(peer, ACCEPTED_EVERY_NANOS);
  }

  private boolean due(String peer, long every) {
    long now = ticker.nanos();
    Long last = checkedAt.get(peer);
    if (last != null && now - last < every) {
      return false;
    }
    checkedAt.put(peer, now);
    return true;
  }
}
