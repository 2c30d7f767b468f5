package org.parley.node.federation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How this node federates.
 *
 * @param self this node's own party name, stored when none is yet; empty (a real node) leaves it to {@code parley
 *     peer self}: until it is set, this node witnesses and is witnessed but pulls nothing, since the collections
 *     that receive peers' objects are made for that party
 * @param policy the cosignatures a peer checkpoint must carry before objects are verified against it
 * @param interval pause between two rounds of cosignature collection and pulling
 * @param timeout for each HTTP call to a peer
 * @param pageSize objects asked for per TAXII page
 */
public record FederationConfig(Optional<String> self, CosignaturePolicy policy, Duration interval, Duration timeout,
    int pageSize) {
  public FederationConfig {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    if (self.filter(String::isBlank).isPresent()) {
      throw new IllegalArgumentException("self: expected this node's party name");
    }
    if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("interval and timeout must be positive");
    }
    if (pageSize < 1 || pageSize > 10_000) {
      throw new IllegalArgumentException("pageSize: expected 1..10000, got " + pageSize);
    }
  }

  /**
   * Pull rounds every 100 ms (a round is one small GET per peer unless its log grew), 10 s per call, pages of
   * 500, the default policy, and the own party name as {@code parley peer self} stores it.
   */
  public static FederationConfig defaults() {
    return new FederationConfig(Optional.empty(), CosignaturePolicy.defaults(), Duration.ofMillis(100),
        Duration.ofSeconds(10), 500);
  }

  /** {@link #defaults()}, acting as {@code self} when no own party name is stored yet (tests, tools). */
  public static FederationConfig defaults(String self) {
    return defaults().withSelf(self);
  }

  public FederationConfig withSelf(String name) {
    return new FederationConfig(Optional.of(name), policy, interval, timeout, pageSize);
  }

  public FederationConfig withPolicy(CosignaturePolicy p) {
    return new FederationConfig(self, p, interval, timeout, pageSize);
  }

  public FederationConfig withInterval(Duration d) {
    return new FederationConfig(self, policy, d, timeout, pageSize);
  }
}
