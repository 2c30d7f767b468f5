package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Every parser of untrusted tlog input, fuzzed: the only failure allowed is a {@link ProofException}; the witness
 * never throws and always answers with a tlog-witness status. Under {@code mvn test} these replay the inputs in
 * {@code src/test/resources/org/parley/tlog/TlogFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they fuzz.
 */
class TlogFuzzTest {
  private static final SignerKey LOG = LogTest.key();
  private static final Witness WITNESS = new Witness(LOG, Map.of(LOG.name(), List.of(LOG.verifierKey())),
      new InMemoryWitnessStateStore(), Clock.fixed(Instant.ofEpochSecond(1), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "60s")
  void note(byte[] input) {
    try {
      Note note = Note.parse(input);
      assertThat(Note.parse(note.encode())).isEqualTo(note);
      note.verify(List.of(LOG.verifierKey()));
    } catch (ProofException expected) {
      // rejected cleanly
    }
  }

  @FuzzTest(maxDuration = "60s")
  void checkpoint(byte[] input) {
    try {
      Checkpoint c = Checkpoint.parse(new String(input, StandardCharsets.UTF_8));
      assertThat(c.body()).isEqualTo(new String(input, StandardCharsets.UTF_8));
    } catch (ProofException expected) {
      // rejected cleanly
    }
  }

  @FuzzTest(maxDuration = "60s")
  void tilePath(byte[] input) {
    String path = new String(input, StandardCharsets.UTF_8);
    try {
      assertThat(TileId.parse(path).path()).isEqualTo(path);
    } catch (ProofException expected) {
      // rejected cleanly
    }
  }

  @FuzzTest(maxDuration = "60s")
  void entryBundle(byte[] input) {
    try {
      assertThat(EntryBundle.encode(EntryBundle.decode(input)).toArray()).isEqualTo(input);
    } catch (ProofException expected) {
      // rejected cleanly
    }
  }

  @FuzzTest(maxDuration = "60s")
  void keys(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      assertThat(VerifierKey.parse(text).encode()).isNotEmpty();
    } catch (ProofException expected) {
      // rejected cleanly
    }
    try {
      assertThat(SignerKey.parse(text).name()).isNotEmpty();
    } catch (ProofException expected) {
      // rejected cleanly
    }
  }

  @FuzzTest(maxDuration = "60s")
  void addCheckpoint(byte[] input) {
    WitnessResponse r = WITNESS.addCheckpoint(input);
    assertThat(r.status()).isIn(200, 400, 403, 404, 409, 422);
  }
}
