package org.parley.node.federation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.parley.node.taxii.TaxiiConfig;

/**
 * How this node federates.
 *
 * @param self this node's own party name, stored when none is yet; empty (a real node) leaves it to {@code parley
 *     peer self}: until it is set, this node witnesses and is witnessed but pulls nothing, since the collections
 *     that receive peers' objects are made for that party
 * @param policy the cosignatures a peer checkpoint must carry before objects are verified against it
 * @param interval pause between two rounds of cosignature collection and pulling
 * @param timeout the deadline of each HTTP exchange with a peer, from connecting to the last byte of its answer
 * @param pageSize objects asked for per TAXII page
 * @param maxObjectBytes the largest object this node accepts (its TAXII {@code max_content_length}): the most a
 *     peer's TAXII page may hold; a larger page is asked again with fewer objects
 */
public record FederationConfig(Optional<String> self, CosignaturePolicy policy, Duration interval, Duration timeout,
    int pageSize, long maxObjectBytes) {
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
    if (maxObjectBytes < 1024) {
      throw new IllegalArgumentException("maxObjectBytes: expected at least 1024, got " + maxObjectBytes);
    }
  }

  /**
   * Pull rounds every 100 ms (a round is one small GET per peer unless its log grew), 10 s per exchange, pages of
   * 500, objects up to the default TAXII max_content_length, the default policy, and the own party name as {@code
   * parley peer self} stores it.
   */
  public static FederationConfig defaults() {
    return new FederationConfig(Optional.empty(), CosignaturePolicy.defaults(), Duration.ofMillis(100),
        Duration.ofSeconds(10), 500, TaxiiConfig.defaults().maxContentLength());
  }

  /** {@link #defaults()}, acting as {@code self} when no own party name is stored yet (tests, tools). */
  public static FederationConfig defaults(String self) {
    return defaults().withSelf(self);
  }

  public FederationConfig withSelf(String name) {
    return new FederationConfig(Optional.of(name), policy, interval, timeout, pageSize, maxObjectBytes);
  }

  public FederationConfig withPolicy(CosignaturePolicy p) {
    return new FederationConfig(self, p, interval, timeout, pageSize, maxObjectBytes);
  }

  public FederationConfig withInterval(Duration d) {
    return new FederationConfig(self, policy, d, timeout, pageSize, maxObjectBytes);
  }

  public FederationConfig withTimeout(Duration d) {
    return new FederationConfig(self, policy, interval, d, pageSize, maxObjectBytes);
  }

  /** Objects up to {@code bytes}: the node's own TAXII max_content_length, so that it takes from peers what it
   * would take from its own users. */
  public FederationConfig withMaxObjectBytes(long bytes) {
    return new FederationConfig(self, policy, interval, timeout, pageSize, bytes);
  }
}
