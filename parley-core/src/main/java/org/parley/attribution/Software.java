package org.parley.attribution;

import java.util.List;
import java.util.Objects;

/** A malware family or tool; {@code tool} is true for STIX {@code tool} objects (usually public). */
public record Software(String id, String externalId, String name, List<String> aliases, boolean tool) {
  public Software {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases);
  }
}
