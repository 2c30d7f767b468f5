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
      org.parley.cli.attribution.AttributeCommand.class,
      org.parley.cli.attribution.EvalCommand.class,
      org.parley.cli.attribution.KbCommand.class,
    },
    description = "Cyber-incident cooperation between parties that do not fully trust each other.")
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
