package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.node.store.MutableClock;

class SessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final Sessions sessions = new Sessions(clock, new SecureRandom(), Duration.ofMinutes(30),
      Duration.ofHours(8), 3);

  @Test
  void open_thenFind_returnsTheParty() {
    Sessions.Session s = sessions.open("alice").orElseThrow();

    assertThat(sessions.find(s.id())).map(Sessions.Session::party).contains("alice");
  }

  @Test
  void open_idsAndCsrfTokens_areDistinct256BitValues() {
    Sessions big = new Sessions(clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(8), 1000);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Sessions.Session s = big.open("alice").orElseThrow();
      assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.csrf())).isTrue();
    }
  }

  @Test
  void find_afterIdleTimeout_isEmpty() {
    Sessions.Session s = sessions.open("alice").orElseThrow();
    clock.advanceMicros(Duration.ofMinutes(30).toNanos() / 1000);

    assertThat(sessions.find(s.id())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void find_useRestartsTheIdleTimer_butNotTheAbsoluteOne() {
    Sessions.Session s = sessions.open("alice").orElseThrow();
    for (int i = 0; i < 16; i++) {
      clock.advanceMicros(Duration.ofMinutes(29).toNanos() / 1000);
      assertThat(sessions.find(s.id())).as("after %d uses", i).isPresent();
    }
    clock.advanceMicros(Duration.ofMinutes(29).toNanos() / 1000); // 8 h 13 min after login

    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void close_endsTheSession() {
    Sessions.Session s = sessions.open("alice").orElseThrow();
    sessions.close(s.id());

    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void open_whenFull_sweepsExpiredSessions_elseRefuses() {
    for (int i = 0; i < 3; i++) {
      assertThat(sessions.open("p" + i)).isPresent();
    }
    assertThat(sessions.open("late")).isEmpty();
    clock.advanceMicros(Duration.ofHours(1).toNanos() / 1000);

    assertThat(sessions.open("later")).isPresent();
    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void toString_neverShowsTheIdOrCsrfToken() {
    Sessions.Session s = sessions.open("alice").orElseThrow();

    assertThat(s.toString()).contains("alice").doesNotContain(s.id()).doesNotContain(s.csrf());
  }

  @Test
  void sameSecret_comparesWholeValues() {
    assertThat(Sessions.sameSecret("abc", Optional.of("abc"))).isTrue();
    assertThat(Sessions.sameSecret("abc", Optional.of("abd"))).isFalse();
    assertThat(Sessions.sameSecret("abc", Optional.of("ab"))).isFalse();
    assertThat(Sessions.sameSecret("abc", Optional.empty())).isFalse();
  }
}
