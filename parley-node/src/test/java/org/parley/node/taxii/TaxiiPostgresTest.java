package org.parley.node.taxii;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.parley.node.NodeConfig;
import org.parley.node.store.TestDatabases;

/** The whole write and read path over HTTP again, with the node on a real PostgreSQL database. */
class TaxiiPostgresTest extends TaxiiWriteTest {
  private String url;

  @Override
  NodeConfig config() {
    try {
      url = TestDatabases.createPostgres();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is required (.ci/run starts it)", e);
    }
    return super.config().withDatabase(Optional.of(url));
  }

  @AfterEach
  @Override
  void stopNode() {
    super.stopNode();
    try {
      TestDatabases.dropPostgres(url);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
