package org.parley.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.parley.node.store.Database;
import org.parley.node.store.StoreException;
import picocli.CommandLine.Option;

/**
 * Where a node keeps its data: {@code --data DIR} (SQLite), else {@code $PARLEY_DATA}, else {@code ./parley-data}
 * ({@link DataDirs}), or {@code --database jdbc:postgresql://…}.
 */
final class StoreOptions {
  @Option(names = "--data", paramLabel = "DIR", description = DataDirs.HELP + " (holds the SQLite database)")
  Path data;

  @Option(names = "--database", paramLabel = "JDBC_URL",
      description = "use this database instead, e.g. jdbc:postgresql://127.0.0.1:5432/parley?user=parley")
  String database;

  /** The data directory: {@code --data}, else {@code $PARLEY_DATA}, else {@code ./parley-data}. */
  Path dataDir() {
    return DataDirs.resolve(Optional.ofNullable(data));
  }

  Optional<String> databaseUrl() {
    return Optional.ofNullable(database);
  }

  /** Opens the database, creating a data directory's SQLite database if missing: for commands that set a node up. */
  Database open() throws StoreException {
    return Database.open(url(), Clock.systemUTC(), UUID::randomUUID);
  }

  /**
   * Opens a database that already exists ({@link #existingUrl()}): for commands that change an existing node's
   * state (tokens, collections), which a mistyped {@code --data} must not send to a new, empty database.
   */
  Database openExisting() throws StoreException {
    return Database.open(existingUrl(), Clock.systemUTC(), UUID::randomUUID);
  }

  /** The database's JDBC URL; a data directory's SQLite database is created if missing (commands that set up). */
  String url() throws StoreException {
    return databaseUrl().orElse(Database.sqliteUrl(dataDir()));
  }

  /**
   * The JDBC URL of a database that already exists, for commands that read a node's state: a mistyped
   * {@code --data} must fail rather than create an empty database and report on that. (A PostgreSQL database
   * named by {@code --database} is never created here; connecting to a missing one fails.)
   */
  String existingUrl() throws StoreException {
    if (isNew()) {
      throw new StoreException("no Parley database at " + Database.sqliteFile(dataDir()) + ": give the node's data"
          + " directory with --data DIR (default $" + DataDirs.ENV + ", else ./" + DataDirs.DEFAULT + ") or its"
          + " database with --database JDBC_URL; a new node's database is made by 'parley serve' or 'parley party add'");
    }
    return url();
  }

  /** After a setup command made a new database, says where, so that a mistyped --data shows at once. */
  void noteIfNew(boolean wasNew) {
    if (wasNew) {
      System.err.println("parley: note: there was no database at " + Database.sqliteFile(dataDir())
          + "; a new one was made there (no node has used this data directory yet)");
    }
  }

  /** Whether this names a data directory that holds no database yet. */
  boolean isNew() {
    return database == null && !Files.isRegularFile(Database.sqliteFile(dataDir()));
  }
}
