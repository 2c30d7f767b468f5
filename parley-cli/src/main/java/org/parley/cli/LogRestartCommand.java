package org.parley.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.parley.node.federation.Federation;
import org.parley.node.log.LogException;
import org.parley.node.log.LogRestart;
import org.parley.node.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley log restart}: a new log under a new origin and key, holding every stored object (LogRestart). */
@Command(name = "restart", mixinStandardHelpOptions = true,
    description = "With the node stopped: retire this node's log (its signing key leaked, or its history was lost)"
        + " and start a new one under a new origin and key that holds every object the node stores. The old log is"
        + " first copied out and audited; peers must then pin the new origin and key.")
final class LogRestartCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Option(names = "--log-origin", required = true, paramLabel = "ORIGIN",
      description = "the new log's origin (and key name), other than the old one's, e.g. cert.example/parley-2")
  String origin;

  @Option(names = "--archive", paramLabel = "DIR",
      description = "where the old log is copied (default: DATA/retired-logs/<old origin>-<UTC time>)")
  Path archive;

  @Option(names = "--yes", description = "do it (without it, this only says what would be done)")
  boolean yes;

  @Override
  public Integer call() {
    String url;
    try {
      url = store.existingUrl();
    } catch (StoreException e) {
      System.err.println("parley: " + e.getMessage());
      return 1;
    }
    Path dir = archive != null ? archive : store.dataDir().resolve("retired-logs").resolve("log-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Clock.systemUTC()
        .instant()));
    if (!yes) {
      System.err.println("parley: this retires the node's log for good: it copies the log into " + dir + ", empties"
          + " it, and starts a new log " + origin + " under a new key holding every stored object (deletions stay in"
          + " the old log only). Peers and auditors must then pin the new origin and key. Stop the node first, then"
          + " run this again with --yes.");
      return 2;
    }
    try {
      LogRestart.Result r = LogRestart.restart(url, origin, dir, Clock.systemUTC(), new SecureRandom(),
          Federation::forgetOwnLog, m -> System.err.println("parley: " + m));
      System.out.println("old log:  " + r.oldOrigin() + ", " + r.oldSize() + " entries, copied and audited in "
          + r.archive() + " (verify it: parley verify log " + r.archive() + " --vkey " + r.oldKey().encode() + ")");
      System.out.println("new log:  " + LogRestart.describe(r.checkpoint().checkpoint()) + " (" + r.carried()
          + " object versions carried)");
      System.out.println("new vkey: " + r.newKey().encode());
      System.out.println("next: on each peer run `parley peer add` for this node again with the new key (it replaces"
          + " the old one): --vkey " + r.newKey().encode() + " --vkey <this node's witness key, `parley peer keys`>;"
          + " then start the node.");
      return 0;
    } catch (LogException e) {
      System.err.println("parley: " + e.getMessage());
      return 1;
    }
  }
}
