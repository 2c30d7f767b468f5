package org.parley.node.store;

import java.util.Objects;
import java.util.Optional;
import org.parley.marking.SharingAgreement;

/** A collection and its sharing rules. */
public record CollectionInfo(String id, String title, Optional<String> description, SharingAgreement agreement) {
  public CollectionInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(agreement, "agreement");
  }
}
