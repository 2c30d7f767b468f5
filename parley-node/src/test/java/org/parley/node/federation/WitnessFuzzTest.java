package org.parley.node.federation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.tlog.AddCheckpointRequest;
import org.parley.tlog.InMemoryLogStorage;
import org.parley.tlog.Log;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SignerKey;
import org.parley.tlog.WitnessResponse;

/**
 * Fuzzes the witness endpoint's handling of untrusted request bodies (add-checkpoint): it must answer with a
 * tlog-witness status and never throw, and it may cosign only a checkpoint its peer's log key signed. Plain
 * {@code mvn test} replays the inputs kept under src/test/resources/.../WitnessFuzzTestInputs/.
 */
class WitnessFuzzTest {
  private static final Set<Integer> STATUSES = Set.of(200, 400, 403, 404, 409, 422);
  private static final SignerKey LOG_KEY = SignerKey.generate("a.example/parley", new SecureRandom(new byte[] {1}));
  private static final Log LOG;
  private static final SignedCheckpoint FIVE;
  private static final WitnessService WITNESS;

  static {
    try {
      LOG = Log.open(new InMemoryLogStorage(), LOG_KEY);
      for (int i = 0; i < 5; i++) {
        LOG.append(List.of(("e" + i + "\n").getBytes(StandardCharsets.UTF_8)));
      }
      FIVE = LOG.integrate();
      FederationStore store = FederationStore.open("jdbc:sqlite:"
          + Files.createTempDirectory("parley-witness-fuzz").resolve("w.db"));
      store.addPeer(new Peer("a", URI.create("http://127.0.0.1:1"), "t", LOG_KEY.verifierKey(), Optional.empty()),
          0);
      WITNESS = new WitnessService(store.witnessKey("b.example/parley/witness", new SecureRandom()), store,
          new Alerts(store, Clock.systemUTC()), Clock.systemUTC());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void addCheckpoint(FuzzedDataProvider data) throws Exception {
    byte[] body;
    if (data.consumeBoolean()) {
      // Structured: a real signed checkpoint behind a fuzzed old size and proof, or with fuzzed bytes appended.
      String head = "old " + data.consumeLong(-2, 10) + "\n" + data.consumeString(200) + "\n\n";
      body = (head + FIVE.encode() + data.consumeRemainingAsString()).getBytes(StandardCharsets.UTF_8);
    } else {
      body = data.consumeRemainingAsBytes();
    }
    WitnessResponse r = WITNESS.addCheckpoint(body);
    if (!STATUSES.contains(r.status())) {
      throw new AssertionError("not a tlog-witness status: " + r.status());
    }
    if (r.status() == 200) {
      // Only a checkpoint the log key signed may be cosigned.
      SignedCheckpoint.open(AddCheckpointRequest.parse(body).signedCheckpoint(), LOG_KEY.verifierKey(), List.of());
    }
  }
}
