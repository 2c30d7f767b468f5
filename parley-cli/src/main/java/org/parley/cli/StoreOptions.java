package org.parley.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.parley.node.store.Database;
import org.parley.node.store.StoreException;
import picocli.CommandLine.Option;

/** Where a node keeps its data: {@code --data DIR} (SQLite) or {@code --database jdbc:postgresql://…}. */
final class StoreOptions {
  @Option(names = "--data", paramLabel = "DIR", description = "data directory (SQLite database); default: ${DEFAULT-VALUE}",
      defaultValue = "parley-data")
  Path data;

  @Option(names = "--database", paramLabel = "JDBC_URL",
      description = "use this database instead, e.g. jdbc:postgresql://127.0.0.1:5432/parley?user=parley")
  String database;

  Optional<String> databaseUrl() {
    return Optional.ofNullable(database);
  }

  Database open() throws StoreException {
    return Database.open(databaseUrl().orElse(Database.sqliteUrl(data)), Clock.systemUTC(), UUID::randomUUID);
  }
}
