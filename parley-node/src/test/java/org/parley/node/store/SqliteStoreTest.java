package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path tmp;

  @Override
  String url() throws Exception {
    return TestDatabases.sqlite(tmp);
  }

  @Override
  void dispose() {}

  @Test
  void open_aDatabaseWhereThisProcessCannotWrite_saysWhichPathAndWhatToCheck() throws Exception {
    Path nowhere = tmp.resolve("no-such-dir").resolve("parley.db"); // a directory nobody made: nothing may write it

    assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + nowhere, Clock.systemUTC(), UUID::randomUUID))
        .isInstanceOf(StoreException.class).hasMessageStartingWith("cannot open database: ")
        .hasMessageContaining(nowhere.getParent() + " is not writable by this process: a read-only mount");
    assertThat(Database.unwritable(TestDatabases.sqlite(tmp))).isEmpty();
  }
}
