package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.node.auth.Tokens;

/** A console session ends when the token it logged in with expires, as when that token is revoked. */
class ConsoleTokenExpiryTest extends ConsoleFixture {
  @Test
  void sessionOpenedWithAnExpiringToken_endsWhenTheTokenExpires() throws Exception {
    String dayToken = Tokens.issue(node.directory(), "bob", new SecureRandom(),
        Optional.of(clock.instant().plusSeconds(1200))); // 20 min: within the session's 30 idle
    WebClient bob = new WebClient(node.url());
    bob.login("bob", dayToken);
    assertThat(bob.get("/console/collections/" + demo).statusCode()).isEqualTo(200);

    clock.advanceMicros(1199L * 1_000_000);
    assertThat(bob.get("/console/collections/" + demo).statusCode()).isEqualTo(200);
    clock.advanceMicros(1_000_000);

    assertThat(bob.get("/console/collections/" + demo).statusCode()).isNotEqualTo(200);
    WebClient again = new WebClient(node.url());
    again.login("bob", dayToken);
    assertThat(again.get("/console/collections/" + demo).statusCode()).isNotEqualTo(200);
  }
}
