package org.parley.stix;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed, validated STIX 2.1 object. {@code json} holds the object's exact bytes as received (custom
 * properties and all), so that what is served is byte for byte what was accepted.
 *
 * <p>{@code version()} is the object's version as TAXII 2.1 §3.4.1 defines it: {@code modified}, else
 * {@code created}; objects with neither (most SCOs, marking-definitions without modified) have none and
 * the server uses {@code date_added}.
 */
public record StixObject(
    String id,
    String type,
    String specVersion,
    Optional<Timestamp> created,
    Optional<Timestamp> modified,
    List<String> objectMarkingRefs,
    Bytes json) {

  public StixObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(modified, "modified");
    objectMarkingRefs = List.copyOf(objectMarkingRefs);
    Objects.requireNonNull(json, "json");
  }

  /** The TAXII version of this object: {@code modified}, else {@code created}. */
  public Optional<Timestamp> version() {
    return modified.or(() -> created);
  }
}
