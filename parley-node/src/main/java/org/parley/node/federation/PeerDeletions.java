package org.parley.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.marking.Tlp;
import org.parley.node.log.LogException;
import org.parley.node.log.LogLeaf;
import org.parley.node.log.ProofBundle;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoreException;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a peer deleted reaches this node's mirrors (a retraction, an object shared by mistake): the peer's
 * {@code delete} leaves, read from {@code /federation/v1/deletions} after a per-collection cursor, are checked
 * against the checkpoint accepted under the cosignature policy, and applied only to the very version held here.
 */
final class PeerDeletions {
  private static final Logger LOG = LoggerFactory.getLogger(PeerDeletions.class);
  /**
   * The deletion cursor of a remote collection is kept beside its object cursor, under this suffix. A control
   * character, so that no collection id a peer names ends with it — but not NUL, which PostgreSQL text cannot hold:
   * until session 10 every deletion pull of a node on PostgreSQL failed (a SQLite node's cursors kept under the old
   * suffix are not read any more: its deletions are read again once from the start, which applies nothing twice).
   */
  static final String CURSOR = "\u001fdeletions";
  /** A page of deletions: at most {@link FederationApi#DELETIONS_PAGE} proof bundles. */
  private static final PeerClient.Cap PAGE = new PeerClient.Cap("a page of " + FederationApi.DELETIONS_PAGE
      + " deletions, each at most " + PeerClient.NOTE.bytes() + " bytes", FederationApi.DELETIONS_PAGE
      * PeerClient.NOTE.bytes(), PeerClient.Cap.NEVER_THAT_MUCH);
  private final FederationStore store;
  private final Alerts alerts;
  private final ObjectStore objects;
  private final int maxPages;

  PeerDeletions(FederationStore store, Alerts alerts, ObjectStore objects, int maxPages) {
    this.store = store;
    this.alerts = alerts;
    this.objects = objects;
    this.maxPages = maxPages;
  }

  /**
   * Applies what the peer deleted from {@code coll} to this node's mirrors: each {@code delete} leaf after the
   * deletion cursor must be in the tree of the checkpoint accepted under the policy, and must name the very
   * version held here (its SHA-256 is that of the local copy) before the local copy is deleted — through the
   * single write path, so this node's own log records the deletion too. Returns how many leaves were applied,
   * negated when the page budget ran out.
   */
  int pull(Peer p, PeerClient c, String coll, SignedCheckpoint cp) throws FederationException {
    String key = coll + CURSOR;
    long after = store.cursor(p.name(), key).map(Long::parseLong).orElse(-1L);
    long size = cp.checkpoint().size();
    int applied = 0;
    for (int page = 0; page < maxPages; page++) {
      PeerClient.Answer a = c.get(PeerPuller.DELETIONS, Map.of("collection", coll, "after", Long.toString(after),
          "size", Long.toString(size)), "application/json", PAGE);
      if (a.status() == 404) {
        return applied; // the peer has no cosigned checkpoint of this size yet
      }
      if (a.status() != 200) {
        throw new FederationException("deletions of " + coll + ": expected 200, got " + a.status());
      }
      JsonNode root = PeerPuller.json(a);
      for (JsonNode served : root.path("deletions")) {
        ProofBundle bundle;
        LogLeaf leaf;
        try {
          bundle = ProofBundle.parse(served.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          // Re-anchored on the checkpoint we accepted, whatever note the peer attached.
          bundle = new ProofBundle(bundle.entry(), bundle.proof(), cp.encode());
          if (bundle.proof().size() != size || bundle.proof().index() <= after) {
            throw new ProofException("deletion-order", "a leaf after " + after + " in the tree of " + size,
                bundle.proof().index() + " in " + bundle.proof().size());
          }
          leaf = bundle.verify(p.logKey());
          if (leaf.op() != LogLeaf.Op.DELETE || !leaf.collection().equals(coll)) {
            throw new ProofException("deletion-leaf", "a delete leaf of " + coll, leaf.op() + " " + leaf.collection());
          }
        } catch (LogException | ProofException e) {
          alerts.raise(p.name(), "inclusion-failed", coll + " deletion after " + after,
              "inclusion-failed: a deletion in collection " + coll + " of " + p.name() + ": " + e.getMessage(),
              PeerPuller.evidence(Map.of("checkpoint", cp.encode(), "deletion", served.toString(),
                  "detail", String.valueOf(e.getMessage()))));
          return applied;
        }
        applied += removeLocal(p, coll, bundle, leaf);
        after = bundle.proof().index();
        store.setCursor(p.name(), key, Long.toString(after));
      }
      if (!root.path("more").asBoolean(false)) {
        return applied;
      }
    }
    return -applied;
  }

  /** The held version of the leaf's object, among those without a STIX version, whose bytes the leaf records. */
  private List<StoredVersion> unversionedCopy(String local, Viewer everything, LogLeaf leaf, ProofBundle bundle, Peer p)
      throws StoreException {
    List<StoredVersion> all = objects.query(new ObjectQuery(local, everything, OptionalLong.empty(),
        List.of(leaf.objectId()), List.of(), List.of(), VersionFilter.ALL, OptionalLong.empty(), 100)).rows();
    for (StoredVersion v : all) {
      if (v.versionText().equals(org.parley.node.store.Micros.format(v.dateAdded()))) { // unversioned: date_added
        try {
          bundle.verifyObject(p.logKey(), v.json().toArray());
          return List.of(v);
        } catch (ProofException e) {
          // another copy: not the one the leaf names
        }
      }
    }
    return List.of();
  }

  /** Deletes the version the leaf names from this peer collection's mirrors, if held here and the same. */
  private int removeLocal(Peer p, String coll, ProofBundle bundle, LogLeaf leaf) throws FederationException {
    long micros;
    try {
      micros = org.parley.node.store.Micros.parse(leaf.version());
    } catch (IllegalArgumentException e) {
      return 0; // not a version this node could hold
    }
    Viewer everything = new Viewer(p.name(), Tlp.RED, Tlp.RED);
    int removed = 0;
    for (boolean restricted : List.of(false, true)) {
      Optional<String> local = store.mirror(p.name(), coll, restricted);
      if (local.isEmpty()) {
        continue;
      }
      try {
        List<StoredVersion> held = objects.query(new ObjectQuery(local.get(), everything, OptionalLong.empty(),
            List.of(leaf.objectId()), List.of(), List.of(), new VersionFilter(false, false, false, List.of(micros)),
            OptionalLong.empty(), 1)).rows();
        if (held.isEmpty()) {
          // An unversioned object (most SCOs) has for version its date_added, which is the origin's in the leaf and
          // this node's in the mirror: the copy is the one whose bytes the leaf records (its SHA-256). Matched by
          // version only, the deletion of an observable never reached a mirror, and nobody was told (found by a
          // README walk-through).
          held = unversionedCopy(local.get(), everything, leaf, bundle, p);
          if (held.isEmpty()) {
            continue;
          }
        }
        long localMicros = held.get(0).versionMicros();
        Optional<Provenance> from = store.provenance(local.get(), leaf.objectId(), leaf.version());
        if (from.isPresent() && from.get().originLeafIndex() > bundle.proof().index()) {
          // the copy held is the one the origin added again after this deletion (its add leaf comes later): a
          // puller that was away saw the new add first, then removed it for the old delete, and its object
          // cursor was past it already — gone for good while the origin still held it (found by an audit)
          continue;
        }
        try {
          bundle.verifyObject(p.logKey(), held.get(0).json().toArray());
        } catch (ProofException e) {
          alerts.raise(p.name(), "object-mismatch", coll + " " + leaf.objectId() + " " + leaf.version(),
              "object-mismatch: the deletion of " + leaf.objectId() + " (" + leaf.version() + ") in " + coll
                  + " of " + p.name() + " names another object than the one held here: " + e.getMessage(),
              PeerPuller.evidence(Map.of("checkpoint", bundle.checkpoint(), "deletion", bundle.toJson(),
                  "detail", String.valueOf(e.getMessage()))));
          continue;
        }
        removed += objects.delete(local.get(), everything, leaf.objectId(),
            new VersionFilter(false, false, false, List.of(localMicros)), List.of());
      } catch (StoreException e) {
        throw new FederationException("cannot apply a deletion from " + p.name() + ": " + e.getMessage(), e);
      }
    }
    if (removed > 0) {
      LOG.info("event=pull_deleted peer={} collection={} object={} version={}", p.name(), coll, leaf.objectId(),
          leaf.version());
    }
    return removed;
  }
}
