package org.parley.node.store;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Positive answers of the directory (token hash → party, collection id → sharing rules) kept for a short time so
 * that a GET or POST does not pay three queries before its real work.
 *
 * <p>Invalidation: every directory write made through this node clears the cache inside the write lock, so the
 * node sees its own changes at once. Additions made by another process on the same database (the admin CLI on the
 * same {@code --data}: tokens, parties, collections) are seen at once too, as misses are never cached; a token
 * revoked there ({@code parley token revoke}), a collection's members changed there ({@code parley collection member
 * set/remove}: its cached sharing rules are a hit), or anything changed behind the node's back by other means, is
 * seen within {@link #TTL_MILLIS} ({@link Directory#CHANGE_DELAY_SECONDS}).
 */
final class DirectoryCache {
  static final long TTL_MILLIS = Directory.CHANGE_DELAY_SECONDS * 1000L;
  private static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(V value, long expires) { }

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry<String>> parties = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry<CollectionInfo>> collections = new ConcurrentHashMap<>();

  DirectoryCache(Clock clock) {
    this.clock = clock;
  }

  Optional<String> party(String tokenHash) {
    return fresh(parties, tokenHash);
  }

  Optional<CollectionInfo> collection(String id) {
    return fresh(collections, id);
  }

  /** Caches a token's party, never past the token's end ({@code expires}, empty: it does not expire). */
  void putParty(String tokenHash, String party, java.util.Optional<java.time.Instant> expires) {
    put(parties, tokenHash, party, expires.map(java.time.Instant::toEpochMilli).orElse(Long.MAX_VALUE));
  }

  void putCollection(String id, CollectionInfo info) {
    put(collections, id, info, Long.MAX_VALUE);
  }

  void clear() {
    parties.clear();
    collections.clear();
  }

  private <V> Optional<V> fresh(ConcurrentHashMap<String, Entry<V>> map, String key) {
    Entry<V> e = map.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (e.expires() <= clock.millis()) {
      map.remove(key, e);
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  private <V> void put(ConcurrentHashMap<String, Entry<V>> map, String key, V value, long endMillis) {
    if (map.size() >= MAX_ENTRIES) {
      map.clear(); // bounded: hostile callers cycling ids cannot grow it (only hits are stored anyway)
    }
    map.put(key, new Entry<>(value, Math.min(clock.millis() + TTL_MILLIS, endMillis)));
  }
}
