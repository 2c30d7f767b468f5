package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.extract.internal.PublicSuffixList;

class PublicSuffixListTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "example.com, true", "www.example.co.uk, true", "co.uk, false", "com, false", "svchost.exe, false",
      "evil.top, true", "a.b.kawasaki.jp, true", "city.kawasaki.jp, true", "foo.invalid, false", "gov.cn, false",
      "energy-gov.cn, true", "xn--e1afmkfd.xn--p1ai, true", "xn--p1ai, false", "xn--fiqs8s, false",
      "xn--fsqu00a.xn--fiqs8s, true",
  })
  void isRegistrable_followsPslRules(String host, boolean expected) {
    assertThat(PublicSuffixList.bundled().isRegistrable(host)).isEqualTo(expected);
  }
}
