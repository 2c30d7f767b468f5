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
    if (signed.isPresent() && before.isPresent() && signed.get().checkpoint().size() < before.get().size()) {
      // The log signed a smaller tree than one we cosigned: it cannot be consistent (RFC 9162 §2.1.4).
      String origin = signed.get().checkpoint().origin();
      raise(peerOf.get(origin), origin, "shrunken-tree", signed.get(), before.get(), body,
          "signed checkpoint of size " + signed.get().checkpoint().size() + " after size " + before.get().size()
              + " was cosigned");
    }
    WitnessResponse r = new Witness(key, logs, states, clock).addCheckpoint(body);
    if (r.status() == 200 && signed.isPresent()) {
      store.setWitnessedNote(signed.get().checkpoint().origin(), signed.get().encode());
    } else if (r.evidence() && signed.isPresent()) {
      String origin = signed.get().checkpoint().origin();
      String kind = r.status() == 409 ? "fork" : "inconsistent-checkpoint";
      raise(peerOf.get(origin), origin, kind, signed.get(), before.orElse(null), body, r.detail());
    } else if (r.status() == 403 && signed.isEmpty()) {
      badSignature(body, logs, peerOf, r.detail());
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

  private void badSignature(byte[] body, Map<String, List<VerifierKey>> logs, Map<String, String> peerOf,
      String detail) {
    try {
      SignedCheckpoint s = SignedCheckpoint.parse(AddCheckpointRequest.parse(body).signedCheckpoint());
      String origin = s.checkpoint().origin();
      if (logs.containsKey(origin)) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("request", new String(body, StandardCharsets.UTF_8));
        ev.put("detail", detail);
        alerts.raise(peerOf.get(origin), "bad-signature", "size " + s.checkpoint().size() + " root "
            + s.checkpoint().root().hex(), "checkpoint for " + origin + " of size " + s.checkpoint().size()
            + " is not signed by its log key", ev.toString());
      }
    } catch (ProofException e) {
      // Malformed: nothing attributable to a peer, already answered 400/403.
    }
  }

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
