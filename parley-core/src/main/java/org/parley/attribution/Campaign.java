package org.parley.attribution;

import java.util.List;
import java.util.Objects;

/** A campaign with the intrusion sets (STIX ids) it is {@code attributed-to}. */
public record Campaign(String id, String externalId, String name, List<String> attributedTo) {
  public Campaign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    attributedTo = List.copyOf(attributedTo);
  }
}
