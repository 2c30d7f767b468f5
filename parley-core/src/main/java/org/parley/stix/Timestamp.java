package org.parley.stix;

import java.time.Instant;
import java.util.Objects;

/**
 * A STIX timestamp (STIX 2.1 §3.2): the instant it names and its exact text, kept so that the
 * sub-second precision the producer chose survives a round trip.
 */
public record Timestamp(Instant instant, String text) implements Comparable<Timestamp> {
  public Timestamp {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public int compareTo(Timestamp other) {
    return instant.compareTo(other.instant);
  }
}
