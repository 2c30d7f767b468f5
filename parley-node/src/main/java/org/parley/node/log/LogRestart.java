package org.parley.node.log;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.function.Consumer;
import org.parley.tlog.Checkpoint;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.VerifierKey;

/**
 * Starts a node's log again, under a new origin and key, holding every object the node now stores — for when the old
 * log cannot go on honestly: its signing key leaked, or its history was lost (a database restored from a backup older
 * than what the witnesses cosigned: the next checkpoints cannot extend what they saw, docs/design/log.md).
 *
 * <p>With the node stopped: the old log is first copied out whole, as a C2SP tlog-tiles directory with its latest
 * checkpoint and verifier key, and that copy is audited ({@link LogAudit}: every entry and tile recomputed to the
 * signed root) — the old history stays checkable by anyone. Then, in one transaction, the old log's tables are
 * emptied, a new key is stored, and one {@code add} leaf per stored object version is queued, in the order the node
 * accepted them, with the party and time it accepted them from; whatever else reset needs ({@code alsoReset}, e.g. the
 * federation's memory of this log's cosigned checkpoints) runs in the same transaction. A crash before the commit
 * leaves the old log as it was; after it, the next start sequences the queued leaves. Finally the new log is
 * sequenced and its first checkpoint signed. Deletions are not carried over (the objects are gone; the old log keeps
 * their leaves), and peers must pin the new origin and key before they cosign or pull again.
 */
public final class LogRestart {
  private LogRestart() {}

  /** What was done: the old log (as archived) and the new one. */
  public record Result(String oldOrigin, VerifierKey oldKey, long oldSize, Path archive, VerifierKey newKey,
      long carried, SignedCheckpoint checkpoint) {}

  /** Work to do inside the reset transaction besides the log's own tables. */
  @FunctionalInterface
  public interface Reset {
    void apply(Connection transaction) throws SQLException;
  }

  /**
   * Restarts the log in the database at {@code jdbcUrl} under {@code newOrigin}, archiving the old one into
   * {@code archive} (created; it must not exist or be empty). {@code progress} hears each step.
   */
  public static Result restart(String jdbcUrl, String newOrigin, Path archive, Clock clock, SecureRandom random,
      Reset alsoReset, Consumer<String> progress) throws LogException {
    String oldOrigin;
    VerifierKey oldKey;
    long oldSize;
    try (TransparencyLog old = openExisting(jdbcUrl, newOrigin, clock)) {
      refuseWhileLeased(jdbcUrl, TransparencyLog.micros(clock)); // before the copy: a refusal leaves nothing behind
      oldOrigin = old.origin();
      oldKey = old.verifierKey();
      refuseWhileUnsequenced(old, newOrigin);
      if (oldOrigin.equals(newOrigin)) {
        throw new LogException("the new log needs a new origin: peers and witnesses know " + oldOrigin + " by its old"
            + " key and history (choose e.g. " + oldOrigin + "-2)");
      }
      SignerKey.generate(newOrigin, random); // refuses an origin that is no valid key name, before anything is done
      oldSize = archive(old, archive, progress);
    } catch (IllegalArgumentException e) {
      throw new LogException("--log-origin " + newOrigin + ": " + e.getMessage(), e);
    }
    SignerKey key = SignerKey.generate(newOrigin, random);
    long carried;
    try (HikariDataSource data = LogDataSources.open(jdbcUrl, 1); Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try {
        carried = reset(c, key, TransparencyLog.micros(clock), oldSize, alsoReset);
        c.commit();
      } catch (SQLException | LogException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | LogException | RuntimeException e) {
      removeCopy(archive); // the log is as it was: a copy left behind would make the same command refuse its directory
      throw e instanceof LogException le ? le
          : new LogException("could not start the log again (nothing changed): " + e.getMessage(), e);
    }
    progress.accept("old log emptied; " + carried + " object versions queued for the new log " + newOrigin);
    try (TransparencyLog fresh = TransparencyLog.open(jdbcUrl, newOrigin, clock, random,
        TransparencyLog.Options.defaults())) {
      SignedCheckpoint cp;
      for (long before = -1; ; before = cp.checkpoint().size()) {
        cp = fresh.sequence().orElseThrow(() -> new LogException("the new log did not sequence: another process holds"
            + " its lease (a node started meanwhile?); it will sequence the queued leaves itself, nothing is lost"));
        progress.accept("sequenced " + cp.checkpoint().size() + " of " + carried);
        if (fresh.status().pending() == 0) {
          break;
        }
        if (cp.checkpoint().size() == before) {
          throw new LogException("the new log stopped sequencing at " + before + " of " + carried + ": start the node"
              + " and it will go on; nothing is lost");
        }
      }
      return new Result(oldOrigin, oldKey, oldSize, archive, fresh.verifierKey(), carried, cp);
    }
  }

  private static TransparencyLog openExisting(String jdbcUrl, String newOrigin, Clock clock) throws LogException {
    if (TransparencyLog.storedOrigin(jdbcUrl).isEmpty()) { // no log to retire: the node's first start makes the new one
      throw new LogException("no log in this database: the node has never started: there is no log to start again;"
          + " start the node with --log-origin " + newOrigin + " instead");
    }
    return TransparencyLog.openExisting(jdbcUrl, clock);
  }

  /**
   * A log with leaves still to sequence under the origin asked for, or with no signed checkpoint at all, is what a
   * restart interrupted after its commit leaves: the node's next start finishes it, and a second restart would
   * archive a log nobody has seen.
   */
  private static void refuseWhileUnsequenced(TransparencyLog log, String newOrigin) throws LogException {
    LogStatus s = log.status();
    if (log.checkpoint().isEmpty() || (log.origin().equals(newOrigin) && s.pending() > 0)) {
      throw new LogException("the log " + log.origin() + " has " + s.pending() + " leaves waiting to be sequenced"
          + (log.checkpoint().isEmpty() ? " and has signed no checkpoint yet" : "") + " (a restart interrupted after"
          + " it emptied the old log leaves this): start the node and it sequences them, nothing is lost; nothing"
          + " changed here");
    }
  }

  private static void removeCopy(Path archive) {
    try (var files = Files.walk(archive)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // the copy stays: it is a valid copy of the old log, and the message says what failed
    }
  }

  private static void refuseWhileLeased(String jdbcUrl, long now) throws LogException {
    try (HikariDataSource data = LogDataSources.open(jdbcUrl, 1); Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT lease_until FROM log_state WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      if (rs.next() && rs.getLong(1) >= now) {
        throw new LogException(LEASED);
      }
    } catch (SQLException e) {
      throw new LogException("cannot read the log's state: " + e.getMessage(), e);
    }
  }

  private static final String LEASED = "a node holds this log's sequencing lease: stop it, wait a few seconds for the"
      + " lease to run out, and run this again (nothing changed)";

  private static long archive(TransparencyLog old, Path archive, Consumer<String> progress) throws LogException {
    try {
      if (Files.exists(archive)) {
        if (!Files.isDirectory(archive)) {
          throw new LogException(archive + " is not a directory: give a new directory for the old log's copy");
        }
        try (var entries = Files.list(archive)) {
          if (entries.findAny().isPresent()) {
            throw new LogException(archive + " is not empty: give a new directory for the old log's copy");
          }
        }
      }
      Files.createDirectories(archive);
      progress.accept("copying the old log " + old.origin() + " into " + archive);
      LogAudit.mirror(LogAudit.of(old), archive);
      Files.writeString(archive.resolve("vkey"), old.verifierKey().encode() + "\n");
      LogAudit.Report r = LogAudit.verify(LogAudit.directory(archive), old.verifierKey());
      progress.accept("audited the copy: " + r.entries() + " entries, " + r.tilesChecked() + " tiles, root of the"
          + " signed checkpoint recomputed");
      return r.checkpoint().checkpoint().size();
    } catch (IOException | ProofException e) {
      removeCopy(archive); // a partial copy would make the same command refuse its directory
      throw new LogException("could not copy the old log out into " + archive + " (nothing changed): "
          + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  /** Empties the old log, stores the new key and queues one add leaf per stored version; returns how many. */
  private static long reset(Connection c, SignerKey key, long now, long archived, Reset alsoReset)
      throws SQLException, LogException {
    try (PreparedStatement s = c.prepareStatement("UPDATE log_state SET holder = 'restart', lease_until = ?"
        + " WHERE id = 1 AND lease_until < ?")) {
      s.setLong(1, Long.MAX_VALUE);
      s.setLong(2, now);
      if (s.executeUpdate() != 1) {
        throw new LogException(LEASED);
      }
    }
    // A node that started and stopped during the copy may have signed past it: those checkpoints would be lost.
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(size) FROM log_checkpoints")) {
      long latest = rs.next() ? rs.getLong(1) : 0;
      if (latest != archived) {
        throw new LogException("the old log grew while it was copied (size " + archived + " copied, " + latest
            + " now: a node ran meanwhile); nothing changed: stop every node and run this again");
      }
    }
    try (Statement s = c.createStatement()) {
      for (String table : new String[] {"log_pending", "log_entries", "log_tiles", "log_checkpoints",
          "log_cosignatures"}) {
        s.executeUpdate("DELETE FROM " + table);
      }
    }
    SignerStore.replace(c, key, now);
    alsoReset.apply(c);
    long carried = 0;
    try (PreparedStatement read = c.prepareStatement("SELECT collection_id, object_id, version_micros, version_text,"
            + " submitter, date_added, json FROM objects ORDER BY date_added, collection_id, object_id, version_micros");
        ResultSet rs = read.executeQuery()) {
      while (rs.next()) {
        LogLeaf leaf;
        try {
          leaf = LogHook.leafOf(rs.getString(1), rs.getString(2), rs.getString(4), rs.getBytes(7), LogLeaf.Op.ADD,
              rs.getString(5), rs.getLong(6));
        } catch (SQLException e) { // only a row written around the store can fail here: the store checks what it takes
          throw new LogException("the stored object " + LogLeaf.quote(rs.getString(2)) + " in collection "
              + rs.getString(1) + " cannot be a log leaf (" + e.getMessage() + "): it was not written by a node; remove"
              + " it, or restore the database from a backup, and run this again", e);
        }
        JdbcLogStorage.enqueue(c, leaf, rs.getLong(3));
        carried++;
      }
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE log_state SET sequenced = 0, holder = '', lease_until = 0 WHERE id = 1");
    }
    return carried;
  }

  /** The checkpoint's origin, size and root in one line, for messages. */
  public static String describe(Checkpoint c) {
    return c.origin() + " size " + c.size() + " root " + c.root().base64();
  }
}
