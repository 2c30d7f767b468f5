package org.parley.node.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path tmp;

  @Override
  String url() throws Exception {
    return TestDatabases.sqlite(tmp);
  }

  @Override
  void dispose() {}
}
