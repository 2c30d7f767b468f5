package org.parley.node.store;

/** The same contract against a real PostgreSQL server, each test in its own randomly named database. */
class PostgresStoreTest extends StoreContract {
  private String url;

  @Override
  String url() throws Exception {
    if (url == null) {
      url = TestDatabases.createPostgres();
    }
    return url;
  }

  @Override
  void dispose() throws Exception {
    TestDatabases.dropPostgres(url);
  }
}
