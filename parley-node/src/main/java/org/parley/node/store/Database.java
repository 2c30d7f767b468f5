package org.parley.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Entry point of storage: opens SQLite (embedded default) or PostgreSQL through one JDBC code path, applies the
 * migrations, and hands out the {@link Directory} and the {@link ObjectStore}.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Dialect dialect;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final ReentrantLock sqliteWriter = new ReentrantLock(true);
  private final ConcurrentHashMap<String, ReentrantLock> collectionLocks = new ConcurrentHashMap<>();
  private final DirectoryCache directoryCache;

  private Database(HikariDataSource pool, Dialect dialect, Clock clock, Supplier<UUID> ids) {
    this.pool = pool;
    this.dialect = dialect;
    this.clock = clock;
    this.ids = ids;
    this.directoryCache = new DirectoryCache(clock);
  }

  /** The SQLite database file inside a data directory, created if missing. */
  public static String sqliteUrl(Path dataDir) throws StoreException {
    try {
      if (!Files.isDirectory(dataDir)) { // the node's data: RED objects, token hashes, the log's signing key
        Files.createDirectories(dataDir, ownerOnly("rwx------"));
      }
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create data directory " + dataDir, e);
    }
    return "jdbc:sqlite:" + sqliteFile(dataDir);
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(String mode) {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString(mode))}
        : new java.nio.file.attribute.FileAttribute<?>[0];
  }

  /**
   * A new SQLite database file is created readable by its owner only, before SQLite opens it: SQLite gives its -wal
   * and -shm files the database file's permissions, and the process's umask (often 022) would make all three readable
   * by every local user. An existing file keeps its permissions; {@link #looseFileWarning} says when they are loose.
   */
  private static void createOwnerOnly(String jdbcUrl) {
    Path file = sqlitePath(jdbcUrl);
    if (file.toString().isEmpty() || file.toString().equals(":memory:") || Files.exists(file)) {
      return;
    }
    try {
      Files.createFile(file, ownerOnly("rw-------"));
    } catch (java.io.IOException e) {
      // SQLite reports what is wrong with the path when it opens it (and unwritable() explains it)
    }
  }

  /**
   * For a SQLite database file that other local users may read (group or other permission bits), what to run; empty
   * otherwise. The node warns at start rather than change an operator's deliberate setting.
   */
  public static Optional<String> looseFileWarning(Path file) {
    try {
      Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(file);
      p.removeAll(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
          java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
          java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
      return p.isEmpty() ? Optional.empty() : Optional.of(file + " can be read by other local users ("
          + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + "), and it"
          + " holds every object, token hash and the log's signing key: chmod 600 " + file + "*");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The file a {@code jdbc:sqlite:FILE[?options]} URL names. */
  private static Path sqlitePath(String jdbcUrl) {
    return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
  }

  /** Where a data directory's SQLite database is (it may not exist yet). */
  public static Path sqliteFile(Path dataDir) {
    return dataDir.resolve("parley.db").toAbsolutePath();
  }

  /**
   * Opens the database at {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}) and brings
   * its schema up to date.
   *
   * @param clock the source of {@code date_added} and other timestamps
   * @param ids the source of status and collection ids
   */
  /**
   * For a SQLite file whose directory or file this process cannot write (a read-only mount, another owner), what to
   * check: SQLite itself only says "unable to open database file". Empty otherwise.
   */
  static String unwritable(String jdbcUrl) {
    if (Dialect.of(jdbcUrl) != Dialect.SQLITE) {
      return "";
    }
    Path file = sqlitePath(jdbcUrl);
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file)) {
      return " (" + (Files.exists(file) && !Files.isWritable(file) ? file : dir) + " is not writable by this process:"
          + " a read-only mount or another owner? SQLite needs to write the database, its -wal and -shm files)";
    }
    return "";
  }

  public static Database open(String jdbcUrl, Clock clock, Supplier<UUID> ids) throws StoreException {
    Dialect dialect = Dialect.of(jdbcUrl);
    if (dialect == Dialect.SQLITE) {
      createOwnerOnly(jdbcUrl);
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName("parley-db");
    if (dialect == Dialect.SQLITE) {
      cfg.addDataSourceProperty("foreign_keys", "true");
      cfg.setMaximumPoolSize(4);
    } else {
      cfg.setMaximumPoolSize(8);
    }
    HikariDataSource pool;
    try {
      pool = ConnectionPools.open(cfg); // durability, busy waiting, WAL limit, retry: one rule for every pool
    } catch (RuntimeException e) {
      throw new StoreException("cannot open database: " + e.getMessage() + unwritable(jdbcUrl), e);
    }
    Database db = new Database(pool, dialect, clock, ids);
    try (Connection c = pool.getConnection()) {
      Migrations.apply(c, dialect);
    } catch (SQLException e) {
      pool.close();
      throw new StoreException("cannot migrate database schema: " + e.getMessage(), e);
    }
    return db;
  }

  /** Console sessions, shared by every process of the node. */
  public SessionStore sessions() {
    return new JdbcSessionStore(this);
  }

  public Directory directory() {
    return new JdbcDirectory(this);
  }

  /** The object store; {@code hook} joins every append inside its transaction (see {@link AppendHook}). */
  public ObjectStore objects(AppendHook hook) {
    return new JdbcObjectStore(this, Objects.requireNonNull(hook, "hook"));
  }

  public boolean isPostgres() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** Whether the database answers; for the health endpoint. */
  public boolean isHealthy() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  DirectoryCache directoryCache() {
    return directoryCache;
  }

  Dialect dialect() {
    return dialect;
  }

  Clock clock() {
    return clock;
  }

  UUID newId() {
    return ids.get();
  }

  /**
   * On SQLite, the fair in-process lock every writer takes (SQLite has one writer at a time, and its own busy
   * waiting is not fair: a steady stream of store writes would starve the log's sequencer); empty on PostgreSQL.
   */
  public Optional<java.util.concurrent.locks.Lock> sqliteWriteLock() {
    return dialect == Dialect.SQLITE ? Optional.of(sqliteWriter) : Optional.empty();
  }

  /**
   * The in-process lock writers of {@code collectionId} take. SQLite has a single writer, so all writes share
   * one lock; on PostgreSQL writers of one collection also meet at its row lock, across processes.
   */
  ReentrantLock writeLock(String collectionId) {
    if (dialect == Dialect.SQLITE) {
      return sqliteWriter;
    }
    return collectionLocks.computeIfAbsent(collectionId, k -> new ReentrantLock(true));
  }

  @Override
  public void close() {
    pool.close();
  }
}
