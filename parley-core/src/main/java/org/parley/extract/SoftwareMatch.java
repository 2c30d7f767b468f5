package org.parley.extract;

import java.util.List;
import java.util.Objects;

/**
 * An ATT&CK malware or tool a report names: its ATT&CK id, name as ATT&CK writes it, STIX type, and where the text
 * names it (by its name or an alias).
 */
public record SoftwareMatch(String externalId, String name, String type, List<Span> spans) {
  public SoftwareMatch {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    spans = List.copyOf(spans);
  }
}
