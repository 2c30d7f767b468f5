package org.parley.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.federation.FederationException;
import org.parley.node.federation.Mirror;
import org.parley.node.federation.PeerRegistry;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Database;
import org.parley.node.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "collection", description = "Manage TAXII collections and their sharing rules.",
    subcommands = {CollectionCommand.Add.class, CollectionCommand.ListCollections.class, MemberCommand.class},
    mixinStandardHelpOptions = true)
final class CollectionCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create a collection and print its id. See docs/design/sharing.md for the rules.")
  static final class Add implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "TITLE")
    String title;

    @Option(names = "--description", paramLabel = "TEXT",
        description = "what the collection holds, shown to TAXII clients and in the console")
    String description;

    @Option(names = "--read", split = ",", paramLabel = "PARTY", description = "parties that may read")
    List<String> read = new ArrayList<>();

    @Option(names = "--write", split = ",", paramLabel = "PARTY", description = "parties that may add objects")
    List<String> write = new ArrayList<>();

    @Option(names = "--admin", split = ",", paramLabel = "PARTY", description = "parties that may delete objects")
    List<String> admin = new ArrayList<>();

    @Option(names = "--ceiling", split = ",", paramLabel = "PARTY=TLP",
        description = "highest TLP level this party may receive, e.g. --ceiling cert-b=GREEN (a member not named"
            + " here gets --default-ceiling)")
    Map<String, String> ceilings = new LinkedHashMap<>();

    @Option(names = "--default-ceiling", defaultValue = "AMBER+STRICT", paramLabel = "TLP",
        description = "highest TLP level of every member --ceiling does not name (default: ${DEFAULT-VALUE})")
    String defaultCeiling;

    @Option(names = "--unmarked", defaultValue = "AMBER", paramLabel = "TLP",
        description = "level applied to objects without TLP markings (default: ${DEFAULT-VALUE})")
    String unmarked;

    @Override
    public Integer call() throws Exception {
      try {
        return create();
      } catch (IllegalArgumentException e) { // a TLP level that is none, a blank party name: the arguments' fault
        System.err.println("parley: " + e.getMessage());
        return 2;
      } catch (StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }

    private Integer create() throws Exception {
      Map<String, EnumSet<Role>> roles = new LinkedHashMap<>();
      read.forEach(p -> roles.computeIfAbsent(p.trim(), k -> EnumSet.noneOf(Role.class)).add(Role.READ));
      write.forEach(p -> roles.computeIfAbsent(p.trim(), k -> EnumSet.noneOf(Role.class)).add(Role.WRITE));
      admin.forEach(p -> roles.computeIfAbsent(p.trim(), k -> EnumSet.noneOf(Role.class)).add(Role.ADMIN));
      for (String p : ceilings.keySet()) {
        if (!roles.containsKey(p)) {
          System.err.println("--ceiling names " + p + ", who holds no role in this collection");
          return 2;
        }
      }
      Tlp fallback = Tlp.parse(defaultCeiling);
      List<Member> members = new ArrayList<>();
      for (Map.Entry<String, EnumSet<Role>> e : roles.entrySet()) {
        String c = ceilings.get(e.getKey());
        members.add(new Member(e.getKey(), e.getValue(), c == null ? fallback : Tlp.parse(c)));
      }
      try (Database db = store.openExisting()) {
        String id = db.directory().addCollection(title, Optional.ofNullable(description),
            new SharingAgreement(members, Tlp.parse(unmarked)));
        System.out.println(id);
        if (members.isEmpty()) {
          System.err.println("parley: note: no party may use " + id + " yet (no --read, --write or --admin); add one"
              + " with 'parley collection member set " + id + " PARTY --read'");
        }
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the collections: id, title, the level of unmarked objects, whether it receives a peer's"
          + " objects, and its members with their roles and ceilings.")
  static final class ListCollections implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--json", description = "print one JSON document, for programs")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (Database db = store.openExisting();
           PeerRegistry peers = PeerRegistry.open(store.existingUrl(), Clock.systemUTC())) {
        List<CollectionInfo> all = db.directory().collections();
        Map<String, Mirror> mirrors = peers.mirrors();
        System.out.print(json ? Listings.collectionsJson(all, mirrors) : Listings.collectionsText(all, mirrors));
        return 0;
      } catch (StoreException | FederationException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }
}
