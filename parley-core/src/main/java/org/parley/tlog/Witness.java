package org.parley.tlog;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision logic of a C2SP tlog-witness v1.0.0 witness ({@code add-checkpoint}), independent of HTTP: it
 * verifies the log's signature and the consistency proof against the latest checkpoint it cosigned, records the
 * new state atomically and durably, and only then returns its tlog-cosignature v1.0.1 cosignature.
 */
public final class Witness {
  private final SignerKey key;
  private final Map<String, List<VerifierKey>> logs;
  private final WitnessStateStore store;
  private final Clock clock;

  /**
   * @param key the witness's key; it cosigns with key ID type 0x04
   * @param logs the trusted log keys, by checkpoint origin
   * @param store the witness's memory of each log
   * @param clock the source of cosignature timestamps
   */
  public Witness(SignerKey key, Map<String, List<VerifierKey>> logs, WitnessStateStore store, Clock clock) {
    this.key = key;
    this.logs = Map.copyOf(logs);
    this.store = store;
    this.clock = clock;
  }

  /** The witness's public key, as the type 0x04 verifier key clients configure. */
  public VerifierKey verifierKey() {
    return key.cosignatureVerifierKey();
  }

  /** Handles one {@code POST <prefix>/add-checkpoint} body; the checks run in the order the spec lists them. */
  public WitnessResponse addCheckpoint(byte[] body) {
    AddCheckpointRequest request;
    SignedCheckpoint signed;
    try {
      request = AddCheckpointRequest.parse(body);
      signed = SignedCheckpoint.parse(request.signedCheckpoint());
    } catch (ProofException e) {
      return WitnessResponse.error(400, "malformed request: " + e.getMessage(), false);
    }
    Checkpoint c = signed.checkpoint();
    List<VerifierKey> trusted = logs.get(c.origin());
    if (trusted == null) {
      return WitnessResponse.error(404, "unknown log origin " + Texts.quote(c.origin()), false);
    }
    try {
      signed.note().verify(trusted);
    } catch (ProofException e) {
      return WitnessResponse.error(403, "no valid signature by a trusted key of the log: " + e.getMessage(), false);
    }
    if (request.oldSize() > c.size()) {
      return WitnessResponse.error(400, "old size " + request.oldSize() + " exceeds checkpoint size " + c.size(),
          false);
    }
    Optional<WitnessState> latest = store.latest(c.origin());
    long latestSize = latest.map(WitnessState::size).orElse(0L);
    if (request.oldSize() != latestSize) {
      return WitnessResponse.sizeConflict(latestSize, "old size " + request.oldSize() + ", latest cosigned "
          + latestSize);
    }
    Hash latestRoot = latest.map(WitnessState::root).orElse(Merkle.emptyRoot());
    if (request.oldSize() == c.size()) {
      if (!latestRoot.equals(c.root())) {
        return WitnessResponse.error(409, "fork: size " + c.size() + " was cosigned with root " + latestRoot.hex()
            + ", now " + c.root().hex(), true);
      }
      if (!request.proof().isEmpty()) {
        return WitnessResponse.error(422, "a consistency proof between equal sizes must be empty", true);
      }
    } else {
      try {
        Merkle.verifyConsistency(request.oldSize(), c.size(), latestRoot, c.root(), request.proof());
      } catch (ProofException e) {
        return WitnessResponse.error(422, "consistency proof does not verify: " + e.getMessage(),
            request.oldSize() > 0);
      }
    }
    WitnessState next = new WitnessState(c.origin(), c.size(), c.root());
    if (!store.compareAndSet(c.origin(), latest, next)) {
      long now = store.latest(c.origin()).map(WitnessState::size).orElse(0L);
      return WitnessResponse.sizeConflict(now, "a concurrent request moved the state to size " + now);
    }
    // Persisted above before the cosignature leaves this method (C2SP tlog-witness §add-checkpoint).
    return WitnessResponse.ok(List.of(key.cosign(c, clock.instant().getEpochSecond())));
  }
}
