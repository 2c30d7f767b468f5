package org.parley.node.federation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.marking.Member;
import org.parley.tlog.VerifierKey;

/**
 * The federation state of a node's database, for offline tools ({@code parley peer ...}) that run while the
 * node may be stopped: its peers, its witness key, its alerts. The running node picks up changes at its next
 * round.
 */
public final class PeerRegistry implements AutoCloseable {
  private final FederationStore store;
  private final Clock clock;

  private PeerRegistry(FederationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public static PeerRegistry open(String jdbcUrl, Clock clock) throws FederationException {
    return new PeerRegistry(FederationStore.open(jdbcUrl), clock);
  }

  /** Adds a peer, or replaces the one of that name. */
  public void add(Peer peer) throws FederationException {
    Instant now = clock.instant();
    store.addPeer(peer, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
  }

  /** Removes a peer and the token it issued to this node; false when there is none of that name. What it sent
   * (its mirror collections and their provenance), its alerts and this node's witness state for its log stay. */
  public boolean remove(String name) throws FederationException {
    return store.removePeer(name);
  }

  /** How many local collections hold objects pulled from {@code peer}. */
  public long mirrorCount(String peer) throws FederationException {
    return store.mirrorCount(peer);
  }

  /** The local collections that receive peers' objects, by local collection id. */
  public Map<String, Mirror> mirrors() throws FederationException {
    Map<String, Mirror> out = new LinkedHashMap<>();
    for (Mirror m : store.mirrors()) {
      out.put(m.collection(), m);
    }
    return out;
  }

  /**
   * Refuses, saying why, a member that the local collection may not have because it receives a peer's objects:
   * no party may write to such a collection, only this node's own party may hold admin in it, and the one receiving
   * what TLP forbids passing on takes no other member at all (docs/design/federation.md). Any member passes for a
   * collection that receives no peer's objects.
   */
  public void checkMember(String collection, Member member) throws FederationException {
    Mirror mirror = mirrors().get(collection);
    if (mirror != null) {
      Mirrors.checkMember(mirror, self().orElse(""), member);
    }
  }

  /** This node's own party name, once set ({@link #setSelf}). */
  public Optional<String> self() throws FederationException {
    return store.setting(Federation.SELF);
  }

  /**
   * Sets this node's own party name: the member of the collections that receive peers' objects, and the party
   * that reads the federation alerts. It may change until the first pull has made such a collection; from then
   * on, only the name in force is accepted. A running node follows it at its next round.
   *
   * @throws FederationException when another name is in force and collections were already made for it
   * @throws IllegalArgumentException when {@code name} is not a party name
   */
  public void setSelf(String name) throws FederationException {
    if (!name.matches(Peer.NAME)) {
      throw new IllegalArgumentException("own party name: expected 1-64 letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit, got \"" + name + "\"");
    }
    if (store.changeSelf(name)) {
      return;
    }
    String was = self().orElseThrow();
    if (!was.equals(name)) {
      throw new FederationException("this node's own party is already " + was + " and can no longer change:"
          + " pulls have made " + store.mirrorCount(null) + " collection(s) holding peers' objects with " + was
          + " as their only member, which " + name + " could not read; " + name + " was not set");
    }
  }

  /** Stores the cosignature policy; the node applies it from its next start. */
  public void setPolicy(CosignaturePolicy policy) throws FederationException {
    store.setPolicy(policy);
  }

  /** The policy in force: the stored one, else the default. */
  public CosignaturePolicy policy() throws FederationException {
    return store.policy(CosignaturePolicy.defaults());
  }

  public List<Peer> peers() throws FederationException {
    return store.peers();
  }

  /**
   * This node's witness verifier key (type 0x04) for the log of {@code logOrigin}, created on first use: give it
   * to peers together with the log's verifier key.
   */
  public VerifierKey witnessKey(String logOrigin) throws FederationException {
    return store.witnessKey(Federation.witnessKeyName(logOrigin), new SecureRandom()).cosignatureVerifierKey();
  }

  /** The alerts raised so far, as the JSON that {@code GET /federation/alerts} serves. */
  public String alertsJson() throws FederationException {
    return FederationApi.toJson(new Alerts(store, clock).list());
  }

  @Override
  public void close() {
    store.close();
  }
}
