package org.parley.attribution;

import java.util.List;
import java.util.Objects;

/** An intrusion set: {@code externalId} is its ATT&CK id (e.g. G0016) or, for shared intel, its STIX id. */
public record Group(String id, String externalId, String name, List<String> aliases) {
  public Group {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases);
  }
}
