package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.store.Database;
import org.parley.node.store.MutableClock;
import org.parley.node.store.TestDatabases;

/** Sessions over the real store: a SQLite database per test, and PostgreSQL shared by two node processes. */
class SessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  @TempDir Path dir;
  private Database db;
  private Sessions sessions;

  @BeforeEach
  void openStore() throws Exception {
    db = Database.open(TestDatabases.sqlite(dir), clock, UUID::randomUUID);
    sessions = new Sessions(db.sessions(), clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(8), 3);
  }

  @AfterEach
  void closeStore() throws Exception {
    db.close();
  }

  @Test
  void open_thenFind_returnsTheParty() throws Exception {
    Sessions.Session s = sessions.open("alice", "token-hash").orElseThrow();

    assertThat(sessions.find(s.id())).map(Sessions.Session::party).contains("alice");
  }

  @Test
  void open_idsAndCsrfTokens_areDistinct256BitValues() throws Exception {
    Sessions big = new Sessions(db.sessions(), clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(8),
        1000);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Sessions.Session s = big.open("alice", "token-hash").orElseThrow();
      assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.csrf())).isTrue();
    }
  }

  @Test
  void find_afterIdleTimeout_isEmpty() throws Exception {
    Sessions.Session s = sessions.open("alice", "token-hash").orElseThrow();
    clock.advanceMicros(Duration.ofMinutes(30).toNanos() / 1000);

    assertThat(sessions.find(s.id())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void find_useRestartsTheIdleTimer_butNotTheAbsoluteOne() throws Exception {
    Sessions.Session s = sessions.open("alice", "token-hash").orElseThrow();
    for (int i = 0; i < 16; i++) {
      clock.advanceMicros(Duration.ofMinutes(29).toNanos() / 1000);
      assertThat(sessions.find(s.id())).as("after %d uses", i).isPresent();
    }
    clock.advanceMicros(Duration.ofMinutes(29).toNanos() / 1000); // 8 h 13 min after login

    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void close_endsTheSession() throws Exception {
    Sessions.Session s = sessions.open("alice", "token-hash").orElseThrow();
    sessions.close(s.id());

    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void open_whenFull_sweepsExpiredSessions_elseRefuses() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(sessions.open("p" + i, "token-hash")).isPresent();
    }
    assertThat(sessions.open("late", "token-hash")).isEmpty();
    clock.advanceMicros(Duration.ofHours(1).toNanos() / 1000);

    assertThat(sessions.open("later", "token-hash")).isPresent();
    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void open_pastAPartysShareOfSessions_endsItsOldest_andLeavesOthersAlone() throws Exception {
    Sessions roomy = new Sessions(db.sessions(), clock, new java.security.SecureRandom(), Duration.ofMinutes(30),
        Duration.ofHours(8), 10_000);
    Sessions.Session bobs = roomy.open("bob", "token-hash").orElseThrow();
    Sessions.Session first = roomy.open("mallory", "token-hash").orElseThrow();
    for (int i = 1; i < Sessions.PER_PARTY + 5; i++) {
      clock.advanceMicros(1);
      assertThat(roomy.open("mallory", "token-hash")).isPresent(); // never refused, never filling the store
    }

    assertThat(roomy.size()).isEqualTo(Sessions.PER_PARTY + 1);
    assertThat(roomy.find(first.id())).isEmpty();
    assertThat(roomy.find(bobs.id())).isPresent();
  }

  @Test
  void toString_neverShowsTheIdOrCsrfToken() throws Exception {
    Sessions.Session s = sessions.open("alice", "token-hash").orElseThrow();

    assertThat(s.toString()).contains("alice").doesNotContain(s.id()).doesNotContain(s.csrf());
  }

  @Test
  void sameSecret_comparesWholeValues() throws Exception {
    assertThat(Sessions.sameSecret("abc", Optional.of("abc"))).isTrue();
    assertThat(Sessions.sameSecret("abc", Optional.of("abd"))).isFalse();
    assertThat(Sessions.sameSecret("abc", Optional.of("ab"))).isFalse();
    assertThat(Sessions.sameSecret("abc", Optional.empty())).isFalse();
  }

  @Test
  void open_storesOnlyTheHashOfTheSessionId() throws Exception {
    Sessions.Session s = sessions.open("alice", "token-hash").orElseThrow();

    assertThat(db.sessions().find(Sessions.hash(s.id()))).map(r -> r.party()).contains("alice");
    assertThat(db.sessions().find(s.id())).isEmpty();
  }

  @Test
  void find_onAnotherProcessOfTheSameNode_knowsTheSession() throws Exception {
    String url = TestDatabases.createPostgres();
    try (Database a = Database.open(url, clock, UUID::randomUUID);
        Database b = Database.open(url, clock, UUID::randomUUID)) {
      Sessions onA = new Sessions(a.sessions(), clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(8),
          10);
      Sessions onB = new Sessions(b.sessions(), clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(8),
          10);

      Sessions.Session s = onA.open("alice", "token-hash").orElseThrow();

      assertThat(onB.find(s.id())).map(Sessions.Session::csrf).contains(s.csrf());
      onB.close(s.id());
      assertThat(onA.find(s.id())).isEmpty();
    } finally {
      TestDatabases.dropPostgres(url);
    }
  }
}
