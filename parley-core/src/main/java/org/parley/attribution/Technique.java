package org.parley.attribution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ATT&CK technique or sub-technique; {@code parentId} is the STIX id of the parent technique; {@code tactics} the
 * phase names of its ATT&CK kill chain phases ({@code initial-access}, {@code reconnaissance}...).
 */
public record Technique(String id, String externalId, String name, Optional<String> parentId, List<String> tactics) {
  public Technique {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parentId, "parentId");
    tactics = List.copyOf(tactics);
  }
}
