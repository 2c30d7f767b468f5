package org.parley.node.store;

import java.util.List;

/** One page of rows in {@code date_added} order, and whether more rows match after the last one. */
public record Page(List<StoredVersion> rows, boolean more) {
  public Page {
    rows = List.copyOf(rows);
  }
}
