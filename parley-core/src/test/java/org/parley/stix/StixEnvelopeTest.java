package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixEnvelopeTest {
  private static final String IDENTITY =
      "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\","
          + "\"created\":\"2016-04-06T20:03:00.000Z\",\"modified\":\"2016-04-06T20:03:00.000Z\",\"name\":\"ACME \\u00e9 \u4e2d\u6587\"}";
  private static final String DOMAIN =
      "{ \"value\" : \"example.com\" ,\n \"type\":\"domain-name\", \"id\":\"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7\" }";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parseEnvelope_taxiiEnvelope_returnsEachElementsExactBytes() throws Exception {
    String envelope = "{\"more\":false,\n\"objects\": [ " + IDENTITY + " ,\n\t" + DOMAIN + "\n]}";

    List<ParseResult> results = Stix.parseEnvelope(utf8(envelope));

    assertThat(results).hasSize(2).allMatch(ParseResult::accepted);
    assertThat(results.get(0).object().orElseThrow().json().toArray()).isEqualTo(utf8(IDENTITY));
    assertThat(results.get(1).object().orElseThrow().json().toArray()).isEqualTo(utf8(DOMAIN));
    assertThat(results.get(1).index()).isEqualTo(1);
  }

  @Test
  void parseEnvelope_bundleWithByteOrderMark_slicesFromTheRightOffsets() throws Exception {
    byte[] body = utf8("\uFEFF{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[" + DOMAIN + "]}");

    List<ParseResult> results = Stix.parseEnvelope(body);

    assertThat(results.get(0).object().orElseThrow().json().toArray()).isEqualTo(utf8(DOMAIN));
  }

  @Test
  void parseEnvelope_invalidElement_isRefusedAloneWithPathsRelativeToIt() throws Exception {
    String bad = IDENTITY.replace("\"created\":\"2016-04-06T20:03:00.000Z\"", "\"created\":\"yesterday\"");
    String envelope = "{\"objects\":[" + DOMAIN + "," + bad + ",42]}";

    List<ParseResult> results = Stix.parseEnvelope(utf8(envelope));

    assertThat(results.get(0).accepted()).isTrue();
    assertThat(results.get(1).accepted()).isFalse();
    assertThat(results.get(1).id()).contains("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff");
    assertThat(results.get(1).violations()).extracting(Violation::path, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$.created", "timestamp-format"));
    assertThat(results.get(2).violations()).extracting(Violation::rule).containsExactly("not-an-object");
    assertThat(results.get(2).id()).isEmpty();
  }

  @Test
  void parseEnvelope_everyViolationOfAnElement_isReported() throws Exception {
    String bad = "{\"type\":\"indicator\",\"spec_version\":\"2.0\",\"id\":\"indicator--1\",\"confidence\":500,\"labels\":[]}";

    List<ParseResult> results = Stix.parseEnvelope(utf8("{\"objects\":[" + bad + "]}"));

    assertThat(results.get(0).violations()).extracting(Violation::rule)
        .contains("spec-version", "id-format", "value-range", "empty-list", "required-property");
    assertThat(results.get(0).violations()).extracting(Violation::path)
        .contains("$.created", "$.modified", "$.pattern", "$.pattern_type", "$.valid_from");
  }

  @Test
  void parseEnvelope_emptyEnvelope_hasNoResults() throws Exception {
    assertThat(Stix.parseEnvelope(utf8("{}"))).isEmpty();
  }

  @Test
  void parseEnvelope_malformedJson_throwsJsonSyntax() {
    assertThatThrownBy(() -> Stix.parseEnvelope(utf8("{\"objects\":[{\"type\":}]}")))
        .isInstanceOfSatisfying(StixException.class,
            e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("json-syntax"));
  }

  @Test
  void parseEnvelope_trailingGarbage_throwsJsonSyntax() {
    assertThatThrownBy(() -> Stix.parseEnvelope(utf8("{\"objects\":[]} {}")))
        .isInstanceOfSatisfying(StixException.class,
            e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("json-syntax"));
  }

  @Test
  void parseEnvelope_objectsNotAList_throws() {
    assertThatThrownBy(() -> Stix.parseEnvelope(utf8("{\"objects\":{}}")))
        .isInstanceOfSatisfying(StixException.class,
            e -> assertThat(e.violations()).extracting(Violation::path).containsExactly("$.objects"));
  }

  @Test
  void parseEnvelope_bundleWithBadId_throwsIdFormat() {
    assertThatThrownBy(() -> Stix.parseEnvelope(utf8("{\"type\":\"bundle\",\"id\":\"bundle--x\",\"objects\":[]}")))
        .isInstanceOfSatisfying(StixException.class,
            e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("id-format"));
  }

  @Test
  void parseEnvelope_utf16Input_isRefused() {
    byte[] utf16 = "{\"objects\":[]}".getBytes(StandardCharsets.UTF_16LE);

    assertThatThrownBy(() -> Stix.parseEnvelope(utf16)).isInstanceOf(StixException.class);
  }

  @Test
  void parseEnvelope_nestingBeyondTheBound_throwsInsteadOfRecursing() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> Stix.parseEnvelope(utf8("{\"objects\":[{\"x_deep\":" + deep + "}]}")))
        .isInstanceOf(StixException.class);
  }

  @Test
  void parseEnvelope_invalidUtf8AnywhereInTheBody_throwsJsonSyntax() {
    byte[] inElement = utf8("{\"objects\":[" + DOMAIN.replace("example.com", "example.\u00e9om") + "]}");
    byte[] inEnvelope = utf8("{\"more\":\"\u00e9\",\"objects\":[" + DOMAIN + "]}");
    for (byte[] body : List.of(inElement, inEnvelope)) {
      for (int i = 0; i < body.length; i++) {
        if (body[i] == (byte) 0xc3) {
          body[i] = (byte) 0xff; // no UTF-8 sequence starts with 0xff
        }
      }
      assertThatThrownBy(() -> Stix.parseEnvelope(body)).isInstanceOfSatisfying(StixException.class,
          e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("json-syntax"));
    }
  }

  @Test
  void parseObject_versionIsModifiedElseCreated() throws Exception {
    StixObject identity = Stix.parseObject(utf8(IDENTITY));
    StixObject domain = Stix.parseObject(utf8(DOMAIN));

    assertThat(identity.version().orElseThrow().text()).isEqualTo("2016-04-06T20:03:00.000Z");
    assertThat(domain.version()).isEmpty();
    assertThat(domain.specVersion()).isEqualTo("2.1");
  }
}
