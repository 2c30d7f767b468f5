package org.parley.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.marking.Audience;
import org.parley.marking.Tlp;
import org.parley.node.log.LogException;
import org.parley.node.log.ProofBundle;
import org.parley.node.store.Candidate;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.Status;
import org.parley.node.store.StoreException;
import org.parley.stix.ParseResult;
import org.parley.stix.Stix;
import org.parley.stix.StixException;
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
  private static final String ROOT = "/parley";
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
  private final ObjectStore objects;
  private final Mirrors mirrors;
  private final PullHook hook;
  private final CosignaturePolicy policy;
  private final VerifierKey ownWitness;
  private final int pageSize;
  /** The most a TAXII page (collections, manifest, objects) may hold: this node's max_content_length. */
  private final PeerClient.Cap pageCap;
  /** The {@code limit} each peer collection is read with, when a page of {@link #pageSize} was too large. */
  private final Map<String, Integer> limits = new java.util.concurrent.ConcurrentHashMap<>();
  private final PeerDeletions deletions;

  PeerPuller(FederationStore store, Alerts alerts, Clients clients, ObjectStore objects, Mirrors mirrors,
      PullHook hook, CosignaturePolicy policy, VerifierKey ownWitness, int pageSize, long maxObjectBytes) {
    this.store = store;
    this.alerts = alerts;
    this.clients = clients;
    this.objects = objects;
    this.mirrors = mirrors;
    this.hook = hook;
    this.policy = policy;
    this.ownWitness = ownWitness;
    this.pageSize = pageSize;
    this.pageCap = new PeerClient.Cap("a TAXII page (this node's max_content_length, the largest object it"
        + " accepts)", maxObjectBytes, "a page of objects is asked again with fewer objects");
    this.deletions = new PeerDeletions(store, alerts, objects, MAX_PAGES_PER_ROUND);
    this.splitViews = new SplitViews(store, alerts, clients);
  }

  private final SplitViews splitViews;

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
      splitViews.refused(p, all);
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
      splitViews.refused(p, all);
      return 0;
    }
    stalled.remove(p.name());
    splitViews.accepted(p, all);
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
        int n = pullCollection(p, c, coll.path("id").asText(), coll.path("title").asText(""), cp);
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

  /** Per peer: why its checkpoint is not acceptable, and since when (nanoTime), while it stays so. */
  private final Map<String, Map.Entry<String, Long>> stalled = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A checkpoint the cosignature policy does not accept yet is normal for a round or two (the witnesses have not
   * cosigned it); one that stays so stops every pull from that peer — a split view the witnesses refuse to cosign,
   * a peer added without its witness key — and was logged at DEBUG only. It is logged at WARN once it lasts a minute,
   * then every ten minutes, and whenever the reason changes.
   */
  private void notYetAcceptable(Peer p, String why) {
    long now = System.nanoTime();
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

  /**
   * Returns how many were stored, negated when the page budget ran out before the collection's end. A page over
   * {@link #pageCap} is asked again with half the {@code limit}, down to one object, which must then fit alone:
   * the cap is the largest object this node accepts, so pageSize objects that size need not fit in one page.
   */
  private int pullCollection(Peer p, PeerClient c, String coll, String title, SignedCheckpoint cp)
      throws FederationException {
    int stored = 0;
    Optional<String> cursor = store.cursor(p.name(), coll);
    for (int page = 0; page < MAX_PAGES_PER_ROUND; page++) {
      Optional<Fetched> fetched = fetch(p, c, coll, cursor);
      if (fetched.isEmpty()) {
        continue; // over the cap: asked again with fewer objects
      }
      PeerClient.Answer manifestAnswer = fetched.get().manifest();
      PeerClient.Answer objectsAnswer = fetched.get().objects();
      if (manifestAnswer.status() != 200 || objectsAnswer.status() != 200) {
        throw new FederationException("collection " + coll + ": expected 200, got " + manifestAnswer.status()
            + "/" + objectsAnswer.status());
      }
      List<JsonNode> manifest = new ArrayList<>();
      json(manifestAnswer).path("objects").forEach(manifest::add);
      if (manifest.isEmpty()) {
        return stored;
      }
      List<ParseResult> parsed = envelope(objectsAnswer);
      if (manifest.size() != parsed.size()) {
        return stored; // nothing new, or the collection moved between the two reads: next round
      }
      Page verified = verifyPage(p, c, coll, cp, manifest, parsed);
      boolean complete = verified.objects().size() == manifest.size();
      Optional<String> next = complete
          ? Optional.of(manifest.get(manifest.size() - 1).path("date_added").asText()) : Optional.empty();
      stored += store(p, coll, title, verified, next);
      if (!complete || !json(manifestAnswer).path("more").asBoolean(false)) {
        return stored;
      }
      cursor = next;
    }
    return -stored; // pages remain: the next round continues
  }

  /** The manifest and the objects of one page. */
  private record Fetched(PeerClient.Answer manifest, PeerClient.Answer objects) {}

  /**
   * One page after {@code cursor}, read with the limit this collection is read with. A page over {@link #pageCap}
   * halves the limit and is empty (ask again); a page that fits lets the limit grow back towards pageSize.
   */
  private Optional<Fetched> fetch(Peer p, PeerClient c, String coll, Optional<String> cursor)
      throws FederationException {
    String key = p.name() + "\n" + coll;
    int limit = limits.getOrDefault(key, pageSize);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("match[version]", "all");
    q.put("limit", Integer.toString(limit));
    cursor.ifPresent(x -> q.put("added_after", x));
    String base = ROOT + "/collections/" + PeerClient.enc(coll);
    try {
      Fetched f = new Fetched(c.get(base + "/manifest/", q, PeerClient.TAXII, pageCap),
          c.get(base + "/objects/", q, PeerClient.TAXII, pageCap));
      if (limit < pageSize) {
        limits.put(key, Math.min(pageSize, limit * 2));
      }
      return Optional.of(f);
    } catch (FederationException e) {
      if (!PeerClient.tooLarge(e)) {
        throw e;
      }
      if (limit == 1) {
        throw new FederationException("peer " + p.name() + ", collection " + coll + ": the object after "
            + cursor.orElse("the start") + " is larger on its own than " + pageCap.bytes() + " bytes, this node's"
            + " max_content_length (the largest object it accepts): the collection stops there until"
            + " max_content_length is raised or the peer serves a smaller object", e);
      }
      limits.put(key, limit / 2);
      LOG.info("event=pull_page_too_large peer={} collection={} limit={} next_limit={} cap={}", p.name(), coll,
          limit, limit / 2, pageCap.bytes());
      return Optional.empty();
    }
  }

  /** The verified prefix of one page, with each object's provenance. */
  private record Page(List<Candidate> objects, List<Provenance> provenance) {}

  private Page verifyPage(Peer p, PeerClient c, String coll, SignedCheckpoint cp, List<JsonNode> manifest,
      List<ParseResult> parsed) throws FederationException {
    List<Candidate> ok = new ArrayList<>();
    List<Provenance> prov = new ArrayList<>();
    long size = cp.checkpoint().size();
    for (int i = 0; i < manifest.size(); i++) {
      String id = manifest.get(i).path("id").asText();
      String version = manifest.get(i).path("version").asText();
      ParseResult r = parsed.get(i);
      if (r.object().isEmpty() || !r.object().get().id().equals(id)) {
        break; // the two reads disagree (a concurrent write): retry next round
      }
      PeerClient.Answer pa = c.get(PROOF, Map.of("collection", coll, "id", id, "version", version,
          "size", Long.toString(size)), "application/json", PeerClient.NOTE);
      if (pa.status() == 404) {
        break; // not yet in a checkpoint the group has cosigned
      }
      if (pa.status() != 200) {
        throw new FederationException("proof of " + id + ": expected 200, got " + pa.status());
      }
      byte[] json = r.object().get().json().toArray();
      ProofBundle bundle;
      try {
        bundle = ProofBundle.parse(pa.body());
        LeafCheck.verify(bundle, cp, p.logKey(), coll, id, version, json);
      } catch (LogException | ProofException e) {
        String kind = e instanceof ProofException pe && pe.rule().startsWith("object")
            ? "object-mismatch" : "inclusion-failed";
        alerts.raise(p.name(), kind, coll + " " + id + " " + version,
            kind + ": " + id + " (" + version + ") in collection " + coll + " of " + p.name() + ": "
                + e.getMessage(),
            evidence(Map.of("checkpoint", cp.encode(), "proof_bundle", pa.text(), "object", new String(json,
                java.nio.charset.StandardCharsets.UTF_8), "detail", String.valueOf(e.getMessage()))));
        break;
      }
      ok.add(Candidate.accepted(r.object().get())); // granular markings count, as at the origin's TAXII post
      prov.add(new Provenance("-", id, version, p.name(), coll, bundle.proof().index(), size));
    }
    return new Page(ok, prov);
  }

  /**
   * Stores the verified objects in order, in runs going to the same mirror collection; the cursor goes with the
   * last run. Objects whose TLP forbids passing them on beyond this organisation go to the restricted mirror,
   * which no other party can read.
   */
  private int store(Peer p, String coll, String title, Page page, Optional<String> cursor)
      throws FederationException {
    int n = page.objects().size();
    if (n == 0) {
      return 0;
    }
    int stored = 0;
    int start = 0;
    while (start < n) {
      boolean restricted = restricted(page.objects().get(start));
      int end = start;
      while (end < n && restricted(page.objects().get(end)) == restricted) {
        end++;
      }
      boolean last = end >= n;
      String local = mirrors.of(p.name(), coll, title, restricted);
      Map<String, Provenance> byKey = new HashMap<>();
      for (Provenance pr : page.provenance().subList(start, end)) {
        byKey.put(pr.objectId() + " " + pr.version(), pr);
        byKey.put(pr.objectId(), pr);
      }
      hook.begin(new PullHook.Batch(local, p.name(), coll, byKey, last ? cursor : Optional.empty()));
      try {
        Status s = objects.append(local, p.name(), page.objects().subList(start, end));
        stored += (int) s.successCount();
        laterAdds(local, s, byKey);
        if (s.failureCount() > 0) {
          LOG.warn("event=pull_conflicts peer={} collection={} failures={}", p.name(), coll, s.failureCount());
        }
      } catch (StoreException e) {
        throw new FederationException("cannot store objects from " + p.name() + ": " + e.getMessage(), e);
      } finally {
        hook.end();
      }
      start = end;
    }
    return stored;
  }

  /**
   * A version this node already held and the peer served again (it deleted it, then shared it again): its copy now
   * stands on the later add leaf, so a deletion leaf between the two must not remove it. The store reports such a
   * duplicate as "already present" without the append hook, so its provenance is moved on here.
   */
  private void laterAdds(String local, Status s, Map<String, Provenance> byKey) throws FederationException {
    for (org.parley.node.store.Outcome o : s.outcomes()) {
      if (o.success() && o.message().isPresent() && o.id().isPresent() && o.version().isPresent()) {
        Provenance pr = byKey.get(o.id().get() + " " + o.version().get());
        if (pr != null) {
          try (java.sql.Connection c = store.connection()) {
            FederationStore.insertProvenance(c, new Provenance(local, pr.objectId(), pr.version(), pr.originParty(),
                pr.originCollection(), pr.originLeafIndex(), pr.originTreeSize()));
          } catch (java.sql.SQLException e) {
            throw new FederationException("cannot record where " + pr.objectId() + " came from: " + e.getMessage(), e);
          }
        }
      }
    }
  }

  static boolean restricted(Candidate c) {
    // Unmarked objects were shared under the origin collection's default, unknown here: keep them in.
    return c.level().map(l -> !l.permitsDisclosureTo(Audience.COMMUNITY)).orElse(true);
  }

  static JsonNode json(PeerClient.Answer a) throws FederationException {
    try {
      return JSON.readTree(a.body());
    } catch (IOException e) {
      throw new FederationException("peer answered malformed JSON: " + e.getMessage(), e);
    }
  }

  private static List<ParseResult> envelope(PeerClient.Answer a) throws FederationException {
    try {
      return Stix.parseEnvelope(a.body());
    } catch (StixException e) {
      throw new FederationException("peer answered a malformed envelope: " + e.getMessage(), e);
    }
  }

  static String evidence(Map<String, String> fields) {
    com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
    fields.forEach(o::put);
    return o.toString();
  }
}
