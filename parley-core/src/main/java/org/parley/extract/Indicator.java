package org.parley.extract;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One distinct indicator of a report: its normalised (refanged) value and every place it occurs.
 *
 * @param value normalised value: refanged, hashes lower-case, CVE upper-case, registry hives spelled out
 */
public record Indicator(IndicatorType type, String value, List<Span> spans, Set<IndicatorFlag> flags) {
  public Indicator {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("indicator value must not be empty");
    }
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("indicator must have at least one span");
    }
    spans = List.copyOf(spans);
    flags = Set.copyOf(flags);
  }
}
