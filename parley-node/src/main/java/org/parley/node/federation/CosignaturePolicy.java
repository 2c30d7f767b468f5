package org.parley.node.federation;

import java.util.List;
import java.util.OptionalInt;
import org.parley.tlog.Cosignature;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;

/**
 * Which signatures a peer's checkpoint must carry before this node trusts an inclusion proof against it: always
 * the peer log's own signature; this node's cosignature when {@code requireOwn}; and {@code extraWitnesses}
 * cosignatures by other peers of the group (by default one when the group has three or more parties, none
 * otherwise). Requiring one's own cosignature means this node has itself checked that the checkpoint extends
 * everything it saw before; the extra witness means another party has seen the same tree (no split view).
 */
public record CosignaturePolicy(boolean requireOwn, OptionalInt extraWitnesses) {
  public CosignaturePolicy {
    if (extraWitnesses.isPresent() && extraWitnesses.getAsInt() < 0) {
      throw new IllegalArgumentException("extraWitnesses must not be negative");
    }
  }

  public static CosignaturePolicy defaults() {
    return new CosignaturePolicy(true, OptionalInt.empty());
  }

  /** Cosignatures required from other witnesses in a group of {@code groupSize} parties (this one included). */
  public int extraRequired(int groupSize) {
    return extraWitnesses.orElse(groupSize >= 3 ? 1 : 0);
  }

  /** The number of cosignatures (own included) a checkpoint must carry. */
  public int totalRequired(int groupSize) {
    return (requireOwn ? 1 : 0) + extraRequired(groupSize);
  }

  /**
   * Verifies that {@code encoded} is signed by {@code logKey} and carries the cosignatures this policy demands.
   *
   * @param own this node's witness key
   * @param others the witness keys of the group's other parties (the log's owner excluded)
   * @throws FederationException naming what is missing, or the signature that failed
   */
  public SignedCheckpoint verify(String encoded, VerifierKey logKey, VerifierKey own, List<VerifierKey> others,
      int groupSize) throws FederationException {
    SignedCheckpoint cp;
    try {
      cp = SignedCheckpoint.open(encoded, logKey, List.of());
    } catch (ProofException e) {
      throw new FederationException("checkpoint-signature: expected a valid signature by " + logKey.name()
          + ", " + e.getMessage(), e);
    }
    if (requireOwn && cp.cosignatures(List.of(own)).isEmpty()) {
      throw new FederationException("policy: expected this node's cosignature " + own.name() + ", found none");
    }
    List<Cosignature> extra = cp.cosignatures(others.stream().filter(k -> !k.equals(own)).toList());
    int need = extraRequired(groupSize);
    if (extra.size() < need) {
      throw new FederationException("policy: expected " + need + " cosignature(s) by other witnesses of the group, "
          + "found " + extra.size());
    }
    return cp;
  }
}
