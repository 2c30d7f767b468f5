package org.parley.node.federation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

  /**
   * This node's own party name (the member of the collections that receive peers' objects); set once, on first
   * call or first start. Returns the name in force.
   */
  public String self(String nameIfUnset) throws FederationException {
    return store.settingOrInit(Federation.SELF, nameIfUnset);
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
