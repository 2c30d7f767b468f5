package org.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command: every subcommand hangs off this one. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
    subcommands = {ServeCommand.class, DemoCommand.class, PartyCommand.class, TokenCommand.class,
        CollectionCommand.class, BenchCommand.class, LogCommand.class, VerifyCommand.class, PeerCommand.class},
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
