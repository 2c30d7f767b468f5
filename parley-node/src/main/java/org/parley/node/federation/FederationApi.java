package org.parley.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.node.auth.Access;
import org.parley.node.auth.Authenticator;
import org.parley.node.log.LogException;
import org.parley.node.log.LogLeaf;
import org.parley.node.log.ProofBundle;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Directory;
import org.parley.node.store.Micros;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoreException;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.WitnessResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federation's HTTP resources:
 * <ul>
 *   <li>{@code POST /witness/add-checkpoint}: this node as a C2SP tlog-witness v1.0.0 witness of its peers;</li>
 *   <li>{@code GET /federation/v1/checkpoint?min_cosignatures=N}: the latest checkpoint of this node's log
 *       carrying at least N cosignatures (tlog-cosignature v1.0.1 lines after the log's signature), for any party
 *       of this node (peers pull with the token it issued them);</li>
 *   <li>{@code GET /federation/v1/proof?collection=&id=&version=&size=}: the {@code parley-inclusion-proof/v1}
 *       bundle of one object version against the cosigned checkpoint of that size, for a party that may read
 *       the object;</li>
 *   <li>{@code GET /federation/v1/deletions?collection=&after=&size=}: the {@code delete} leaves of a collection
 *       the caller may read, after leaf index {@code after} and inside the cosigned tree of {@code size}, each as a
 *       {@code parley-inclusion-proof/v1} bundle, so that peers remove what the origin deleted;</li>
 *   <li>{@code GET /federation/v1/witnessed?origin=}: the checkpoint of log {@code origin} this node's witness
 *       cosigned last, as the log signed it, for any party of this node: a puller whose checkpoint the other
 *       witnesses will not cosign compares the two ({@link SplitViews});</li>
 *   <li>{@code GET /federation/v1/keys}: this node's log and witness verifier keys;</li>
 *   <li>{@code GET /federation/alerts}: misbehaviour detected in peers' logs, with evidence; for this node's own
 *       party only, since the evidence may hold objects shared with it under TLP.</li>
 * </ul>
 */
final class FederationApi {
  private static final Logger LOG = LoggerFactory.getLogger(FederationApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ALERT_MEDIA = "application/json";
  private final WitnessService witness;
  private final FederationStore store;
  private final Alerts alerts;
  private final TransparencyLog log;
  private final Directory directory;
  private final ObjectStore objects;
  private final Authenticator auth;

  FederationApi(WitnessService witness, FederationStore store, Alerts alerts, TransparencyLog log,
      Directory directory, ObjectStore objects) {
    this.witness = witness;
    this.store = store;
    this.alerts = alerts;
    this.log = log;
    this.directory = directory;
    this.objects = objects;
    this.auth = new Authenticator(directory);
  }

  void register(JavalinConfig c) {
    var r = c.routes;
    r.post(CosignatureCollector.ADD_CHECKPOINT, this::addCheckpoint);
    r.get(PeerPuller.CHECKPOINT, this::checkpoint);
    r.get(PeerPuller.PROOF, this::proof);
    r.get(PeerPuller.DELETIONS, this::deletions);
    r.get(SplitViews.WITNESSED, this::witnessed);
    r.get("/federation/v1/keys", this::keys);
    r.get("/federation/alerts", this::alerts);
    r.exception(FederationException.class, (e, ctx) -> {
      LOG.error("event=federation_failure path={} cause={}", ctx.path(), e.getMessage());
      ctx.status(500).contentType("text/plain; charset=utf-8").result("federation failure; retry later\n");
    });
    r.exception(LogException.class, (e, ctx) -> {
      LOG.error("event=log_failure path={} cause={}", ctx.path(), e.getMessage());
      ctx.status(500).contentType("text/plain; charset=utf-8").result("log failure; retry later\n");
    });
  }

  /**
   * The largest add-checkpoint request read: a signed note with a few signatures and a consistency proof of at most
   * 63 hashes (C2SP tlog-witness §add-checkpoint) is a few kilobytes; a 64 MiB body was read whole before.
   */
  static final int MAX_ADD_CHECKPOINT = 64 * 1024;

  private void addCheckpoint(Context ctx) throws FederationException {
    byte[] body;
    try {
      body = org.parley.node.RequestBodies.read(ctx, MAX_ADD_CHECKPOINT);
    } catch (org.parley.node.RequestBodies.TooLarge e) {
      ctx.status(413).contentType("text/plain; charset=utf-8")
          .result("add-checkpoint request over " + MAX_ADD_CHECKPOINT + " bytes\n");
      return;
    } catch (java.io.IOException e) {
      ctx.status(400).contentType("text/plain; charset=utf-8").result("could not read the request body\n");
      return;
    }
    WitnessResponse w = witness.addCheckpoint(body);
    if (w.status() != 200) {
      LOG.warn("event=witness_refused status={} detail={}", w.status(), Texts.firstLine(w.detail()));
    }
    ctx.status(w.status()).contentType(w.contentType()).result(w.body());
  }

  private void checkpoint(Context ctx) throws FederationException, StoreException {
    // any party of this node, as /log/checkpoint: the sizes over time tell how much and when a group shares, which
    // is nobody's business outside it (a peer pulls with the token this node issued it)
    if (party(ctx).isEmpty()) {
      return;
    }
    int min;
    try {
      min = Integer.parseInt(Optional.ofNullable(ctx.queryParam("min_cosignatures")).orElse("0"));
    } catch (NumberFormatException e) {
      min = -1;
    }
    if (min < 0) {
      ctx.status(400).result("min_cosignatures: expected a non-negative integer\n");
      return;
    }
    Optional<String> note = store.latestCosigned(min);
    if (note.isEmpty()) {
      ctx.status(404).result("no checkpoint with " + min + " cosignatures yet\n");
      return;
    }
    ctx.contentType("text/plain; charset=utf-8").result(note.get());
  }

  /** The longest origin asked about: a C2SP key name is far shorter; a longer one is no log this witness knows. */
  static final int MAX_ORIGIN = 256;

  private void witnessed(Context ctx) throws FederationException, StoreException {
    if (party(ctx).isEmpty()) {
      return; // a log's sizes over time tell how much a group shares: for the group's parties only, as /checkpoint
    }
    String origin = ctx.queryParam("origin");
    if (origin == null || origin.isEmpty() || origin.length() > MAX_ORIGIN || origin.chars().anyMatch(c -> c < 0x20)) {
      ctx.status(400).contentType("text/plain; charset=utf-8")
          .result("origin: expected a log origin of 1 to " + MAX_ORIGIN + " characters\n");
      return;
    }
    Optional<String> note = store.witnessedNote(origin);
    if (note.isEmpty()) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("this witness has cosigned no checkpoint of "
          + "that log\n");
      return;
    }
    ctx.contentType("text/plain; charset=utf-8").result(note.get());
  }

  private void proof(Context ctx) throws FederationException, StoreException, LogException {
    Optional<String> party = party(ctx);
    if (party.isEmpty()) {
      return;
    }
    String coll = ctx.queryParam("collection");
    String id = ctx.queryParam("id");
    String version = ctx.queryParam("version");
    long size;
    long micros;
    try {
      size = Long.parseLong(String.valueOf(ctx.queryParam("size")));
      micros = Micros.parse(version);
    } catch (IllegalArgumentException e) {
      ctx.status(400).result("expected collection, id, version (RFC 3339) and size\n");
      return;
    }
    if (coll == null || id == null || !visible(party.get(), coll, id, micros)) {
      ctx.status(404).result("no such object version visible to you\n");
      return;
    }
    Optional<ProofBundle> latest = log.proof(coll, id, micros, LogLeaf.Op.ADD);
    Optional<String> note = store.cosigned(size);
    if (latest.isEmpty() || note.isEmpty() || latest.get().proof().index() >= size) {
      ctx.status(404).result("not in a cosigned checkpoint of size " + size + "\n");
      return;
    }
    InclusionProof p = log.inclusionProof(latest.get().proof().index(), size);
    ctx.contentType("application/json").result(new ProofBundle(latest.get().entry(), p, note.get()).toJson());
  }

  /**
   * A delete leaf names the collection, the object id and version and the SHA-256 of what was deleted — no
   * content — and goes to members who may read the collection (the same audience as the log's own tiles).
   */
  private void deletions(Context ctx) throws FederationException, StoreException, LogException {
    Optional<String> party = party(ctx);
    if (party.isEmpty()) {
      return;
    }
    String coll = ctx.queryParam("collection");
    long after;
    long size;
    try {
      after = Long.parseLong(String.valueOf(ctx.queryParam("after")));
      size = Long.parseLong(String.valueOf(ctx.queryParam("size")));
    } catch (NumberFormatException e) {
      ctx.status(400).result("expected collection, after (a leaf index, -1 for the start) and size\n");
      return;
    }
    Optional<CollectionInfo> info = coll == null ? Optional.empty() : directory.collection(coll);
    if (info.isEmpty() || new Access(party.get(), info.get()).viewer().isEmpty()) {
      ctx.status(404).result("no such collection visible to you\n");
      return;
    }
    Optional<String> note = store.cosigned(size);
    if (note.isEmpty() || after < -1) {
      ctx.status(404).result("no cosigned checkpoint of size " + size + "\n");
      return;
    }
    List<ProofBundle> found = log.deletions(coll, after, size, DELETIONS_PAGE + 1, note.get());
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("deletions");
    for (ProofBundle b : found.subList(0, Math.min(found.size(), DELETIONS_PAGE))) {
      try {
        arr.add(JSON.readTree(b.toJson()));
      } catch (IOException e) {
        throw new FederationException("cannot encode a proof bundle: " + e.getMessage(), e);
      }
    }
    root.put("more", found.size() > DELETIONS_PAGE);
    ctx.contentType("application/json").result(root.toString());
  }

  static final int DELETIONS_PAGE = 200;

  private boolean visible(String party, String coll, String id, long versionMicros) throws StoreException {
    Optional<CollectionInfo> info = directory.collection(coll);
    if (info.isEmpty()) {
      return false;
    }
    Optional<Viewer> viewer = new Access(party, info.get()).viewer();
    if (viewer.isEmpty()) {
      return false;
    }
    return !objects.query(new ObjectQuery(coll, viewer.get(), OptionalLong.empty(), List.of(id), List.of(),
        List.of(), new VersionFilter(false, false, false, List.of(versionMicros)), OptionalLong.empty(), 1))
        .rows().isEmpty();
  }

  /** The authenticated party, or empty after answering 401 with the challenge. */
  private Optional<String> party(Context ctx) throws StoreException {
    Optional<String> party = auth.authenticate(Optional.ofNullable(ctx.header("Authorization")));
    if (party.isEmpty()) {
      ctx.status(401).header("WWW-Authenticate", Authenticator.CHALLENGE).result("");
    }
    return party;
  }

  private void keys(Context ctx) {
    ObjectNode o = JSON.createObjectNode();
    o.put("log", log.verifierKey().encode());
    o.put("witness", witness.verifierKey().encode());
    ctx.contentType("application/json").result(o.toString());
  }

  private void alerts(Context ctx) throws FederationException, StoreException {
    Optional<String> party = party(ctx);
    if (party.isEmpty()) {
      return;
    }
    Optional<String> self = store.setting(Federation.SELF);
    if (!self.equals(party)) {
      ctx.status(403).contentType("text/plain; charset=utf-8").result("alerts are for this node's own party"
          + (self.isEmpty() ? ", which is not set yet (parley peer self NAME)" : "") + "\n");
      return;
    }
    ctx.contentType(ALERT_MEDIA).result(toJson(alerts.list()));
  }

  /** {@code {"alerts": [{"id", "created", "peer", "kind", "summary", "evidence": {...}}]}}. */
  static String toJson(List<Alert> list) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("alerts");
    for (Alert a : list) {
      ObjectNode o = arr.addObject();
      o.put("id", a.id());
      o.put("created", Micros.format(a.createdMicros()));
      o.put("peer", a.peer());
      o.put("kind", a.kind());
      o.put("summary", a.summary());
      try {
        JsonNode ev = JSON.readTree(a.evidence());
        o.set("evidence", ev);
      } catch (IOException e) {
        o.put("evidence", a.evidence());
      }
    }
    return root.toString();
  }
}
