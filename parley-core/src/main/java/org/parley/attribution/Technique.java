package org.parley.attribution;

import java.util.Objects;
import java.util.Optional;

/** An ATT&CK technique or sub-technique; {@code parentId} is the STIX id of the parent technique. */
public record Technique(String id, String externalId, String name, Optional<String> parentId) {
  public Technique {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parentId, "parentId");
  }
}
