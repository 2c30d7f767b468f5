package org.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command: every subcommand hangs off this one. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
    subcommands = {
      org.parley.cli.transfer.PushCommand.class,
      org.parley.cli.transfer.PullCommand.class,
      org.parley.cli.extract.ExtractCommand.class,
      org.parley.cli.extract.ExtractEvalCommand.class,
      org.parley.cli.extract.ExtractBenchCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      PartyCommand.class,
      TokenCommand.class,
      CollectionCommand.class,
      BenchCommand.class,
      LogCommand.class,
      VerifyCommand.class,
      PeerCommand.class,
      BackupCommand.class,
      org.parley.cli.attribution.AttributeCommand.class,
      org.parley.cli.attribution.EvalCommand.class,
      org.parley.cli.attribution.KbCommand.class,
    },
    description = "Cyber-incident cooperation between parties that do not fully trust each other.")
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with one error policy: a failure the command could name (a checked exception of a
   * capability, an I/O error) prints "parley: " and its message — which says what to do — and exits 1; an
   * unexpected one adds its stack trace when PARLEY_DEBUG is set.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true); // "--input-format text", as the help writes it
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      boolean unexpected = e instanceof RuntimeException;
      line.getErr().println("parley: " + (unexpected ? "unexpected error: " : "")
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      if (unexpected) {
        if (System.getenv("PARLEY_DEBUG") != null) {
          e.printStackTrace(line.getErr());
        } else {
          line.getErr().println("parley: set PARLEY_DEBUG=1 to see where it happened");
        }
      }
      line.getErr().flush();
      return 1;
    });
    return cl;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
