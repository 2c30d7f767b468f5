package org.parley.cli;

import java.util.concurrent.Callable;
import org.parley.node.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "party", description = "Manage the parties that may use this node.",
    subcommands = PartyCommand.Add.class, mixinStandardHelpOptions = true)
final class PartyCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "add", description = "Add a party (an organisation such as a national CERT). The first one makes"
      + " the node's database in a new data directory; token and collection commands need it to exist.",
      mixinStandardHelpOptions = true)
  static final class Add implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "the party's name; also its HTTP Basic user name")
    String name;

    @Override
    public Integer call() throws Exception {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        System.err.println("party names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        return 2;
      }
      boolean wasNew = store.isNew();
      try (Database db = store.open()) {
        db.directory().addParty(name);
        store.noteIfNew(wasNew);
      } catch (org.parley.node.store.StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
      System.out.println(name);
      return 0;
    }
  }
}
