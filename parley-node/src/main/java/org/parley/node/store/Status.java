package org.parley.node.store;

import java.util.List;
import java.util.Objects;

/**
 * A TAXII 2.1 §4.3.1 status resource: the outcome of one POST, complete when returned (the node validates and
 * stores synchronously), visible only to {@code party}.
 */
public record Status(String id, String collectionId, String party, long requestTimestamp, List<Outcome> outcomes) {
  public Status {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(party, "party");
    outcomes = List.copyOf(outcomes);
  }

  public long successCount() {
    return outcomes.stream().filter(Outcome::success).count();
  }

  public long failureCount() {
    return outcomes.size() - successCount();
  }
}
