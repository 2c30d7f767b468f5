package org.parley.cli;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.Tlp;
import org.parley.node.federation.FederationException;
import org.parley.node.federation.PeerRegistry;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;
import org.parley.node.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley collection member set|remove}: a collection's members after it was made. */
@Command(name = "member", description = "Change who may use a collection: add a member, change its roles or ceiling,"
    + " or remove it. A running node on the same database applies a change within "
    + Directory.CHANGE_DELAY_SECONDS + " s (it caches a collection's members that long).",
    subcommands = {MemberCommand.Set.class, MemberCommand.Remove.class}, mixinStandardHelpOptions = true)
final class MemberCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** What both commands name: the node's store, the collection and the party. */
  static final class Target {
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "COLLECTION",
        description = "the collection's id, or its exact title when no other collection has it")
    String collection;

    @Parameters(index = "1", paramLabel = "PARTY", description = "the party's name ('parley party list')")
    String party;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Make PARTY a member of COLLECTION with exactly the roles given, or replace the roles of a member."
          + " Its ceiling is --ceiling; without it, a member keeps its ceiling and a new one gets AMBER+STRICT, as"
          + " with 'collection add'. A running node applies it within " + Directory.CHANGE_DELAY_SECONDS + " s.")
  static final class Set implements Callable<Integer> {
    @Mixin Target target;

    @Option(names = "--read", description = "may read objects (TAXII can_read)")
    boolean read;

    @Option(names = "--write", description = "may add objects (TAXII can_write)")
    boolean write;

    @Option(names = "--admin", description = "may delete objects (with --read and --write too: TAXII 2.1 §5.7)")
    boolean admin;

    @Option(names = "--ceiling", paramLabel = "TLP", converter = TlpLevel.class,
        description = "highest TLP level the party may receive (CLEAR, GREEN, AMBER, AMBER+STRICT, RED); default:"
            + " the member's ceiling so far, AMBER+STRICT for a new member")
    Tlp ceiling;

    @Override
    public Integer call() {
      String collection = target.collection;
      String party = target.party;
      EnumSet<Role> roles = EnumSet.noneOf(Role.class);
      if (read) {
        roles.add(Role.READ);
      }
      if (write) {
        roles.add(Role.WRITE);
      }
      if (admin) {
        roles.add(Role.ADMIN);
      }
      if (roles.isEmpty()) {
        System.err.println("parley: give the member at least one role: --read, --write, --admin (to take every role"
            + " away, 'parley collection member remove " + Memberships.arg(collection) + " " + Memberships.arg(party)
            + "')");
        return 2;
      }
      try (Database db = target.store.openExisting();
           PeerRegistry peers = PeerRegistry.open(target.store.existingUrl(), Clock.systemUTC())) {
        return set(db.directory(), peers, roles);
      } catch (StoreException | FederationException | Refusal e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }

    private int set(Directory directory, PeerRegistry peers, EnumSet<Role> roles)
        throws StoreException, FederationException, Refusal {
      String party = target.party;
      CollectionInfo c = Memberships.resolve(directory.collections(), target.collection);
      if (!directory.parties().contains(party)) {
        throw new Refusal("no party is named " + Memberships.safe(party) + ": add it first with 'parley party add "
            + Memberships.safe(party) + "' ('parley party list' shows the parties)");
      }
      Optional<Member> was = c.agreement().member(party);
      Member member = new Member(party, roles, ceiling != null ? ceiling
          : was.map(Member::ceiling).orElse(Tlp.AMBER_STRICT));
      peers.checkMember(c.id(), member);
      if (was.equals(Optional.of(member))) {
        System.out.println(party + " in " + Memberships.shown(c) + ": " + Memberships.place(member)
            + " already; nothing changed");
        return 0;
      }
      // without --ceiling the store keeps the ceiling it holds when it writes: another admin may have lowered it
      // since this command read it, and that must not be undone
      Optional<Member> before = ceiling != null ? directory.setMember(c.id(), member)
          : directory.setRoles(c.id(), party, roles, Tlp.AMBER_STRICT);
      Member now = ceiling != null ? member
          : new Member(party, roles, before.map(Member::ceiling).orElse(Tlp.AMBER_STRICT));
      System.out.println(party + (before.isPresent() ? " in " : " joined ") + Memberships.shown(c) + ": "
          + Memberships.place(now) + before.map(w -> " (was " + Memberships.place(w) + ")").orElse(""));
      if (Memberships.adminWithoutDelete(now)) {
        System.err.println("parley: note: " + party + " can delete nothing over TAXII: deleting needs --read and"
            + " --write with --admin (TAXII 2.1 §5.7)");
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Take PARTY out of COLLECTION: it can no longer see, read or write it (TAXII, console, federation"
          + " pulls). The party, its tokens and its other collections stay, and so do the objects it shared. A running"
          + " node applies it within " + Directory.CHANGE_DELAY_SECONDS + " s.")
  static final class Remove implements Callable<Integer> {
    @Mixin Target target;

    @Option(names = "--force", description = "remove the last member too, leaving a collection no party can see"
        + " until 'collection member set' gives it one")
    boolean force;

    @Override
    public Integer call() {
      String party = target.party;
      try (Database db = target.store.openExisting()) {
        Directory directory = db.directory();
        CollectionInfo c = Memberships.resolve(directory.collections(), target.collection);
        if (c.agreement().member(party).isEmpty()) {
          throw new Refusal(Memberships.safe(party) + " is not a member of " + Memberships.shown(c) + "; its members: "
              + (c.agreement().members().isEmpty() ? "none" : c.agreement().members().stream().map(Member::party)
                  .collect(Collectors.joining(", "))) + ". Nothing changed.");
        }
        if (c.agreement().members().size() == 1 && !force) {
          throw new Refusal(party + " is the last member of " + Memberships.shown(c) + ": without members no party"
              + " can see, read or write it (its objects stay). Add another member first ('parley collection member"
              + " set'), or give --force to leave it without members.");
        }
        Member gone = directory.removeMember(c.id(), party, force);
        System.out.println(party + " left " + Memberships.shown(c) + " (held " + Memberships.place(gone) + ")"
            + (c.agreement().members().size() == 1 ? "; it has no members now" : ""));
        if (directory.collections().stream().noneMatch(x -> x.agreement().isVisibleTo(party))) {
          // every party of the node reads the whole log (docs/design/sharing.md): leaving collections ends no token
          System.err.println("parley: note: " + party + " is a member of no collection now, but its tokens still read"
              + " the transparency log (every leaf: which collection, object id, submitter and time of each object"
              + " shared from now on) and open the console; if it left the group, 'parley token revoke " + party + "'");
        }
        return 0;
      } catch (StoreException | Refusal e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  /** A TLP level as {@code Tlp.parse} reads it; anything else is a usage error (exit 2) naming the levels. */
  static final class TlpLevel implements CommandLine.ITypeConverter<Tlp> {
    @Override
    public Tlp convert(String text) {
      try {
        return Tlp.parse(text);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
