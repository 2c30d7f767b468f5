package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real data: every object of MITRE ATT&CK Enterprise v12.1, custom types and properties included. */
class StixAttackBundleTest {
  @Test
  void parseEnvelope_attackEnterprise12WithLegacySpecVersion_acceptsEveryObjectAsTheNextRunOfInputBytes() throws Exception {
    byte[] bundle = AttackBundle.bytes();

    List<ParseResult> results = Stix.parseEnvelope(bundle, Compatibility.TOLERATE_2_0_OMISSIONS);

    List<String> refused = results.stream().filter(r -> !r.accepted())
        .map(r -> r.id().orElse("#" + r.index()) + " " + r.violations()).limit(20).collect(Collectors.toList());
    assertThat(refused).isEmpty();
    assertThat(results).hasSizeGreaterThan(15_000);
    int at = 0;
    for (ParseResult r : results) {
      byte[] slice = r.object().orElseThrow().json().toArray();
      at = indexOf(bundle, slice, at); // each slice is the next run of the input's own bytes
      assertThat(at).as("slice of %s", r.id()).isGreaterThanOrEqualTo(0);
      assertThat(slice[0]).isEqualTo((byte) '{');
      assertThat(slice[slice.length - 1]).isEqualTo((byte) '}');
      at += slice.length;
    }
    StixObject first = results.get(0).object().orElseThrow();
    assertThat(Stix.parseObject(first.json().toArray(), Compatibility.TOLERATE_2_0_OMISSIONS)).isEqualTo(first);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
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
