package org.parley.node.store;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A read of one collection, TAXII 2.1 §3.4 filters: every list is an OR of its values (empty means any), lists
 * AND-ed together; rows come in {@code date_added} order, strictly after {@code after} when resuming a page.
 */
public record ObjectQuery(String collectionId, Viewer viewer, OptionalLong addedAfter, List<String> ids,
    List<String> types, List<String> specVersions, VersionFilter versions, OptionalLong after, int limit) {
  public static final int MAX_VALUES = 100;

  public ObjectQuery {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(addedAfter, "addedAfter");
    ids = List.copyOf(ids);
    types = List.copyOf(types);
    specVersions = List.copyOf(specVersions);
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    if (ids.size() + types.size() + specVersions.size() + versions.exact().size() > MAX_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_VALUES + " filter values");
    }
  }
}
