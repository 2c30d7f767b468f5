package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfrastructureTest {
  @Test
  void hostOfUrl_dropsSchemeUserPortPathAndIpv6Brackets() {
    assertThat(Infrastructure.hostOfUrl("https://user:pw@cdn.evil.example:8443/a?b#c")).isEqualTo("cdn.evil.example");
    assertThat(Infrastructure.hostOfUrl("http://[2001:db8::1]:80/x")).isEqualTo("2001:db8::1");
    assertThat(Infrastructure.hostOfUrl("http://evil.example./")).isEqualTo("evil.example");
    assertThat(Infrastructure.hostOfUrl("evil.example/x")).isEmpty();
  }

  @Test
  void parents_areTheRegistrableParentsAboveThePublicSuffix() {
    assertThat(Infrastructure.parents("a.b.evil.co.uk")).containsExactly("b.evil.co.uk", "evil.co.uk");
    assertThat(Infrastructure.parents("evil.co.uk")).isEmpty();
    assertThat(Infrastructure.parents("x.unknown-tld-zz")).isEmpty();
    assertThat(Infrastructure.parents("203.0.113.5")).isEmpty();
  }

  @Test
  void network_containsExactlyTheAddressesOfItsPrefix() {
    Infrastructure.Network n = Infrastructure.network("203.0.113.128/25").orElseThrow();
    assertThat(n.contains(Infrastructure.ip("203.0.113.200").orElseThrow())).isTrue();
    assertThat(n.contains(Infrastructure.ip("203.0.113.127").orElseThrow())).isFalse();
    assertThat(Infrastructure.network("0.0.0.0/0").orElseThrow().contains(Infrastructure.ip("8.8.8.8").orElseThrow()))
        .isTrue();
    assertThat(Infrastructure.network("2001:db8::/32").orElseThrow()
        .contains(Infrastructure.ip("203.0.113.200").orElseThrow())).isFalse();
    assertThat(Infrastructure.network("203.0.113.0/33")).isEmpty();
    assertThat(Infrastructure.network("evil.example/24")).isEmpty();
  }

  @Test
  void ip_parsesLiteralsOnlyAndNeverLooksANameUp() {
    assertThat(Infrastructure.ip("203.0.113.9")).isPresent();
    assertThat(Infrastructure.ip("::1")).isPresent();
    assertThat(Infrastructure.ip("256.1.1.1")).isEmpty();
    assertThat(Infrastructure.ip("1.2.3")).isEmpty();
    assertThat(Infrastructure.ip("localhost")).isEmpty();
    assertThat(Infrastructure.ip("dead:beef:zz::1")).isEmpty();
  }
}
