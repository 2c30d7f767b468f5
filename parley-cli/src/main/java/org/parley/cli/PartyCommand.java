package org.parley.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Database;
import org.parley.node.store.PartyInfo;
import org.parley.node.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "party", description = "Manage the parties that may use this node.",
    subcommands = {PartyCommand.Add.class, PartyCommand.ListParties.class}, mixinStandardHelpOptions = true)
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

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the parties: when each was added, how many live tokens (neither revoked nor expired) it holds, and the"
          + " collections it is a member of, with its roles and ceiling there. Tokens and their hashes are never"
          + " shown.")
  static final class ListParties implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--json", description = "print one JSON document, for programs")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (Database db = store.openExisting()) {
        List<PartyInfo> parties = db.directory().partyInfos();
        List<CollectionInfo> all = db.directory().collections();
        System.out.print(json ? Listings.partiesJson(parties, all) : Listings.partiesText(parties, all));
        return 0;
      } catch (StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }
}
