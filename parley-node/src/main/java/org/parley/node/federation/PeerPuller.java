package org.parley.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.marking.Tlp;
import org.parley.node.store.ObjectStore;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the collections this node may read from each peer (TAXII 2.1 {@code added_after} cursors), checks every
 * object against a checkpoint of the peer's log that carries the cosignatures the policy demands, and stores the
 * verified ones through the node's single write path with their provenance. An object that does not match its
 * leaf, or a leaf not in the cosigned tree, is refused, kept as evidence and raised as an alert; the cursor
 * stays before it.
 */
final class PeerPuller {
  private static final Logger LOG = LoggerFactory.getLogger(PeerPuller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ROOT = "/parley";
  static final String CHECKPOINT = "/federation/v1/checkpoint";
  static final String PROOF = "/federation/v1/proof";
  static final String DELETIONS = "/federation/v1/deletions";
  private static final int MAX_PAGES_PER_ROUND = 20;
  /** Rounds after which collections are listed again even without a new checkpoint (new memberships). */
  private static final int FULL_WALK_EVERY = 50;
  private final Map<String, Long> walkedAt = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Integer> skips = new java.util.concurrent.ConcurrentHashMap<>();

  private final FederationStore store;
  private final Alerts alerts;
  private final Clients clients;
  private final CosignaturePolicy policy;
  private final VerifierKey ownWitness;
  /** The most a TAXII page (collections, manifest, objects) may hold: this node's max_content_length. */
  private final PeerClient.Cap pageCap;
  private final PeerObjects peerObjects;
  private final PeerDeletions deletions;

  PeerPuller(FederationStore store, Alerts alerts, Clients clients, ObjectStore objects, Mirrors mirrors,
      PullHook hook, CosignaturePolicy policy, VerifierKey ownWitness, int pageSize, long maxObjectBytes) {
    this.store = store;
    this.alerts = alerts;
    this.clients = clients;
    this.policy = policy;
    this.ownWitness = ownWitness;
    this.pageCap = new PeerClient.Cap("a TAXII page (this node's max_content_length, the largest object it"
        + " accepts)", maxObjectBytes, "a page of objects is asked again with fewer objects");
    this.peerObjects = new PeerObjects(store, alerts, objects, mirrors, hook, pageSize, pageCap,
        MAX_PAGES_PER_ROUND);
    this.deletions = new PeerDeletions(store, alerts, objects, MAX_PAGES_PER_ROUND);
    this.ticker = Ticker.SYSTEM;
    this.splitViews = new SplitViews(store, alerts, clients, ticker);
  }

  private final SplitViews splitViews;
  private final Ticker ticker;

  SplitViews splitViews() {
    return splitViews;
  }

  /** Pulls once from one peer; returns how many object versions were verified and stored. */
  int pull(Peer p) throws FederationException {
    List<Peer> all = store.peers();
    int group = all.size() + 1;
    List<VerifierKey> others = all.stream().filter(q -> !q.name().equals(p.name()))
        .flatMap(q -> q.witnessKey().stream()).toList();
    PeerClient c = clients.of(p);
    PeerClient.Answer a = c.get(CHECKPOINT, Map.of("min_cosignatures",
        Integer.toString(policy.totalRequired(group))), "text/plain", PeerClient.NOTE);
    if (a.status() == 404) { // no cosigned checkpoint yet — or, when it lasts, a URL with a path (WARN after a minute)
      notYetAcceptable(p, "404 at " + CHECKPOINT + ": no checkpoint with the cosignatures asked for yet, or "
          + p.url() + " is not the node's base URL");
      splitViews.refused(p, all, Optional.empty());
      return 0;
    }
    if (a.status() != 200) {
      throw new FederationException("peer " + p.name() + " checkpoint: expected 200, got " + a.status());
    }
    SignedCheckpoint parsed;
    try {
      parsed = SignedCheckpoint.parse(a.text());
    } catch (ProofException e) {
      // not a statement of anyone's (a proxy's error page, a wrong URL): a fetch failure, never an alert — an
      // HTML page with a request id in it raised a new "bad-signature" alert every round (found by an audit)
      throw new FederationException("peer " + p.name() + " served no signed checkpoint at " + CHECKPOINT + " ("
          + Texts.firstLine(e.getMessage()) + "); is " + p.url() + " the node's base URL?", e);
    }
    SignedCheckpoint logSigned;
    try {
      logSigned = SignedCheckpoint.open(a.text(), p.logKey(), List.of());
    } catch (ProofException e) {
      alerts.raise(p.name(), "bad-signature", parsed.checkpoint().origin() + " size " + parsed.checkpoint().size()
          + " root " + parsed.checkpoint().root().hex(),
          "checkpoint served by " + p.name() + " is not signed by its log key: " + e.getMessage(),
          evidence(Map.of("checkpoint", a.text(), "detail", e.getMessage())));
      return 0;
    }
    if (forkOfWhatThisNodeCosigned(p, logSigned)) {
      return 0;
    }
    SignedCheckpoint cp;
    try {
      cp = policy.verify(a.text(), p.logKey(), ownWitness, others, group);
    } catch (FederationException e) {
      notYetAcceptable(p, e.getMessage());
      splitViews.refused(p, all, Optional.of(logSigned));
      return 0;
    }
    stalled.remove(p.name());
    splitViews.accepted(p, all, cp);
    long size = cp.checkpoint().size();
    Long walked = walkedAt.get(p.name());
    int skipped = skips.merge(p.name(), 1, Integer::sum);
    if (walked != null && walked == size && skipped < FULL_WALK_EVERY) {
      return 0; // every leaf this checkpoint covers was already examined; nothing new can verify
    }
    skips.put(p.name(), 0);
    int stored = 0;
    boolean backlog = false;
    for (JsonNode coll : collections(c)) {
      if (coll.path("can_read").asBoolean(false) && coll.path("id").isTextual()) {
        int n = peerObjects.pull(p, c, coll.path("id").asText(), coll.path("title").asText(""), cp);
        backlog |= n < 0;
        stored += Math.abs(n);
        int d = deletions.pull(p, c, coll.path("id").asText(), cp);
        backlog |= d < 0;
      }
    }
    if (!backlog) {
      walkedAt.put(p.name(), size);
    }
    return stored;
  }

  /**
   * Whether the peer's log key signed, for a size this node's witness cosigned, another root than the one cosigned:
   * two histories under one signature, a fork (RFC 9162 §8.2) — raised with both signed checkpoints as evidence,
   * whatever the cosignature policy then says. Until session 8 the puller dropped such a checkpoint at DEBUG, so a
   * peer showing its pullers a history other than the one it gave its witnesses went unnoticed there.
   */
  private boolean forkOfWhatThisNodeCosigned(Peer p, SignedCheckpoint offered) throws FederationException {
    String origin = offered.checkpoint().origin();
    Optional<org.parley.tlog.WitnessState> cosigned = new JdbcWitnessStateStore(store).latest(origin);
    if (cosigned.isEmpty() || cosigned.get().size() != offered.checkpoint().size()
        || cosigned.get().root().equals(offered.checkpoint().root())) {
      return false;
    }
    Map<String, String> ev = new java.util.LinkedHashMap<>();
    ev.put("origin", origin);
    ev.put("offered_checkpoint", offered.encode());
    store.witnessedNote(origin).ifPresent(n -> ev.put("last_cosigned_checkpoint", n));
    ev.put("last_cosigned_size", Long.toString(cosigned.get().size()));
    ev.put("last_cosigned_root", cosigned.get().root().base64());
    ev.put("detail", "served to this node's puller; its witness cosigned another root for this size");
    alerts.raise(p.name(), "fork", "size " + offered.checkpoint().size() + " root " + offered.checkpoint().root().hex(),
        "fork in the log of " + origin + ": the checkpoint served to the puller has another root for size "
            + offered.checkpoint().size() + " than the one this node's witness cosigned", evidence(ev));
    return true;
  }

  /** Per peer: why its checkpoint is not acceptable, and since when (the ticker's nanos), while it stays so. */
  private final Map<String, Map.Entry<String, Long>> stalled = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A checkpoint the cosignature policy does not accept yet is normal for a round or two (the witnesses have not
   * cosigned it); one that stays so stops every pull from that peer — a split view the witnesses refuse to cosign,
   * a peer added without its witness key — and was logged at DEBUG only. It is logged at WARN once it lasts a minute,
   * then every ten minutes, and whenever the reason changes.
   */
  private void notYetAcceptable(Peer p, String why) {
    long now = ticker.nanos();
    Map.Entry<String, Long> was = stalled.get(p.name());
    if (was == null || !was.getKey().equals(why)) {
      stalled.put(p.name(), Map.entry(why, now));
      LOG.debug("event=checkpoint_not_yet_acceptable peer={} cause={}", p.name(), why);
      return;
    }
    long age = now - was.getValue();
    if (age >= 60_000_000_000L) {
      LOG.warn("event=checkpoint_not_acceptable peer={} for_s={} cause={} (nothing is pulled from this peer until "
          + "its checkpoint carries the cosignatures the policy asks for: check that every peer's witness key was "
          + "added, and the alerts)", p.name(), age / 1_000_000_000L, why);
      stalled.put(p.name(), Map.entry(why, now - 60_000_000_000L + 600_000_000_000L));
    }
  }

  private List<JsonNode> collections(PeerClient c) throws FederationException {
    PeerClient.Cap cap = new PeerClient.Cap("the list of collections (this node's max_content_length)",
        pageCap.bytes(), PeerClient.Cap.NEVER_THAT_MUCH);
    PeerClient.Answer a = c.get(ROOT + "/collections/", Map.of(), PeerClient.TAXII, cap);
    if (a.status() != 200) {
      throw new FederationException("collections: expected 200, got " + a.status());
    }
    List<JsonNode> out = new ArrayList<>();
    json(a).path("collections").forEach(out::add);
    return out;
  }

  static JsonNode json(PeerClient.Answer a) throws FederationException {
    try {
      return JSON.readTree(a.body());
    } catch (IOException e) {
      throw new FederationException("peer answered malformed JSON: " + e.getMessage(), e);
    }
  }

  static String evidence(Map<String, String> fields) {
    com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
    fields.forEach(o::put);
    return o.toString();
  }
}
