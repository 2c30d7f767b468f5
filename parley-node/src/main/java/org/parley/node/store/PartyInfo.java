package org.parley.node.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A party as the directory knows it. It holds no token and no token hash, only how many of its tokens are live.
 *
 * @param name the party's name, also its HTTP Basic user name
 * @param added when {@code parley party add} (or a first pull from it, for a peer) made it
 * @param liveTokens how many of its tokens are not revoked
 */
public record PartyInfo(String name, Instant added, int liveTokens) {
  public PartyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(added, "added");
    if (liveTokens < 0) {
      throw new IllegalArgumentException("a party holds no fewer than 0 live tokens, got " + liveTokens);
    }
  }
}
