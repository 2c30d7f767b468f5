package org.parley.node.federation;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node federates.
 *
 * @param self this node's own party name, used when none is stored yet (the first one used is kept)
 * @param policy the cosignatures a peer checkpoint must carry before objects are verified against it
 * @param interval pause between two rounds of cosignature collection and pulling
 * @param timeout for each HTTP call to a peer
 * @param pageSize objects asked for per TAXII page
 */
public record FederationConfig(String self, CosignaturePolicy policy, Duration interval, Duration timeout,
    int pageSize) {
  public FederationConfig {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    if (self.isBlank()) {
      throw new IllegalArgumentException("self: expected this node's party name");
    }
    if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("interval and timeout must be positive");
    }
    if (pageSize < 1 || pageSize > 10_000) {
      throw new IllegalArgumentException("pageSize: expected 1..10000, got " + pageSize);
    }
  }

  /** Pull rounds every 100 ms (a round is one small GET per peer unless its log grew), 10 s per call, pages of
   * 500, the default policy. */
  public static FederationConfig defaults(String self) {
    return new FederationConfig(self, CosignaturePolicy.defaults(), Duration.ofMillis(100), Duration.ofSeconds(10),
        500);
  }

  public FederationConfig withPolicy(CosignaturePolicy p) {
    return new FederationConfig(self, p, interval, timeout, pageSize);
  }

  public FederationConfig withInterval(Duration d) {
    return new FederationConfig(self, policy, d, timeout, pageSize);
  }
}
