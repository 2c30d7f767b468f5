package org.parley.node.store;

import java.util.List;

/**
 * TAXII 2.1 §3.4.2 {@code match[version]}: any of {@code first}, {@code last}, {@code all} and explicit versions
 * (microseconds), OR-ed.
 */
public record VersionFilter(boolean first, boolean last, boolean all, List<Long> exact) {
  public static final VersionFilter LAST = new VersionFilter(false, true, false, List.of());
  public static final VersionFilter ALL = new VersionFilter(false, false, true, List.of());

  public VersionFilter {
    exact = List.copyOf(exact);
    if (!first && !last && !all && exact.isEmpty()) {
      throw new IllegalArgumentException("a version filter selects something");
    }
  }
}
