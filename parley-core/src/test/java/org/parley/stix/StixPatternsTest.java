package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.stix.StixPattern.Comparison;
import org.parley.stix.StixPattern.Constant;
import org.parley.stix.StixPattern.ObjectPath;
import org.parley.stix.StixPattern.Qualifier;
import org.parley.stix.StixPattern.Step;

class StixPatternsTest {
  /** Patterns from STIX 2.1 §9 and its examples, plus every operator, qualifier and literal type. */
  @ParameterizedTest
  @ValueSource(strings = {
      "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
      "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
      "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
      "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
      "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
      "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
      "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
      "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
      "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
      "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
      "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
      "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
      "([file:name = 'a'] AND [file:name = 'b']) OR [file:name = 'c'] FOLLOWEDBY [file:name = 'd']",
      "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=' AND artifact:payload_bin != b'']",
      "[file:magic_number_hex = h'ffd8']",
      "[network-traffic:dst_port >= 1024 AND network-traffic:dst_port < 65536 AND network-traffic:src_port <= +80 AND network-traffic:src_port > 0]",
      "[network-traffic:dst_port NOT IN (80, 443, 8080)]",
      "[ipv4-addr:value ISSUBSET '198.51.100.0/24' AND ipv4-addr:value NOT ISSUPERSET '198.51.100.0/28']",
      "[file:name LIKE 'foo%' AND file:name NOT LIKE '%.tmp']",
      "[user-account:is_privileged = true AND user-account:is_disabled == false AND user-account:account_login <> 'root']",
      "[x-custom:list[0] = -1.5 AND x-custom:list[-1] = .25 AND x-custom:x = 0]",
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
      "[ EXISTS windows-registry-key:values ] /* a comment */ // and another\n",
      "[file:name = 'it\\'s \\\\ here'] WITHIN 2.5 SECONDS",
      // STIXPattern.g4 WS: no-break, ideographic and other Unicode spaces, as a pattern pasted from a document has
      "[file:name\u00a0=\u3000'x']\u2003AND\u202f[file:size\u000b>\u0085\u20055]\u2028",
  })
  void parse_validPattern_succeeds(String pattern) throws Exception {
    assertThat(StixPatterns.parse(pattern)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "[]", "file:name = 'x'", "[file:name = 'x'", "[file:name = 'x']]", "[file:name 'x']",
      "[file:name = x]", "[file:name = 'x' AND]", "[file:name = 'x'] AND", "[file:name = 'x'] and [file:name = 'y']",
      "[file:name = \"x\"]", "[file:name = 'x\\n']", "[file:name = 'unterminated]", "[file:size > true]",
      "[file:size IN 5]", "[file:name LIKE 5]", "[file:name MATCHES t'2016-01-01T00:00:00Z']",
      "[file:name = 'x'] WITHIN 0 SECONDS", "[file:name = 'x'] WITHIN -5 SECONDS", "[file:name = 'x'] WITHIN 5",
      "[file:name = 'x'] REPEATS 0 TIMES", "[file:name = 'x'] REPEATS 1.5 TIMES",
      "[file:name = 'x'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'",
      "[file:created = t'2016-02-30T00:00:00Z']", "[file:created = t'2016-01-01 00:00:00']",
      "[file:magic_number_hex = h'abc']", "[file:magic_number_hex = h'zz']", "[artifact:payload_bin = b'abc']",
      "[File:name = 'x']", "[fi:name = 'x']", "[file:na-me = 'x']", "[file:name[x] = 'x']", "[file:size = 007]",
      "[file:name = 'x'] /* open", "[file:name ! 'x']", "[file:name = 'x'] FOLLOWEDBY", "[EXISTS]",
      "[file:size = 1] [file:size = 2]", "[file:AND = 1]",
  })
  void parse_invalidPattern_throwsPatternSyntax(String pattern) {
    assertThatThrownBy(() -> StixPatterns.parse(pattern))
        .isInstanceOfSatisfying(StixException.class,
            e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("pattern-syntax"));
  }

  @Test
  void parse_comparison_buildsPathOperatorAndConstant() throws Exception {
    StixPattern p = StixPatterns.parse("[file:hashes.'SHA-256' NOT = 'ab' AND file:parent_directory_ref.contains_refs[*].x[2] IN (1, 2.5, true)]");

    Comparison.And and = (Comparison.And) ((StixPattern.Observation) p).comparison();
    assertThat(and.operands()).containsExactly(
        new Comparison.Test(new ObjectPath("file", List.of(new Step.Property("hashes"), new Step.Property("SHA-256"))),
            true, StixPattern.Operator.EQ, new Constant.Text("ab")),
        new Comparison.Test(new ObjectPath("file", List.of(new Step.Property("parent_directory_ref"),
                new Step.Property("contains_refs"), new Step.AnyIndex(), new Step.Property("x"), new Step.Index(2))),
            false, StixPattern.Operator.IN, new Constant.Set(List.of(new Constant.Integer(BigInteger.ONE),
                new Constant.Float(new BigDecimal("2.5")), new Constant.Bool(true)))));
  }

  @Test
  void parse_precedence_followedByLoosestThenOrThenAnd() throws Exception {
    StixPattern p = StixPatterns.parse("[a-b:x = 1] AND [a-b:x = 2] OR [a-b:x = 3] FOLLOWEDBY [a-b:x = 4] WITHIN 5 SECONDS");

    StixPattern.Combination followed = (StixPattern.Combination) p;
    assertThat(followed.operator()).isEqualTo(StixPattern.ObservationOperator.FOLLOWEDBY);
    StixPattern.Combination or = (StixPattern.Combination) followed.operands().get(0);
    assertThat(or.operator()).isEqualTo(StixPattern.ObservationOperator.OR);
    assertThat(((StixPattern.Combination) or.operands().get(0)).operator()).isEqualTo(StixPattern.ObservationOperator.AND);
    assertThat(((StixPattern.Qualified) followed.operands().get(1)).qualifiers())
        .containsExactly(new Qualifier.Within(new BigDecimal("5")));
  }

  @Test
  void parse_typedLiterals_areDecoded() throws Exception {
    StixPattern p = StixPatterns.parse("[a-b:x = b'aGk=' OR a-b:x = h'00ff' OR a-b:x = t'2016-01-01T00:00:00.5Z']");

    List<Comparison> ors = ((Comparison.Or) ((StixPattern.Observation) p).comparison()).operands();
    assertThat(((Constant.Binary) ((Comparison.Test) ors.get(0)).value()).value().utf8()).isEqualTo("hi");
    assertThat(((Constant.Hex) ((Comparison.Test) ors.get(1)).value()).value().toArray()).containsExactly(0x00, 0xff);
    assertThat(((Constant.Time) ((Comparison.Test) ors.get(2)).value()).value().instant())
        .isEqualTo(java.time.Instant.parse("2016-01-01T00:00:00.500Z"));
  }

  @Test
  void parse_longChains_stayFlat() throws Exception {
    String pattern = "[a-b:x = 1" + " AND a-b:x = 1".repeat(20_000) + "]" + " OR [a-b:x = 2]".repeat(20_000);

    StixPattern p = StixPatterns.parse(pattern);

    assertThat(((StixPattern.Combination) p).operands()).hasSize(20_001);
    assertThat(p.hashCode()).isEqualTo(StixPatterns.parse(pattern).hashCode());
  }

  @Test
  void parse_deepNesting_isRefusedNotOverflowing() {
    String deep = "(".repeat(100_000) + "[a-b:x = 1]" + ")".repeat(100_000);

    assertThatThrownBy(() -> StixPatterns.parse(deep)).isInstanceOf(StixException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void parseObject_indicatorWithBadStixPattern_reportsPatternSyntaxAtPattern() {
    String indicator = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
        + "\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z\",\"pattern\":\"[file:name = ]\","
        + "\"pattern_type\":\"stix\",\"valid_from\":\"2016-01-01T00:00:00Z\"}";

    assertThatThrownBy(() -> Stix.parseObject(indicator.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(StixException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::rule)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.pattern", "pattern-syntax")));
  }

  @Test
  void parseObject_indicatorInAnotherPatternLanguage_isNotParsedAsStix() throws Exception {
    String indicator = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
        + "\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z\",\"pattern\":\"alert tcp any any -> any any\","
        + "\"pattern_type\":\"snort\",\"valid_from\":\"2016-01-01T00:00:00Z\"}";

    assertThat(Stix.parseObject(indicator.getBytes(StandardCharsets.UTF_8)).type()).isEqualTo("indicator");
  }
}
