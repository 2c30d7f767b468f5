package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real data: every object of MITRE ATT&CK Enterprise v12.1, custom types and properties included. */
class StixAttackBundleTest {
  @Test
  void parseEnvelope_attackEnterprise12WithLegacySpecVersion_acceptsEveryObjectWithItsExactBytes() throws Exception {
    byte[] bundle = AttackBundle.bytes();

    List<ParseResult> results = Stix.parseEnvelope(bundle, Compatibility.TOLERATE_2_0_OMISSIONS);

    List<String> refused = results.stream().filter(r -> !r.accepted())
        .map(r -> r.id().orElse("#" + r.index()) + " " + r.violations()).limit(20).collect(Collectors.toList());
    assertThat(refused).isEmpty();
    assertThat(results).hasSizeGreaterThan(15_000);
    StixObject first = results.get(0).object().orElseThrow();
    assertThat(Stix.parseObject(first.json().toArray(), Compatibility.TOLERATE_2_0_OMISSIONS)).isEqualTo(first);
  }

  @Test
  void parseEnvelope_attackEnterprise12Strict_refusesOnlyFor2_0Omissions() throws Exception {
    List<ParseResult> results = Stix.parseEnvelope(AttackBundle.bytes());

    assertThat(results).filteredOn(ParseResult::accepted)
        .allMatch(r -> r.object().orElseThrow().type().startsWith("x-mitre-"));
    assertThat(results.stream().flatMap(r -> r.violations().stream()).map(Violation::path).distinct())
        .containsExactlyInAnyOrder("$.spec_version", "$.is_family");
  }
}
