package org.parley.cli;

import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "token", description = "Manage API tokens.", subcommands = TokenCommand.Issue.class,
    mixinStandardHelpOptions = true)
final class TokenCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = "Issue an API token for a party and print it (only its hash is stored: keep it now).")
  static final class Issue implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "PARTY")
    String party;

    @Override
    public Integer call() throws Exception {
      try (Database db = store.open()) {
        System.out.println(Tokens.issue(db.directory(), party, new SecureRandom()));
      } catch (org.parley.node.store.StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
      return 0;
    }
  }
}
