package org.parley.node.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.Page;
import org.parley.node.store.StoreException;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;

/**
 * Newest-first pages over the store's oldest-first, visibility-filtered reads, so that the console never reads
 * rows a viewer may not see and never needs a query of its own.
 *
 * <p>To find the {@code size} newest rows added strictly before {@code before}, it searches for a lower bound
 * {@code L} such that between {@code size} and {@code 2·size−1} rows lie in {@code (L, before)}, then keeps the
 * newest {@code size} of them. The number of rows after {@code L} drops by at most one per microsecond of
 * {@code L} (date_added is strictly increasing within a collection), so such an {@code L} exists whenever there
 * are enough rows, and bisection finds it in at most ~64 reads of at most {@code 2·size} rows each; probes
 * first gallop back from now (1 s, 4 s, 16 s…) to bracket the bound quickly.
 */
final class NewestFirst {
  /**
   * One page, newest first.
   *
   * @param older the {@code before} cursor of the next older page; empty on the oldest page
   * @param newer the {@code before} cursor of the next newer page, {@link Long#MAX_VALUE} for the newest page;
   *     empty on the newest page
   */
  record Result(List<StoredVersion> rows, OptionalLong older, OptionalLong newer) {
    Result {
      rows = List.copyOf(rows);
      Objects.requireNonNull(older, "older");
      Objects.requireNonNull(newer, "newer");
    }
  }

  private final ObjectStore store;
  private final String collection;
  private final Viewer viewer;
  private final List<String> types;
  private final VersionFilter versions;

  NewestFirst(ObjectStore store, String collection, Viewer viewer, List<String> types, VersionFilter versions) {
    this.store = store;
    this.collection = collection;
    this.viewer = viewer;
    this.types = List.copyOf(types);
    this.versions = versions;
  }

  /**
   * The {@code size} newest rows added strictly before {@code before} ({@link Long#MAX_VALUE}: the newest).
   * {@code nowMicros} only says where to start looking (rows are usually added shortly before now); any value
   * gives the same page.
   */
  Result page(long before, int size, long nowMicros) throws StoreException {
    if (size < 1) {
      throw new IllegalArgumentException("page size must be positive, got " + size);
    }
    List<StoredVersion> window = window(before, size, nowMicros);
    List<StoredVersion> rows = new ArrayList<>(window.subList(Math.max(0, window.size() - size), window.size()));
    Collections.reverse(rows);
    if (rows.isEmpty()) {
      return new Result(rows, OptionalLong.empty(), OptionalLong.empty());
    }
    long oldest = rows.get(rows.size() - 1).dateAdded();
    List<StoredVersion> first = read(OptionalLong.empty(), 1).rows();
    OptionalLong older = !first.isEmpty() && first.get(0).dateAdded() < oldest
        ? OptionalLong.of(oldest) : OptionalLong.empty();
    return new Result(rows, older, newer(rows.get(0).dateAdded(), size));
  }

  // The rows in (L, before) for a bound L holding between size and 2·size−1 of them (fewer only if all are).
  private List<StoredVersion> window(long before, int size, long nowMicros) throws StoreException {
    List<StoredVersion> all = below(read(OptionalLong.empty(), 2 * size), before);
    if (all.size() < 2 * size) {
      return all;
    }
    long lo = Long.MIN_VALUE; // invariant: at least 2·size rows in (lo, before)
    long hi = before - 1;     // invariant: fewer than size rows in (hi, before)
    long anchor = Math.min(hi, nowMicros);
    long step = 1_000_000; // 1 s, then ×4 until bracketed
    while (true) {
      long probe = step > 0 && anchor - step > lo && anchor - step < hi
          ? anchor - step : (lo & hi) + ((lo ^ hi) >> 1); // floor((lo + hi) / 2) without overflow
      if (probe <= lo || probe >= hi) {
        throw new IllegalStateException("date_added is not strictly increasing in collection " + collection);
      }
      step = step <= Long.MAX_VALUE / 4 ? step * 4 : -1;
      List<StoredVersion> rows = below(read(OptionalLong.of(probe), 2 * size), before);
      if (rows.size() >= 2 * size) {
        lo = probe;
        step = -1; // bracketed: bisect from now on
      } else if (rows.size() < size) {
        hi = probe;
      } else {
        return rows;
      }
    }
  }

  private OptionalLong newer(long newestOnPage, int size) throws StoreException {
    // The newer page holds the `size` rows after this one; it ends just before the row after those, which is
    // exactly the cursor the older link of that row's page gave, so cursors stay canonical both ways.
    List<StoredVersion> after = read(OptionalLong.of(newestOnPage), size + 1).rows();
    if (after.isEmpty()) {
      return OptionalLong.empty();
    }
    return after.size() > size ? OptionalLong.of(after.get(size).dateAdded()) : OptionalLong.of(Long.MAX_VALUE);
  }

  private Page read(OptionalLong addedAfter, int limit) throws StoreException {
    return store.query(new ObjectQuery(collection, viewer, addedAfter, List.of(), types, List.of(), versions,
        OptionalLong.empty(), limit));
  }

  private static List<StoredVersion> below(Page page, long before) {
    return page.rows().stream().filter(r -> r.dateAdded() < before).toList();
  }
}
