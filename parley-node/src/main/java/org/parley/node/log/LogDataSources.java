package org.parley.node.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools for the log's own connections (the sequencer's and the readers'). */
final class LogDataSources {
  private LogDataSources() {}

  /** A small pool on {@code jdbcUrl}; SQLite gets the same durability settings as the node's store. */
  static HikariDataSource open(String jdbcUrl, int maxConnections) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName("parley-log");
    cfg.setMaximumPoolSize(maxConnections);
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      // A checkpoint is only published after the commit that fixed its root is durable (synchronous=FULL).
      cfg.addDataSourceProperty("journal_mode", "WAL");
      cfg.addDataSourceProperty("synchronous", "FULL");
      cfg.addDataSourceProperty("busy_timeout", "30000");
      cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }
    return new HikariDataSource(cfg);
  }
}
