package org.parley.node.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.tlog.AddCheckpointRequest;
import org.parley.tlog.Hash;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.VerifierKey;
import org.parley.tlog.Witness;
import org.parley.tlog.WitnessResponse;
import org.parley.tlog.WitnessState;

/**
 * This node as a witness of its peers' logs (C2SP tlog-witness v1.0.0 {@code add-checkpoint}): the decision
 * is {@link Witness}'s, over state kept durably in the node's database; this class adds what a federation
 * needs around it. A checkpoint the peer's key signed that contradicts what this node cosigned (a fork, a
 * rewritten entry, a shrunken tree) is refused, kept as evidence with the note this node last cosigned, and
 * raised as an alert.
 */
final class WitnessService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SignerKey key;
  private final FederationStore store;
  private final JdbcWitnessStateStore states;
  private final Alerts alerts;
  private final Clock clock;

  WitnessService(SignerKey key, FederationStore store, Alerts alerts, Clock clock) {
    this.key = key;
    this.store = store;
    this.states = new JdbcWitnessStateStore(store);
    this.alerts = alerts;
    this.clock = clock;
  }

  VerifierKey verifierKey() {
    return key.cosignatureVerifierKey();
  }

  /** Handles one request body; the answer is what goes back over HTTP. */
  WitnessResponse addCheckpoint(byte[] body) throws FederationException {
    Map<String, List<VerifierKey>> logs = new HashMap<>();
    Map<String, String> peerOf = new HashMap<>();
    for (Peer p : store.peers()) {
      logs.put(p.logKey().name(), List.of(p.logKey()));
      peerOf.put(p.logKey().name(), p.name());
    }
    Optional<SignedCheckpoint> signed = signedByKnownLog(body, logs);
    Optional<WitnessState> before = signed.flatMap(s -> states.latest(s.checkpoint().origin()));
    // A checkpoint smaller than the one cosigned is no evidence: the log signed it once, when its tree had that
    // size, and anyone may send it again (the endpoint needs no credentials). It is answered 409 with the size
    // known here (C2SP tlog-witness), as any stale request is; it raised a "shrunken-tree" alert against an
    // honest peer until session 8. A contradiction needs the same size with another root, or a proof that fails.
    WitnessResponse r = new Witness(key, logs, new JdbcWitnessStateStore(store,
        signed.map(SignedCheckpoint::encode)), clock).addCheckpoint(body); // the state and its note in one write
    if (r.status() == 200 && signed.isPresent()) {
      store.setWitnessedNote(signed.get().checkpoint().origin(), signed.get().encode());
    } else if (r.evidence() && signed.isPresent()) {
      String origin = signed.get().checkpoint().origin();
      String kind = r.status() == 409 ? "fork" : "inconsistent-checkpoint";
      raise(peerOf.get(origin), origin, kind, signed.get(), before.orElse(null), body, r.detail());
    } else if (r.status() == 403 && signed.isEmpty()) {
      badSignature(body, logs, r.detail());
    }
    return r;
  }

  private static Optional<SignedCheckpoint> signedByKnownLog(byte[] body, Map<String, List<VerifierKey>> logs) {
    try {
      SignedCheckpoint s = SignedCheckpoint.parse(AddCheckpointRequest.parse(body).signedCheckpoint());
      List<VerifierKey> keys = logs.get(s.checkpoint().origin());
      if (keys == null) {
        return Optional.empty();
      }
      s.note().verify(keys);
      return Optional.of(s);
    } catch (ProofException e) {
      return Optional.empty();
    }
  }

  /**
   * A note for a peer's origin that its log key did not sign is nobody's statement: anyone can write one, so it is
   * logged (once a minute per origin at most), never stored as an alert against the peer — five 8 MB notes stored
   * 40 MB of "bad-signature" alerts in two seconds (found by an audit). C2SP tlog-witness keeps nothing of a
   * request whose signature does not verify.
   */
  private void badSignature(byte[] body, Map<String, List<VerifierKey>> logs, String detail) {
    try {
      SignedCheckpoint s = SignedCheckpoint.parse(AddCheckpointRequest.parse(body).signedCheckpoint());
      String origin = s.checkpoint().origin();
      long now = clock.millis();
      if (logs.containsKey(origin) && now - lastBadSignatureLog.getOrDefault(origin, Long.MIN_VALUE / 2) >= 60_000) {
        lastBadSignatureLog.put(origin, now);
        LOG.warn("event=witness_unsigned_checkpoint origin={} size={} detail={} (not the log's signature: not "
            + "evidence against the peer; further ones for this origin are not logged for a minute)", origin,
            s.checkpoint().size(), Texts.firstLine(detail));
      }
    } catch (ProofException e) {
      // Malformed: nothing attributable to a peer, already answered 400/403.
    }
  }

  private final Map<String, Long> lastBadSignatureLog = new java.util.concurrent.ConcurrentHashMap<>();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WitnessService.class);

  private void raise(String peer, String origin, String kind, SignedCheckpoint offered, WitnessState before,
      byte[] body, String detail) throws FederationException {
    ObjectNode ev = JSON.createObjectNode();
    ev.put("origin", origin);
    ev.put("offered_checkpoint", offered.encode());
    store.witnessedNote(origin).ifPresent(n -> ev.put("last_cosigned_checkpoint", n));
    if (before != null) {
      ev.put("last_cosigned_size", before.size());
      ev.put("last_cosigned_root", before.root().base64());
    }
    ev.put("add_checkpoint_request", new String(body, StandardCharsets.UTF_8));
    ev.put("detail", detail);
    Hash root = offered.checkpoint().root();
    alerts.raise(peer == null ? origin : peer, kind, "size " + offered.checkpoint().size() + " root " + root.hex(),
        kind + " in the log of " + origin + ": " + detail, ev.toString());
  }
}
