package org.parley.attribution;

import java.util.Objects;

/**
 * A kept STIX relationship: {@code uses} (group/campaign/software → technique/software/infrastructure),
 * {@code attributed-to}, {@code indicates}, {@code targets}, {@code consists-of}, {@code subtechnique-of}.
 */
public record Relationship(String type, String sourceId, String targetId, String description) {
  public Relationship {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(description, "description");
  }
}
