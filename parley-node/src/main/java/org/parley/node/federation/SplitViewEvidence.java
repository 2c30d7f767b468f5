package org.parley.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.parley.tlog.Hash;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SplitView;
import org.parley.tlog.VerifierKey;

/**
 * Checks the evidence of a {@code split-view} alert ({@link SplitViews}) with nothing but the log's verifier key, as
 * an auditor or another party would: both checkpoints signed by that key, and the {@link SplitView} they make.
 */
public final class SplitViewEvidence {
  private SplitViewEvidence() {}

  /**
   * The split view {@code alertOrEvidence} proves — an alert as {@code GET /federation/alerts} lists it, or its
   * {@code evidence} object. Throws when a checkpoint is not signed by {@code logKey} or the two do not contradict
   * each other.
   */
  public static SplitView verify(JsonNode alertOrEvidence, VerifierKey logKey) throws ProofException {
    JsonNode ev = alertOrEvidence.has("evidence") ? alertOrEvidence.path("evidence") : alertOrEvidence;
    SignedCheckpoint served = SignedCheckpoint.open(field(ev, "served_checkpoint"), logKey, List.of());
    SignedCheckpoint witnessed = SignedCheckpoint.open(field(ev, "witnessed_checkpoint"), logKey, List.of());
    List<Hash> path = new ArrayList<>();
    for (String h : ev.path("consistency_proof").asText("").split(" ")) {
      if (!h.isEmpty()) {
        path.add(Hash.fromBase64(h));
      }
    }
    boolean servedIsLarger = served.checkpoint().size() >= witnessed.checkpoint().size();
    SplitView split = new SplitView(servedIsLarger ? witnessed.checkpoint() : served.checkpoint(),
        servedIsLarger ? served.checkpoint() : witnessed.checkpoint(), Hash.fromBase64(field(ev, "prefix_root")), path);
    split.verify();
    return split;
  }

  private static String field(JsonNode ev, String name) throws ProofException {
    JsonNode v = ev.path(name);
    if (!v.isTextual()) {
      throw new ProofException("split-view-evidence", "a text field \"" + name + "\" in the split-view evidence",
          v.isMissingNode() ? "none" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return v.asText();
  }
}
