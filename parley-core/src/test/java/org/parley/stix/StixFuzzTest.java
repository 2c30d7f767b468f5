package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzing of every parser that reads untrusted input. Under {@code mvn test} each method replays the inputs
 * in {@code src/test/resources/org/parley/stix/StixFuzzTestInputs/<method>/} (seeds and kept crashers);
 * with {@code JAZZER_FUZZ=1} it fuzzes, e.g.
 * {@code JAZZER_FUZZ=1 mvn -o -pl parley-core test -Dtest='StixFuzzTest#parseEnvelope_anyBytes_onlyThrowsStixException'}.
 * The contract: no exception but {@link StixException}, no hang, no stack overflow.
 */
class StixFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void parseEnvelope_anyBytes_onlyThrowsStixException(byte[] data) throws Exception {
    List<ParseResult> results;
    try {
      results = Stix.parseEnvelope(data);
    } catch (StixException e) {
      assertThat(e.violations()).isNotEmpty();
      return;
    }
    for (ParseResult r : results) {
      if (r.accepted()) {
        StixObject o = r.object().orElseThrow();
        // an accepted element's exact bytes parse on their own to the same object
        assertThat(Stix.parseObject(o.json().toArray())).isEqualTo(o);
      } else {
        assertThat(r.violations()).isNotEmpty();
      }
    }
  }

  @FuzzTest(maxDuration = "2m")
  void parseObject_anyBytes_onlyThrowsStixException(byte[] data) {
    try {
      StixObject o = Stix.parseObject(data);
      assertThat(o.json().toArray()).isEqualTo(data);
    } catch (StixException e) {
      assertThat(e.violations()).isNotEmpty();
    }
  }

  @FuzzTest(maxDuration = "2m")
  void parsePattern_anyText_onlyThrowsStixException(FuzzedDataProvider data) {
    String pattern = data.consumeRemainingAsString();
    try {
      StixPattern p = StixPatterns.parse(pattern);
      assertThat(p).isEqualTo(StixPatterns.parse(pattern));
    } catch (StixException e) {
      assertThat(e.violations()).extracting(Violation::rule).containsExactly("pattern-syntax");
    }
  }

  @FuzzTest(maxDuration = "2m")
  void canonicalize_anyBytes_isIdempotentOrThrowsStixException(byte[] data) throws Exception {
    Bytes once;
    try {
      once = Stix.canonicalize(Bytes.copyOf(data));
    } catch (StixException e) {
      assertThat(e.violations()).isNotEmpty();
      return;
    }
    assertThat(Stix.canonicalize(once)).isEqualTo(once);
  }
}
