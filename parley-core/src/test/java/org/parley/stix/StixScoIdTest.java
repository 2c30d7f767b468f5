package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * STIX 2.1 §2.9 deterministic ids. Vectors: the domain-name example of STIX 2.1 (Errata 01); the others were
 * computed independently (CPython uuid.uuid5 over json.dumps(sort_keys, compact), equal to JCS for these values).
 */
class StixScoIdTest {
  @Test
  void scoId_domainNameSpecExample_matchesTheSpec() throws Exception {
    assertThat(Stix.scoId("domain-name", Map.of("value", "example.com")))
        .isEqualTo("domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7");
  }

  @Test
  void scoId_knownAnswers_match() throws Exception {
    assertThat(Stix.scoId("ipv4-addr", Map.of("value", "198.51.100.3")))
        .isEqualTo("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
    assertThat(Stix.scoId("email-addr", Map.of("value", "john@example.com", "display_name", "John Doe")))
        .isEqualTo("email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934");
    assertThat(Stix.scoId("autonomous-system", Map.of("number", 15139, "name", "Slime Industries")))
        .isEqualTo("autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff");
    assertThat(Stix.scoId("user-account", Map.of("user_id", "1001", "account_login", "jdoe", "account_type", "unix")))
        .isEqualTo("user-account--f94d689e-707d-58c3-b803-c720bb6ed096");
    assertThat(Stix.scoId("url", Map.of("value", "https://example.com/research/index.html")))
        .isEqualTo("url--47c3cf9a-5027-5bf0-997a-017c7edc7c55");
  }

  @Test
  void scoId_fileWithSeveralHashes_usesOnlyMd5First() throws Exception {
    Map<String, Object> hashes = new LinkedHashMap<>();
    hashes.put("SHA-256", "35a01331e9ad96f751278b891b6ea09699806faedfa237d40513d92ad1b7100f");
    hashes.put("MD5", "6ea4578f7c6c4b1a1b7b4a8d2d7d9f2c");

    String withBoth = Stix.scoId("file", Map.of("name", "foo.zip", "hashes", hashes, "size", 3));

    assertThat(withBoth).isEqualTo("file--d243ed54-5c04-59fd-8140-7a6de819a733");
    assertThat(withBoth).isEqualTo(Stix.scoId("file", Map.of("name", "foo.zip",
        "hashes", Map.of("MD5", "6ea4578f7c6c4b1a1b7b4a8d2d7d9f2c"))));
  }

  @Test
  void scoId_fromJson_ignoresNonContributingProperties() throws Exception {
    String json = "{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":\"domain-name--00000000-0000-4000-8000-000000000000\","
        + "\"value\":\"example.com\",\"resolves_to_refs\":[\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\"]}";

    assertThat(Stix.scoId(Bytes.utf8(json))).isEqualTo("domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7");
  }

  @Test
  void scoId_isAValidVersion5Identifier() throws Exception {
    String id = Stix.scoId("network-traffic", Map.of("src_ref", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
        "protocols", List.of("tcp"), "dst_port", 443));

    assertThat(id).matches("network-traffic--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void scoId_processAndCustomTypes_haveNoDeterministicId() {
    assertThatThrownBy(() -> Stix.scoId("process", Map.of("pid", 1))).isInstanceOfSatisfying(StixException.class,
        e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("no-deterministic-id"));
    assertThatThrownBy(() -> Stix.scoId("x-thing", Map.of("value", "a"))).isInstanceOf(StixException.class);
    assertThatThrownBy(() -> Stix.scoId("url", Map.of("name", "a"))).isInstanceOf(StixException.class);
  }
}
