package org.parley.node.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.parley.node.federation.Alert;
import org.parley.node.log.LogStatus;
import org.parley.tlog.NoteSignature;
import org.parley.tlog.SignedCheckpoint;

/**
 * The node's transparency log as an analyst checks it: size, root, the signed checkpoint exactly as published
 * (C2SP tlog-checkpoint v1.0.0) and who cosigned it (C2SP tlog-cosignature v1.0.1). Witness names and note text
 * come from other parties' keys and are escaped like everything else.
 */
final class LogPages {
  static final int MAX_ALERTS = 200;

  private LogPages() {}

  static void log(Html h, Frame f, LogStatus status, Optional<SignedCheckpoint> checkpoint, String verifierKey) {
    h.raw("<h1 id=\"log-title\">").text(f.t("log.title")).raw("</h1><dl class=\"facts\" id=\"log-status\">");
    fact(h, f.t("log.origin"), status.origin());
    fact(h, f.t("log.size"), Long.toString(status.size()));
    fact(h, f.t("log.root"), status.root().hex());
    fact(h, f.t("log.integrated"), Long.toString(status.integrated()));
    fact(h, f.t("log.pending"), Long.toString(status.pending()));
    fact(h, f.t("log.key"), verifierKey);
    h.raw("</dl><h2>").text(f.t("log.checkpoint")).raw("</h2>");
    if (checkpoint.isEmpty()) {
      h.raw("<p class=\"empty\">").text(f.t("log.no_checkpoint")).raw("</p>");
    } else {
      h.raw("<pre class=\"json\" id=\"checkpoint\">").text(checkpoint.get().encode()).raw("</pre>");
    }
    h.raw("<h2>").text(f.t("log.cosignatures", status.cosignatures().size())).raw("</h2>");
    if (status.cosignatures().isEmpty()) {
      h.raw("<p class=\"empty\" id=\"no-cosignatures\">").text(f.t("log.no_cosignatures")).raw("</p>");
      return;
    }
    h.raw("<table class=\"list\" id=\"cosignatures\"><thead><tr><th>").text(f.t("log.witness")).raw("</th><th>")
        .text(f.t("log.key_id")).raw("</th><th>").text(f.t("log.signature")).raw("</th></tr></thead><tbody>");
    for (NoteSignature s : status.cosignatures()) {
      h.raw("<tr><td class=\"name\">").text(s.name()).raw("</td><td><code>")
          .text(HexFormat.of().toHexDigits(s.keyId())).raw("</code></td><td class=\"name\"><code>").text(s.base64())
          .raw("</code></td></tr>");
    }
    h.raw("</tbody></table>");
  }

  /** Federation alerts, newest first, at most {@value #MAX_ALERTS}; the evidence folds open without scripts. */
  static void alerts(Html h, Frame f, List<Alert> oldestFirst) {
    h.raw("<h2 id=\"alerts-title\">").text(f.t("alerts.title", oldestFirst.size())).raw("</h2>");
    if (oldestFirst.isEmpty()) {
      h.raw("<p class=\"empty\" id=\"no-alerts\">").text(f.t("alerts.none")).raw("</p>");
      return;
    }
    List<Alert> newest = new ArrayList<>(oldestFirst.subList(Math.max(0, oldestFirst.size() - MAX_ALERTS),
        oldestFirst.size()));
    Collections.reverse(newest);
    h.raw("<table class=\"list alerts\" id=\"alerts\"><thead><tr><th>").text(f.t("alerts.when"))
        .raw("</th><th>").text(f.t("alerts.peer")).raw("</th><th>").text(f.t("alerts.kind")).raw("</th><th>")
        .text(f.t("alerts.summary")).raw("</th></tr></thead><tbody>");
    for (Alert a : newest) {
      h.raw("<tr><td><time>").text(Frame.utc(a.createdMicros())).raw("</time></td><td class=\"name\">")
          .text(a.peer()).raw("</td><td><span class=\"kind\">").text(a.kind()).raw("</span></td>")
          .raw("<td class=\"name\">").text(a.summary()).raw("<details><summary>").text(f.t("alerts.evidence"))
          .raw("</summary><pre class=\"json\">").text(a.evidence()).raw("</pre></details></td></tr>");
    }
    h.raw("</tbody></table>");
  }

  private static void fact(Html h, String name, String value) {
    h.raw("<dt>").text(name).raw("</dt><dd><code>").text(value).raw("</code></dd>");
  }
}
