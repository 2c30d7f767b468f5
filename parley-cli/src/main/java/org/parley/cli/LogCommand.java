package org.parley.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.parley.node.log.LogException;
import org.parley.node.log.LogStatus;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.StoreException;
import org.parley.tlog.Cosignature;
import org.parley.tlog.NoteSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "log", description = "Inspect this node's transparency log, or start it again under a new key.",
    subcommands = {LogCommand.Vkey.class, LogCommand.Show.class, LogRestartCommand.class},
    mixinStandardHelpOptions = true)
final class LogCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static TransparencyLog open(StoreOptions store) throws StoreException, LogException {
    return TransparencyLog.openExisting(store.existingUrl(), Clock.systemUTC());
  }

  @Command(name = "vkey", mixinStandardHelpOptions = true,
      description = "Print the log's verifier key (C2SP signed-note: name+hex8+base64), for peers and auditors.")
  static final class Vkey implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (TransparencyLog log = open(store)) {
        System.out.println(log.verifierKey().encode());
        return 0;
      } catch (StoreException | LogException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the log's origin, size, root hash, pending leaves and the latest checkpoint's cosignatures.")
  static final class Show implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (TransparencyLog log = open(store)) {
        LogStatus s = log.status();
        System.out.println("origin:       " + s.origin());
        System.out.println("verifier key: " + log.verifierKey().encode());
        System.out.println("size:         " + s.size());
        System.out.println("root:         " + s.root().base64() + " (hex " + s.root().hex() + ")");
        System.out.println("integrated:   " + s.integrated() + " (pending " + s.pending() + ")");
        System.out.println("cosignatures: " + s.cosignatures().size());
        for (NoteSignature line : s.cosignatures()) {
          String when;
          try {
            when = java.time.Instant.ofEpochSecond(Cosignature.from(line).timestamp()).toString();
          } catch (IllegalArgumentException notV1) {
            when = "?";
          }
          System.out.printf("  %s %08x at %s%n", line.name(), line.keyId(), when);
        }
        log.checkpoint().ifPresent(c -> System.out.print("\n" + c.encode()));
        return 0;
      } catch (StoreException | LogException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }
}
