package org.parley.cli;

import java.nio.file.Files;
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
    return Database.open(url(), Clock.systemUTC(), UUID::randomUUID);
  }

  /** The database's JDBC URL; a data directory's SQLite database is created if missing (commands that set up). */
  String url() throws StoreException {
    return databaseUrl().orElse(Database.sqliteUrl(data));
  }

  /**
   * The JDBC URL of a database that already exists, for commands that read a node's state: a mistyped
   * {@code --data} must fail rather than create an empty database and report on that. (A PostgreSQL database
   * named by {@code --database} is never created here; connecting to a missing one fails.)
   */
  String existingUrl() throws StoreException {
    if (isNew()) {
      throw new StoreException("no Parley database at " + Database.sqliteFile(data) + ": give the node's data"
          + " directory with --data DIR (default ./parley-data) or its database with --database JDBC_URL; a new"
          + " node's database is made by 'parley serve' or 'parley party add'");
    }
    return url();
  }

  /** Whether this names a data directory that holds no database yet. */
  boolean isNew() {
    return database == null && !Files.isRegularFile(Database.sqliteFile(data));
  }
}
