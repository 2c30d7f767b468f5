package org.parley.node.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.parley.node.store.ConnectionPools;

/** Connection pools for the log's own connections (the sequencer's and the readers'). */
final class LogDataSources {
  private LogDataSources() {}

  /**
   * A small pool on {@code jdbcUrl}; SQLite gets the node's settings ({@link ConnectionPools}): a checkpoint is only
   * published after the commit that fixed its root is durable (synchronous=FULL).
   */
  static HikariDataSource open(String jdbcUrl, int maxConnections) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName("parley-log");
    cfg.setMaximumPoolSize(maxConnections);
    return ConnectionPools.open(cfg);
  }
}
