package org.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.node.federation.SplitViewEvidence;
import org.parley.tlog.ProofException;
import org.parley.tlog.SplitView;
import org.parley.tlog.VerifierKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley verify split-view}: checks a split-view alert's evidence with the log's key alone. */
@Command(name = "split-view", mixinStandardHelpOptions = true,
    description = "Verify a split-view alert (GET /federation/alerts, parley peer alerts): the log's key signed both"
        + " checkpoints, and the consistency proof shows that one tree is no prefix of the other.")
final class VerifySplitView implements Callable<Integer> {
  /** An alert's evidence is two notes and a proof of at most 64 hashes: a few kilobytes; a list of alerts, more. */
  static final long MAX_BYTES = 16L << 20;

  @Parameters(paramLabel = "FILE", description = "one alert, its evidence, or the alerts list (JSON)")
  Path file;

  @Option(names = "--vkey", required = true, paramLabel = "LOGKEY", description = "the log's verifier key")
  String vkey;

  @Option(names = "--alert", paramLabel = "ID", description = "which alert of a list to verify")
  String alertId;

  @Override
  public Integer call() throws Exception {
    List<VerifierKey> k = VerifyCommand.keys("--vkey", List.of(vkey));
    if (k == null) {
      return 2;
    }
    JsonNode doc;
    try {
      if (Files.size(file) > MAX_BYTES) {
        System.err.println("parley: " + file + " is over " + (MAX_BYTES >> 20) + " MiB: not a list of alerts");
        return 2;
      }
      doc = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (java.io.IOException e) {
      return VerifyCommand.unusable("cannot read " + file + " as JSON", e);
    }
    JsonNode alert = doc;
    if (doc != null && doc.has("alerts")) {
      List<JsonNode> found = new ArrayList<>();
      doc.path("alerts").forEach(a -> {
        if (a.path("kind").asText().equals("split-view") && (alertId == null || alertId.equals(a.path("id").asText()))) {
          found.add(a);
        }
      });
      if (found.size() != 1) {
        List<String> ids = found.stream().map(a -> a.path("id").asText()).toList();
        System.err.println("parley: " + file + " lists " + (found.isEmpty() ? "no split-view alert"
            + (alertId == null ? "" : " with id " + alertId) : found.size() + " split-view alerts: choose one with"
            + " --alert ID (" + String.join(", ", ids) + ")"));
        return 2;
      }
      alert = found.get(0);
    }
    if (alert == null || !alert.isObject()) {
      System.err.println("parley: " + file + ": expected a JSON object (an alert or its evidence)");
      return 2;
    }
    try {
      SplitView s = SplitViewEvidence.verify(alert, k.get(0));
      System.out.printf("VERIFIED: the log %s signed two checkpoints that contradict each other%n",
          s.larger().origin());
      System.out.printf("  size %d root %s%n  size %d root %s%n", s.smaller().size(), s.smaller().root().base64(),
          s.larger().size(), s.larger().root().base64());
      if (s.smaller().size() != s.larger().size()) {
        System.out.printf("  the first %d leaves of the larger tree have root %s, proven by %d hashes (RFC 9162)%n",
            s.smaller().size(), s.prefixRoot().base64(), s.path().size());
      }
      return 0;
    } catch (ProofException e) {
      return VerifyCommand.failed(e);
    }
  }
}
