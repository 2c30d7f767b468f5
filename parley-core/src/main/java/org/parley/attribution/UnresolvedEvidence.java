package org.parley.attribution;

import java.util.Objects;

/**
 * Evidence the knowledge base could not resolve, and why; listed in every assessment, never fatal. {@code label} is
 * the object's name, else its id.
 */
public record UnresolvedEvidence(String objectId, String type, String label, String reason) {
  public UnresolvedEvidence {
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(reason, "reason");
    if (label.isBlank()) { // an unnamed object (a Snort indicator) is shown by its id, not as a blank
      label = objectId;
    }
  }
}
