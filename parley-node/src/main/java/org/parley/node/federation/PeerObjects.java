package org.parley.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.marking.Audience;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects of one peer collection, for {@link PeerPuller}: its pages after the collection's cursor are read,
 * each object is checked against its leaf and the leaf against the checkpoint accepted under the cosignature
 * policy ({@link LeafCheck}), and the verified prefix is stored with its provenance in the collection's mirrors.
 */
final class PeerObjects {
  // the puller's logger, so that these events keep the logger name operators already filter on
  private static final Logger LOG = LoggerFactory.getLogger(PeerPuller.class);

  private final FederationStore store;
  private final Alerts alerts;
  private final ObjectStore objects;
  private final Mirrors mirrors;
  private final PullHook hook;
  private final int pageSize;
  /** The most a page of the manifest or of the objects may hold: this node's max_content_length. */
  private final PeerClient.Cap pageCap;
  private final int maxPages;

  /** The {@code limit} each peer collection is read with, when a page of {@link #pageSize} was too large. */
  private final Map<String, Integer> limits = new java.util.concurrent.ConcurrentHashMap<>();

  PeerObjects(FederationStore store, Alerts alerts, ObjectStore objects, Mirrors mirrors, PullHook hook,
      int pageSize, PeerClient.Cap pageCap, int maxPages) {
    this.store = store;
    this.alerts = alerts;
    this.objects = objects;
    this.mirrors = mirrors;
    this.hook = hook;
    this.pageSize = pageSize;
    this.pageCap = pageCap;
    this.maxPages = maxPages;
  }

  /**
   * Returns how many were stored, negated when the page budget ran out before the collection's end. A page over
   * {@link #pageCap} is asked again with half the {@code limit}, down to one object, which must then fit alone:
   * the cap is the largest object this node accepts, so pageSize objects that size need not fit in one page.
   */
  int pull(Peer p, PeerClient c, String coll, String title, SignedCheckpoint cp) throws FederationException {
    int stored = 0;
    Optional<String> cursor = store.cursor(p.name(), coll);
    for (int page = 0; page < maxPages; page++) {
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
      PeerPuller.json(manifestAnswer).path("objects").forEach(manifest::add);
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
      if (!complete || !PeerPuller.json(manifestAnswer).path("more").asBoolean(false)) {
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
    String base = PeerPuller.ROOT + "/collections/" + PeerClient.enc(coll);
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
      PeerClient.Answer pa = c.get(PeerPuller.PROOF, Map.of("collection", coll, "id", id, "version", version,
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
            PeerPuller.evidence(Map.of("checkpoint", cp.encode(), "proof_bundle", pa.text(), "object", new String(json,
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

  private static List<ParseResult> envelope(PeerClient.Answer a) throws FederationException {
    try {
      return Stix.parseEnvelope(a.body());
    } catch (StixException e) {
      throw new FederationException("peer answered a malformed envelope: " + e.getMessage(), e);
    }
  }
}
