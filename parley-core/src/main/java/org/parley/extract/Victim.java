package org.parley.extract;

import java.util.List;
import java.util.Objects;

/**
 * A victim a report says was targeted: {@code key} is {@code country:<ISO 3166-1 alpha-2>}, {@code region:<STIX 2.1
 * region-ov>} or {@code sector:<STIX 2.1 industry-sector-ov>}, with the places the text says it ({@link Victimology}).
 */
public record Victim(String key, List<Span> spans) {
  public Victim {
    Objects.requireNonNull(key, "key");
    if (!key.matches("(country|region|sector):[a-z0-9-]+")) {
      throw new IllegalArgumentException("victim key must be country:, region: or sector: a STIX value, got " + key);
    }
    spans = List.copyOf(spans);
  }

  /** What kind of victim: {@code country}, {@code region} or {@code sector}. */
  public String kind() {
    return key.substring(0, key.indexOf(':'));
  }

  /** The ISO code, region or sector value. */
  public String value() {
    return key.substring(key.indexOf(':') + 1);
  }
}
