package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Individual MUST rules, each with the path and rule it must report. */
class StixValidationTest {
  private static final String COMMON = "\"spec_version\":\"2.1\",\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z\"";

  private static StixObject parse(String json) throws StixException {
    return Stix.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Violation> violations(String json) {
    try {
      parse(json);
    } catch (StixException e) {
      return e.violations();
    }
    throw new AssertionError("expected violations for " + json);
  }

  private static String identity(String extra) {
    return "{\"type\":\"identity\",\"id\":\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\"," + COMMON + ",\"name\":\"A\"" + extra + "}";
  }

  @Test
  void relationship_toAMarkingDefinition_isRefTypeAtTargetRef() {
    String r = "{\"type\":\"relationship\",\"id\":\"relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e\"," + COMMON
        + ",\"relationship_type\":\"uses\",\"source_ref\":\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\","
        + "\"target_ref\":\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\"}";

    assertThat(violations(r)).extracting(Violation::path, Violation::rule).containsExactly(tuple("$.target_ref", "ref-type"));
  }

  @Test
  void relationship_typeOutsideLowercaseDigitsAndHyphens_isValueFormat() throws Exception {
    String r = "{\"type\":\"relationship\",\"id\":\"relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e\"," + COMMON
        + ",\"relationship_type\":\"%s\",\"source_ref\":\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\","
        + "\"target_ref\":\"attack-pattern--34098fce-860f-48ae-8e50-ebd3cc5e41da\"}";

    assertThat(parse(String.format(r, "x-acme-launches2")).type()).isEqualTo("relationship");
    for (String bad : List.of("Uses", "uses_", "uses ", "使用")) {
      assertThat(violations(String.format(r, bad))).extracting(Violation::path, Violation::rule)
          .containsExactly(tuple("$.relationship_type", "value-format"));
    }
  }

  @Test
  void integers_pastTwoToTheFiftyThirdMinusOne_areValueRange_once() throws Exception {
    String file = "{\"type\":\"file\",\"id\":\"file--e277603e-1060-5ad4-9937-c26c97f1ca68\",\"name\":\"a\",\"size\":%s}";

    assertThat(parse(String.format(file, "9007199254740991")).type()).isEqualTo("file");
    for (String big : List.of("9007199254740992", "-9223372036854775808", "123456789012345678901234567890")) {
      assertThat(violations(String.format(file, big))).extracting(Violation::path, Violation::rule)
          .containsExactly(tuple("$.size", "value-range"));
    }
  }

  @Test
  void aPropertyTheTypeDoesNotDefine_isTheProducers_evenIfAnotherTypeDefinesIt() throws Exception {
    // a top-level property extension (§7.3) adding "version" (an integer) and "count" to an identity
    StixObject o = parse(identity(",\"version\":2,\"count\":\"many\""));
    assertThat(o.id()).isEqualTo("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff");

    // where the type defines them, their type is checked
    String software = "{\"type\":\"software\",\"id\":\"software--e277603e-1060-5ad4-9937-c26c97f1ca68\","
        + "\"name\":\"x\",\"version\":2}";
    assertThat(violations(software)).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.version", "property-type"));
  }

  @Test
  void sighting_ofAnObservable_isRefTypeButOfACustomObjectIsAccepted() throws Exception {
    String s = "{\"type\":\"sighting\",\"id\":\"sighting--ee20065d-2555-424f-ad9e-0f8428623c75\"," + COMMON
        + ",\"sighting_of_ref\":\"%s\",\"where_sighted_refs\":[\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\",\"%s\"]}";

    assertThat(violations(String.format(s, "file--e277603e-1060-5ad4-9937-c26c97f1ca68", "location--f431f809-377b-45e0-aa1c-6a4751cae5ff")))
        .extracting(Violation::path, Violation::rule).containsExactly(tuple("$.sighting_of_ref", "ref-type"));
    assertThat(violations(String.format(s, "x-acme-thing--e277603e-1060-5ad4-9937-c26c97f1ca68", "tool--f431f809-377b-45e0-aa1c-6a4751cae5ff")))
        .extracting(Violation::path, Violation::rule).containsExactly(tuple("$.where_sighted_refs[1]", "ref-type"));
  }

  @Test
  void everyViolation_isReportedWithItsOwnPath() {
    String bad = identity(",\"confidence\":-1,\"lang\":\"??\",\"labels\":[\"ok\",7],\"external_references\":[{\"url\":1}],"
        + "\"object_marking_refs\":[\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\",\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\"],"
        + "\"x\":true,\"x_ok_ref\":\"nope\"");

    assertThat(violations(bad)).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("$.confidence", "value-range"),
        tuple("$.lang", "lang-tag"),
        tuple("$.labels[1]", "property-type"),
        tuple("$.external_references[0].source_name", "external-reference"),
        tuple("$.external_references[0].url", "property-type"),
        tuple("$.object_marking_refs[1]", "ref-type"),
        tuple("$.x", "property-name"),
        tuple("$.x_ok_ref", "ref-format"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-Hans", "zh-Hant-TW", "de-CH-1901", "sr-Latn-RS", "es-419", "x-private", "i-klingon",
      "en-US-x-twain", "sgn-BE-FR"})
  void lang_wellFormedTags_areAccepted(String tag) throws Exception {
    assertThat(parse(identity(",\"lang\":\"" + tag + "\"")).type()).isEqualTo("identity");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "e", "english-language-tag", "en_US", "en--US", "123", "zh-Hans-", "-en"})
  void lang_malformedTags_areRefused(String tag) {
    assertThat(violations(identity(",\"lang\":\"" + tag + "\""))).extracting(Violation::rule).containsExactly("lang-tag");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2016-02-29T00:00:00.000Z", "2016-12-31T23:59:60.000Z", "2016-01-01T00:00:00.123456789123Z"})
  void timestamps_validEdgeCases_areAccepted(String ts) throws Exception {
    assertThat(parse(identity(",\"x_seen\":1").replace("2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z",
        ts + "\",\"modified\":\"" + ts)).created().orElseThrow().text()).isEqualTo(ts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2015-02-29T00:00:00.000Z", "2016-04-31T00:00:00.000Z", "2016-01-01t00:00:00.000Z",
      "2016-01-01T00:00:00.000z", "2016-01-01T24:00:00.000Z", "2016-01-01T00:00:00.Z", "2016-1-01T00:00:00.000Z",
      "2016-01-01T00:00:00.000+00:00", "20160101T000000Z"})
  void timestamps_invalid_areTimestampFormat(String ts) {
    String json = identity("").replace("\"modified\":\"2016-04-06T20:03:48.000Z\"", "\"modified\":\"" + ts + "\"");

    assertThat(violations(json)).extracting(Violation::path, Violation::rule).containsExactly(tuple("$.modified", "timestamp-format"));
  }

  @Test
  void timestamp_leapSecond_isTheNextInstantAndKeepsItsText() throws Exception {
    StixObject o = parse(identity("").replace("\"modified\":\"2016-04-06T20:03:48.000Z\"", "\"modified\":\"2016-12-31T23:59:60.250Z\""));

    assertThat(o.modified().orElseThrow().instant()).isEqualTo(Instant.parse("2017-01-01T00:00:00.250Z"));
    assertThat(o.version().orElseThrow().text()).isEqualTo("2016-12-31T23:59:60.250Z");
  }

  @Test
  void granularMarkings_selectorsWithListIndexes_resolve() throws Exception {
    String ok = identity(",\"labels\":[\"a\",\"b\"],\"external_references\":[{\"source_name\":\"s\",\"url\":\"u\"}],"
        + "\"granular_markings\":[{\"lang\":\"en\",\"selectors\":[\"labels.[1]\",\"external_references.[0].url\",\"name\"]}]");
    String bad = ok.replace("labels.[1]", "labels.[2]").replace("\"name\"]", "\"name.x\"]");

    assertThat(parse(ok).id()).startsWith("identity--");
    assertThat(violations(bad)).extracting(Violation::path, Violation::rule).containsExactly(
        tuple("$.granular_markings[0].selectors[0]", "granular-marking-selector"),
        tuple("$.granular_markings[0].selectors[2]", "granular-marking-selector"));
  }

  @Test
  void hashes_wrongLengthsAndFormats_areHashValue() {
    String file = "{\"type\":\"file\",\"id\":\"file--e277603e-1060-5ad4-9937-c26c97f1ca68\",\"hashes\":{"
        + "\"SHA-1\":\"abc\",\"SHA-256\":\"zz\",\"SSDEEP\":\"not ssdeep\",\"TLSH\":\"T1abc\",\"MD5\":\"6ea4578f7c6c4b1a1b7b4a8d2d7d9f2c\"}}";

    assertThat(violations(file)).extracting(Violation::path).containsExactlyInAnyOrder(
        "$.hashes.SHA-1", "$.hashes.SHA-256", "$.hashes.SSDEEP", "$.hashes.TLSH");
  }

  @Test
  void hashes_theSsdeepOfAnEmptyFileIsAccepted_butAKeyOfTwoCharactersIsNot() throws Exception {
    String file = "{\"type\":\"file\",\"id\":\"file--e277603e-1060-5ad4-9937-c26c97f1ca68\",\"hashes\":{%s}}";

    assertThat(parse(String.format(file, "\"SSDEEP\":\"3::\"")).type()).isEqualTo("file");
    assertThat(violations(String.format(file, "\"md\":\"00\""))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.hashes.md", "dictionary-key"));
  }

  @Test
  void closedEnumerations_ofObservablesAndTheirExtensions_areEnumValue() throws Exception {
    String id = "\"id\":\"%s--e277603e-1060-5ad4-9937-c26c97f1ca68\"";
    String artifact = "{\"type\":\"artifact\"," + String.format(id, "artifact")
        + ",\"payload_bin\":\"AAAA\",\"encryption_algorithm\":\"%s\",\"decryption_key\":\"k\"}";
    String traffic = "{\"type\":\"network-traffic\"," + String.format(id, "network-traffic")
        + ",\"dst_ref\":\"ipv4-addr--e277603e-1060-5ad4-9937-c26c97f1ca68\",\"protocols\":[\"tcp\"],"
        + "\"extensions\":{\"socket-ext\":{%s}}}";
    String process = "{\"type\":\"process\"," + String.format(id, "process") + ",\"extensions\":{"
        + "\"windows-process-ext\":{\"integrity_level\":\"%s\"},\"windows-service-ext\":{\"start_type\":\"%s\"}}}";
    String key = "{\"type\":\"windows-registry-key\"," + String.format(id, "windows-registry-key")
        + ",\"key\":\"HKEY_LOCAL_MACHINE\\\\System\",\"values\":[{\"name\":\"a\",\"data_type\":\"%s\"}]}";

    assertThat(parse(String.format(artifact, "AES-256-GCM")).type()).isEqualTo("artifact");
    assertThat(parse(String.format(traffic, "\"address_family\":\"AF_INET\",\"socket_type\":\"SOCK_DGRAM\"")).type())
        .isEqualTo("network-traffic");
    assertThat(parse(String.format(traffic, "\"address_family\":\"AF_INET6\",\"socket_type\":\"AF_ISOCK_DGRAMNET\""))
        .type()).as("the spec's own misprint of SOCK_DGRAM").isEqualTo("network-traffic");
    assertThat(parse(String.format(process, "system", "SERVICE_AUTO_START")).type()).isEqualTo("process");
    assertThat(parse(String.format(key, "REG_SZ")).type()).isEqualTo("windows-registry-key");

    assertThat(violations(String.format(artifact, "rot13"))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.encryption_algorithm", "enum-value"));
    assertThat(violations(String.format(traffic, "\"socket_type\":\"stream\""))).extracting(Violation::path, Violation::rule)
        .containsExactlyInAnyOrder(tuple("$.extensions.socket-ext.address_family", "required-property"),
            tuple("$.extensions.socket-ext.socket_type", "enum-value"));
    assertThat(violations(String.format(process, "SYSTEM", "auto"))).extracting(Violation::path, Violation::rule)
        .containsExactlyInAnyOrder(tuple("$.extensions.windows-process-ext.integrity_level", "enum-value"),
            tuple("$.extensions.windows-service-ext.start_type", "enum-value"));
    assertThat(violations(String.format(key, "string"))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.values[0].data_type", "enum-value"));
  }

  @Test
  void customObject_withBadCommonProperties_isRefusedButItsOwnPropertiesAreFree() throws Exception {
    String ok = "{\"type\":\"x-acme-widget\",\"id\":\"x-acme-widget--e277603e-1060-5ad4-9937-c26c97f1ca68\",\"name\":42,\"colour\":{}}";
    String bad = "{\"type\":\"x-acme-widget\",\"id\":\"x-acme-widget--e277603e-1060-5ad4-9937-c26c97f1ca68\",\"spec_version\":\"2.0\",\"created\":\"now\"}";

    assertThat(parse(ok).specVersion()).isEqualTo("2.1");
    assertThat(violations(bad)).extracting(Violation::rule).containsExactlyInAnyOrder("spec-version", "timestamp-format");
  }

  @Test
  void sco_withoutSpecVersion_isAcceptedButAnSdoIsNot() throws Exception {
    assertThat(parse("{\"type\":\"url\",\"id\":\"url--c1477287-23ac-5971-a010-5c287877fa60\",\"value\":\"http://a\"}").specVersion())
        .isEqualTo("2.1");
    assertThat(violations(identity("").replace(COMMON, COMMON.substring(COMMON.indexOf(',') + 1))))
        .extracting(Violation::path).containsExactly("$.spec_version");
  }

  @Test
  void uuid_withNonRfc4122Variant_isIdFormat() {
    assertThat(violations(identity("").replace("aa1c-6a4751cae5ff", "ca1c-6a4751cae5ff")))
        .extracting(Violation::rule).containsExactly("id-format");
  }

  @Test
  void notJson_throwsOneJsonSyntaxViolation() {
    assertThatThrownBy(() -> parse("{\"type\": nope}")).isInstanceOfSatisfying(StixException.class,
        e -> assertThat(e.violations()).extracting(Violation::path, Violation::rule).containsExactly(tuple("$", "json-syntax")));
  }

  @Test
  void messages_quoteUntrustedTextSafely() {
    List<Violation> v = violations(identity(",\"lang\":\"\\u0000\\n\\\"" + "x".repeat(500) + "\""));

    assertThat(v.get(0).message()).doesNotContain("\n").doesNotContain("\u0000").hasSizeLessThan(300);
  }
  @Test
  void anOverlongUtf8Sequence_isNotJson() {
    // "C0 AF" would decode to '/' in a lenient reader: "a/b" to the validator, other bytes to everyone else
    byte[] utf8 = identity(",\"labels\":[\"aXb\"]").getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[utf8.length + 1];
    int x = new String(utf8, StandardCharsets.UTF_8).indexOf("aXb") + 1;
    System.arraycopy(utf8, 0, bad, 0, x);
    bad[x] = (byte) 0xC0;
    bad[x + 1] = (byte) 0xAF;
    System.arraycopy(utf8, x + 1, bad, x + 2, utf8.length - x - 1);

    assertThatThrownBy(() -> Stix.parseObject(bad)).isInstanceOfSatisfying(StixException.class,
        e -> assertThat(e.violations()).extracting(Violation::rule, Violation::message)
            .containsExactly(tuple("json-syntax", "RFC 8259 §8.1: not UTF-8 at byte " + x
                + " (an invalid, overlong or surrogate sequence)")));
  }

  @Test
  void anEncodedSurrogateOrACodePointPastTheLastOne_isNotJson() {
    for (byte[] seq : new byte[][] {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
      byte[] head = identity(",\"labels\":[\"").getBytes(StandardCharsets.UTF_8);
      String tail = "\"]}";
      byte[] body = new byte[head.length - 1 + seq.length + tail.length()];
      System.arraycopy(head, 0, body, 0, head.length - 1);
      System.arraycopy(seq, 0, body, head.length - 1, seq.length);
      System.arraycopy(tail.getBytes(StandardCharsets.UTF_8), 0, body, head.length - 1 + seq.length, tail.length());

      assertThatThrownBy(() -> Stix.parseObject(body)).isInstanceOfSatisfying(StixException.class,
          e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("json-syntax"));
    }
  }

  @Test
  void aLoneEscapedSurrogate_inAValueOrAName_isNotJson() throws Exception {
    for (String extra : List.of(",\"labels\":[\"a\\ud800b\"]", ",\"x_\\udc00\":1")) {
      assertThatThrownBy(() -> parse(identity(extra))).isInstanceOfSatisfying(StixException.class,
          e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("json-syntax"));
    }
    // a pair written as two escapes is one character, and welcome
    assertThat(parse(identity(",\"labels\":[\"\\ud83d\\ude00\"]")).id())
        .isEqualTo("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff");
  }

  @Test
  void aListOfTenThousandBadElements_givesAtMostTwentySixBoundedViolations() {
    String labels = String.join(",", java.util.Collections.nCopies(10_000, "7"));
    List<Violation> v = violations(identity(",\"labels\":[" + labels + "],\"lang\":\"" + "?".repeat(5_000) + "\""));

    assertThat(v).hasSize(26);
    assertThat(v.get(25)).extracting(Violation::rule, Violation::message)
        .containsExactly("more-violations", "9976 further violations left out");
    assertThat(v).allSatisfy(x -> assertThat(x.message().length() + x.path().length()).isLessThan(700));
  }
}
