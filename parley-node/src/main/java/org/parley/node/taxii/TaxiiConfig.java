package org.parley.node.taxii;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the TAXII server.
 *
 * @param maxContentLength TAXII 2.1 §4.2.1: the largest request body accepted, in bytes (else 413)
 * @param maxPageSize the most objects one response carries, whatever {@code limit} asks
 * @param cursorTtl how long a {@code next} cursor stays valid
 * @param publicUrl the base URL clients reach this node at, for discovery (an HTTPS one also makes the console's
 *     cookies Secure behind a TLS-terminating proxy); else discovery lists relative URLs
 */
public record TaxiiConfig(String title, long maxContentLength, int maxPageSize, Duration cursorTtl,
    Optional<String> publicUrl) {
  public static final String API_ROOT = "parley";

  public TaxiiConfig {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(cursorTtl, "cursorTtl");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (maxContentLength < 1024 || maxPageSize < 1) {
      throw new IllegalArgumentException("maxContentLength >= 1024 and maxPageSize >= 1 required");
    }
  }

  public static TaxiiConfig defaults() {
    return new TaxiiConfig("Parley node", 64L * 1024 * 1024, 1000, Duration.ofHours(24), Optional.empty());
  }
}
