package org.parley.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.parley.node.backup.BackupException;
import org.parley.node.backup.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Back up a node's data directory while it runs, check a backup, restore one (SQLite; a PostgreSQL"
        + " node is backed up with PostgreSQL's own tools). See docs/design/log.md, \"Backups and restores\".",
    subcommands = {BackupCommand.Create.class, BackupCommand.Verify.class, BackupCommand.Restore.class})
final class BackupCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** A PostgreSQL node has no data directory to copy: say which tools do the job. */
  static boolean refusePostgres(StoreOptions store) {
    if (store.databaseUrl().isPresent()) {
      System.err.println("parley: a node on PostgreSQL is backed up with PostgreSQL's tools: pg_dump --format=custom"
          + " (one consistent snapshot, the node may keep running) and pg_restore into an empty database, or"
          + " continuous archiving; the log's signing key is in the database too, so guard the dump like the node");
      return true;
    }
    return false;
  }

  /** Progress on stderr, so that stdout stays the result. */
  static void step(String what) {
    System.err.println("parley: " + what + " ...");
  }

  static void describe(Backups.Manifest m) {
    System.out.printf("  taken:   %s%n  log:     %s, %d entries%s%s%n  key:     %s%n  files:   %d (%d bytes)%n",
        m.created(), m.origin(), m.logSize(), m.logRoot().map(r -> ", root " + r).orElse(""),
        m.pending() > 0 ? " and " + m.pending() + " accepted but not yet in a checkpoint" : "", m.verifierKey(),
        m.files().size(), m.files().stream().mapToLong(Backups.FileEntry::size).sum());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Write a consistent snapshot of the node into the new directory OUT — the node may keep running —"
          + " and audit its log. It holds everything the node holds (RED objects, the log's private key): keep it"
          + " as you keep the node.")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "OUT", description = "a directory that does not exist yet")
    Path out;

    @Override
    public Integer call() {
      if (refusePostgres(store)) {
        return 2;
      }
      try {
        Backups.Manifest m = Backups.create(store.dataDir(), out, Clock.systemUTC(), BackupCommand::step);
        System.out.println("backup written to " + out + " (log audited: the tree recomputes to its signed root)");
        describe(m);
        return 0;
      } catch (BackupException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a backup without restoring it: every file against its manifest, and its log audited"
          + " (on a temporary copy: the backup is only read).")
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "BACKUP", description = "a directory written by 'parley backup create'")
    Path backup;

    @Override
    public Integer call() {
      try {
        Backups.Manifest m = Backups.verify(backup, BackupCommand::step);
        System.out.println("backup " + backup + " checks: every file matches its manifest, the log audits");
        describe(m);
        return 0;
      } catch (BackupException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Restore a backup into a data directory that holds no node (--data; move an old one aside first),"
          + " checking every file and auditing the restored log before the node may start on it.")
  static final class Restore implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "BACKUP", description = "a directory written by 'parley backup create'")
    Path backup;

    @Override
    public Integer call() {
      if (refusePostgres(store)) {
        return 2;
      }
      Path into = store.dataDir();
      try {
        Backups.Manifest m = Backups.restore(backup, into, BackupCommand::step);
        System.out.println("restored into " + into + ":");
        describe(m);
        System.out.println("Before 'parley serve --data " + into + "': if this node accepted objects after "
            + m.created() + ", its peers may have seen its log grow past " + m.logSize() + " entries; that history is"
            + " not in this backup, and the log's next checkpoints will not extend what they saw. Their witnesses"
            + " then refuse to cosign and raise a fork alert (rightly: the log rewrote its history). Ask them which"
            + " size they last saw ('parley peer alerts' on their side; this node logs event=witness_ahead), and read"
            + " docs/design/log.md, \"Backups and restores\", before serving.");
        System.out.println("The node is as it was at " + m.created() + ": tokens revoked and members removed since are"
            + " live again — revoke and remove them again ('parley party list', 'parley collection list'). Console"
            + " sessions were ended: parties log in again.");
        return 0;
      } catch (BackupException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }
}
