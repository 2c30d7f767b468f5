package org.parley.cli;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.node.federation.FederationException;
import org.parley.node.federation.Peer;
import org.parley.node.federation.PeerRegistry;
import org.parley.node.log.LogException;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.Database;
import org.parley.node.store.StoreException;
import org.parley.tlog.ProofException;
import org.parley.tlog.VerifierKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley peer ...}: the nodes this node pulls from and witnesses (docs/design/federation.md). */
@Command(name = "peer", description = "Manage peers: nodes this node pulls from, verifies and witnesses.",
    subcommands = {PeerCommand.Add.class, PeerCommand.ListPeers.class, PeerCommand.Keys.class,
        PeerCommand.Self.class, PeerCommand.Policy.class, PeerCommand.Alerts.class},
    mixinStandardHelpOptions = true)
final class PeerCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static String jdbcUrl(StoreOptions store) throws StoreException {
    return store.databaseUrl().orElse(Database.sqliteUrl(store.data));
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add (or replace) a peer. The running node starts pulling from it and asking it to cosign "
          + "at its next round.")
  static final class Add implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME", description = "the peer's party name")
    String name;

    @Parameters(index = "1", paramLabel = "URL", description = "the peer node's base URL, e.g. https://cert.example:8443")
    String url;

    @Option(names = "--token", paramLabel = "T", description = "the API token the peer issued to this node "
        + "(default: the PARLEY_PEER_TOKEN environment variable)")
    String token;

    @Option(names = "--vkey", paramLabel = "K", required = true, description = "the peer's log verifier key "
        + "(name+hex8+base64, type 0x01); repeat it with the peer's witness key (type 0x04) so that its "
        + "cosignatures count", arity = "1")
    List<String> vkeys = new ArrayList<>();

    @Override
    public Integer call() {
      String t = token != null ? token : System.getenv("PARLEY_PEER_TOKEN");
      if (t == null || t.isBlank()) {
        System.err.println("parley: a token is needed: --token T or PARLEY_PEER_TOKEN");
        return 2;
      }
      Optional<VerifierKey> log = Optional.empty();
      Optional<VerifierKey> witness = Optional.empty();
      try {
        for (String k : vkeys) {
          VerifierKey v = VerifierKey.parse(k);
          if (v.type() == VerifierKey.TYPE_ED25519) {
            log = Optional.of(v);
          } else {
            witness = Optional.of(v);
          }
        }
      } catch (ProofException e) {
        System.err.println("parley: --vkey: " + e.getMessage());
        return 2;
      }
      if (log.isEmpty()) {
        System.err.println("parley: --vkey: expected the peer's log key (type 0x01) among the keys");
        return 2;
      }
      try (PeerRegistry r = PeerRegistry.open(jdbcUrl(store), Clock.systemUTC())) {
        Peer p = new Peer(name, URI.create(url), t, log.get(), witness);
        r.add(p);
        System.out.println(p);
        if (witness.isEmpty()) {
          System.out.println("note: no witness key given; this peer's cosignatures will not count");
        }
        return 0;
      } catch (FederationException | StoreException | IllegalArgumentException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List peers (tokens not shown).")
  static final class ListPeers implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (PeerRegistry r = PeerRegistry.open(jdbcUrl(store), Clock.systemUTC())) {
        for (Peer p : r.peers()) {
          System.out.println(p.name() + "\t" + p.url() + "\t" + p.logKey().encode() + "\t"
              + p.witnessKey().map(VerifierKey::encode).orElse("-"));
        }
        return 0;
      } catch (FederationException | StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "keys", mixinStandardHelpOptions = true,
      description = "Print this node's log key and witness key: what peers pass to 'parley peer add --vkey'.")
  static final class Keys implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (TransparencyLog log = TransparencyLog.openExisting(jdbcUrl(store), Clock.systemUTC());
          PeerRegistry r = PeerRegistry.open(jdbcUrl(store), Clock.systemUTC())) {
        System.out.println("--vkey " + log.verifierKey().encode() + " --vkey " + r.witnessKey(log.origin()).encode());
        return 0;
      } catch (LogException | FederationException | StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "self", mixinStandardHelpOptions = true,
      description = "Set this node's own party name (once; before the first pull). Prints the name in force.")
  static final class Self implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (PeerRegistry r = PeerRegistry.open(jdbcUrl(store), Clock.systemUTC())) {
        System.out.println(r.self(name));
        return 0;
      } catch (FederationException | StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "policy", mixinStandardHelpOptions = true,
      description = "Show or set which cosignatures a peer's checkpoint must carry before its objects are "
          + "verified against it (applies from the node's next start).")
  static final class Policy implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--extra-witnesses", paramLabel = "N|auto",
        description = "cosignatures required from other witnesses of the group; auto: 1 when the group has three "
            + "or more parties, else 0")
    String extra;

    @Option(names = "--require-own", paramLabel = "true|false", description = "require this node's own cosignature")
    Boolean requireOwn;

    @Override
    public Integer call() {
      try (PeerRegistry r = PeerRegistry.open(jdbcUrl(store), Clock.systemUTC())) {
        org.parley.node.federation.CosignaturePolicy p = r.policy();
        if (extra != null || requireOwn != null) {
          java.util.OptionalInt n = extra == null ? p.extraWitnesses()
              : extra.equals("auto") ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(extra));
          p = new org.parley.node.federation.CosignaturePolicy(requireOwn == null ? p.requireOwn() : requireOwn, n);
          r.setPolicy(p);
        }
        System.out.println("require-own=" + p.requireOwn() + " extra-witnesses="
            + (p.extraWitnesses().isPresent() ? Integer.toString(p.extraWitnesses().getAsInt()) : "auto"));
        return 0;
      } catch (FederationException | StoreException | IllegalArgumentException e) {
        System.err.println("parley: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "alerts", mixinStandardHelpOptions = true,
      description = "Print the alerts raised against peers, with their evidence, as JSON.")
  static final class Alerts implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (PeerRegistry r = PeerRegistry.open(jdbcUrl(store), Clock.systemUTC())) {
        System.out.println(r.alertsJson());
        return 0;
      } catch (FederationException | StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
  }
}
