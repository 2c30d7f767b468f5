package org.parley.node.federation;

import java.util.Objects;

/**
 * Misbehaviour a node detected in a peer's log or data, with the evidence it kept.
 *
 * @param id a stable id, {@code alert--<uuid>}
 * @param createdMicros when it was first raised (microseconds since the epoch)
 * @param peer the party whose log or data misbehaved (a log origin for witness alerts)
 * @param kind what was seen: {@code fork}, {@code inconsistent-checkpoint}, {@code bad-signature},
 *     {@code object-mismatch}, {@code inclusion-failed} (alerts stored before session 8 may say {@code shrunken-tree})
 * @param summary one line for humans (untrusted text quoted; escape it when shown)
 * @param evidence JSON text holding the notes, proofs and bytes that show the inconsistency
 */
public record Alert(String id, long createdMicros, String peer, String kind, String summary, String evidence) {
  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(evidence, "evidence");
  }
}
