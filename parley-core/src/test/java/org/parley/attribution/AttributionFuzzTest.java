package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Parsers of untrusted input: any bytes either parse or throw {@link AttributionException}, and whatever parses
 * can be attributed and reported. Under plain {@code mvn test} the kept inputs replay; JAZZER_FUZZ=1 fuzzes.
 */
class AttributionFuzzTest {
  private static final KnowledgeBase KB = Fixtures.mini();
  private static final AttributionEngine ENGINE = AttributionEngine.create(KB);

  @FuzzTest(maxDuration = "60s")
  void readIncident_anyBytes_parsesOrThrowsTheCapabilityException(byte[] data) {
    Incident incident;
    try {
      incident = Incidents.read(new ByteArrayInputStream(data), KB);
    } catch (AttributionException e) {
      return;
    }
    Assessment a = ENGINE.attribute(incident);
    assertThat(a.hypotheses().stream().mapToDouble(Hypothesis::probability).sum()).isCloseTo(1, within(1e-9));
    Reports.text(a, Lang.EN);
    assertThat(Reports.html(a, Lang.ZH_HANS)).doesNotContain("<script");
    Reports.json(a);
    Reports.stix(a, Instant.EPOCH, () -> new UUID(1, 2));
  }

  @FuzzTest(maxDuration = "60s")
  void readKnowledgeBase_anyBytes_parsesOrThrowsTheCapabilityException(byte[] data) {
    KnowledgeBase kb;
    try {
      kb = KnowledgeBase.read(new ByteArrayInputStream(data));
    } catch (AttributionException e) {
      return;
    }
    Incident none = new Incident("incident--x", "x", List.of(), List.of());
    assertThat(AttributionEngine.create(kb).attribute(none).actors()).isNotEmpty();
  }

  @FuzzTest(maxDuration = "60s")
  void extendedWith_anyText_extendsOrThrowsTheCapabilityException(byte[] data) {
    try {
      KnowledgeBase kb = KB.extendedWith(List.of(new String(data, java.nio.charset.StandardCharsets.UTF_8)));
      AttributionEngine.create(kb);
    } catch (AttributionException e) {
      // not a JSON object: the documented failure
    }
  }
}
