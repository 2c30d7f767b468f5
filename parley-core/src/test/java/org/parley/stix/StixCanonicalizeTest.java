package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.stix.internal.EcmaNumbers;

/** RFC 8785 known answers: §3.2.2 and §3.2.3 examples, Appendix B number samples, and an independent cross-check. */
class StixCanonicalizeTest {
  private static String canonical(String json) throws StixException {
    return Stix.canonicalize(Bytes.utf8(json)).utf8();
  }

  @Test
  void canonicalize_rfc8785Section3_2_2Example_matchesTheRfc() throws Exception {
    String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n              2e-3, 0.000000000000000000000000001],\n"
        + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";

    assertThat(canonical(input)).isEqualTo(
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void canonicalize_rfc8785Section3_2_3SortingExample_ordersByUtf16CodeUnits() throws Exception {
    String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
        + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

    assertThat(canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
        + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ' ', value = {
      "0000000000000000 0", "8000000000000000 0", "0000000000000001 5e-324", "8000000000000001 -5e-324",
      "7fefffffffffffff 1.7976931348623157e+308", "ffefffffffffffff -1.7976931348623157e+308",
      "4340000000000000 9007199254740992", "c340000000000000 -9007199254740992", "4430000000000000 295147905179352830000",
      "44b52d02c7e14af5 9.999999999999997e+22", "44b52d02c7e14af6 1e+23", "44b52d02c7e14af7 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e 999999999999999700000", "444b1ae4d6e2ef4f 999999999999999900000", "444b1ae4d6e2ef50 1e+21",
      "3eb0c6f7a0b5ed8c 9.999999999999997e-7", "3eb0c6f7a0b5ed8d 0.000001", "41b3de4355555553 333333333.3333332",
      "41b3de4355555554 333333333.33333325", "41b3de4355555555 333333333.3333333", "41b3de4355555556 333333333.3333334",
      "41b3de4355555557 333333333.33333343", "becbf647612f3696 -0.0000033333333333333333",
      "43143ff3c1cb0959 1424953923781206.2"})
  void ecmaNumber_rfc8785AppendixBSample_matches(String bits, String expected) throws Exception {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(EcmaNumbers.toString(d)).isEqualTo(expected);
    assertThat(canonical("[" + expected + "]")).isEqualTo("[" + expected + "]");
  }

  @Test
  void ecmaNumber_threeThousandDoubles_agreeWithAnIndependentImplementation() throws Exception {
    int checked = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("jcs_numbers.txt"), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
        assertThat(EcmaNumbers.toString(d)).as(f[0]).isEqualTo(f[1]);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3000);
  }

  @Test
  void ecmaNumber_randomDoubles_roundTripAndAreIdempotentThroughCanonicalize() throws Exception {
    Random random = new Random(8785);
    for (int i = 0; i < 1500; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String s = EcmaNumbers.toString(d);
      assertThat(Double.parseDouble(s)).isEqualTo(d == 0 ? 0.0 : d);
      assertThat(canonical("[" + s + "]")).isEqualTo("[" + s + "]");
    }
  }

  @Test
  void canonicalize_nestedObjectsAndWhitespace_areSortedAtEveryLevel() throws Exception {
    assertThat(canonical(" { \"b\" : [ { \"z\":1, \"a\":2 } ], \"a\" : { \"y\": \"\\u0001\", \"x\": \"\\t\" } } "))
        .isEqualTo("{\"a\":{\"x\":\"\\t\",\"y\":\"\\u0001\"},\"b\":[{\"a\":2,\"z\":1}]}");
  }

  @Test
  void canonicalize_duplicateNames_areRefused() {
    assertThatThrownBy(() -> canonical("{\"a\":1,\"a\":2}")).isInstanceOfSatisfying(StixException.class,
        e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("duplicate-property"));
  }

  @Test
  void canonicalize_loneSurrogate_isRefused() {
    assertThatThrownBy(() -> canonical("[\"\\ud800x\"]")).isInstanceOfSatisfying(StixException.class,
        e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("canonical-string"));
  }

  @Test
  void canonicalize_numberBeyondDoubleRange_isRefused() {
    assertThatThrownBy(() -> canonical("[1e400]")).isInstanceOfSatisfying(StixException.class,
        e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("canonical-number"));
  }

  @Test
  void canonicalize_malformedJson_throwsJsonSyntax() {
    assertThatThrownBy(() -> canonical("{\"a\":")).isInstanceOf(StixException.class);
    assertThatThrownBy(() -> canonical("")).isInstanceOf(StixException.class);
  }
}
