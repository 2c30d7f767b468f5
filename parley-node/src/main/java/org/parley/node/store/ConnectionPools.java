package org.parley.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How every connection pool of a node (the store's, the log's, the federation's) is opened, so that all of them
 * treat one SQLite file alike: the same durability, the same patience with other writers, the same WAL limit, and
 * the same retry when several processes open a new file at once.
 */
public final class ConnectionPools {
  /**
   * Where SQLite cuts the WAL back to after a checkpoint reset it. Without a limit the WAL keeps the size of the
   * largest transaction since the file was opened (242 MB after one 61 MB envelope); 64 MiB keeps ordinary
   * envelopes from regrowing it every time.
   */
  static final long SQLITE_JOURNAL_SIZE_LIMIT = 64L * 1024 * 1024;

  /** How long opening a SQLite file may keep meeting another process's lock (as its busy_timeout). */
  private static final long SQLITE_OPEN_PATIENCE_NANOS = 30_000_000_000L;

  private ConnectionPools() {}

  /**
   * Opens the pool {@code cfg} describes (its URL, name and size set by the caller); a SQLite URL gets the node's
   * SQLite settings on every connection first.
   *
   * @throws RuntimeException (Hikari's) when the pool cannot be opened
   */
  public static HikariDataSource open(HikariConfig cfg) {
    boolean sqlite = cfg.getJdbcUrl().startsWith("jdbc:sqlite:");
    if (sqlite) {
      // Durable commits: a status reported as success, a signed checkpoint, a witness's cosigned state all
      // survive kill -9 and power loss (synchronous=FULL).
      cfg.addDataSourceProperty("journal_mode", "WAL");
      cfg.addDataSourceProperty("synchronous", "FULL");
      cfg.addDataSourceProperty("busy_timeout", "30000");
      // BEGIN IMMEDIATE: a transaction that reads then writes waits for the write lock instead of failing with
      // SQLITE_BUSY when another connection committed in between (and SchemaSteps relies on it on SQLite).
      cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      // SQLite, PRAGMA journal_size_limit (https://sqlite.org/pragma.html#pragma_journal_size_limit): each time a
      // transaction commits or the WAL resets, a WAL left larger than the limit is truncated to it. The default,
      // -1, is no limit: a WAL is reused from its start after a checkpoint, never shrunk (https://sqlite.org/wal.html),
      // so it stays at its high-water mark. The pragma is per connection, hence set on each.
      cfg.addDataSourceProperty("journal_size_limit", Long.toString(SQLITE_JOURNAL_SIZE_LIMIT));
    }
    return openRetryingBusy(cfg, sqlite);
  }

  /**
   * A new SQLite file switched to WAL by several processes at once: the switch needs the file alone, and SQLite
   * answers SQLITE_BUSY at once rather than wait (its busy handler is not called where waiting could deadlock), so
   * a pool that meets it retries, with jitter, for as long as the busy timeout would have waited.
   */
  private static HikariDataSource openRetryingBusy(HikariConfig cfg, boolean sqlite) {
    long deadline = System.nanoTime() + SQLITE_OPEN_PATIENCE_NANOS;
    for (int attempt = 1; ; attempt++) {
      try {
        return new HikariDataSource(cfg);
      } catch (RuntimeException e) {
        boolean busy = sqlite && String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
        if (!busy || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(500, 10L * attempt) + ThreadLocalRandom.current().nextLong(20));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
