package org.parley.node.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, held server-side: the browser holds only a random 256-bit id. A session ends at logout,
 * after {@code idle} without use, or {@code absolute} after login, whichever comes first. At most
 * {@code capacity} live sessions exist; past that, expired ones are swept and, if none was, login is refused
 * rather than memory exhausted.
 */
final class Sessions {
  /** One logged-in party. The id and CSRF token are secrets: never in {@code toString}. */
  record Session(String id, String party, String csrf, Instant created, Instant lastSeen) {
    Session {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(csrf, "csrf");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(lastSeen, "lastSeen");
    }

    @Override
    public String toString() {
      return "Session[party=" + party + ", created=" + created + "]";
    }
  }

  private final ConcurrentHashMap<String, Session> live = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;
  private final Duration idle;
  private final Duration absolute;
  private final int capacity;

  Sessions(Clock clock, SecureRandom random, Duration idle, Duration absolute, int capacity) {
    this.clock = clock;
    this.random = random;
    this.idle = idle;
    this.absolute = absolute;
    this.capacity = capacity;
  }

  /** A fresh session for {@code party} (a new id at every login: no session fixation), empty when full. */
  Optional<Session> open(String party) {
    if (live.size() >= capacity) {
      sweep();
      if (live.size() >= capacity) {
        return Optional.empty();
      }
    }
    Instant now = clock.instant();
    Session s = new Session(token(), party, token(), now, now);
    live.put(s.id(), s);
    return Optional.of(s);
  }

  /** The live session with this id, its idle timer restarted; expired sessions are removed and never found. */
  Optional<Session> find(String id) {
    Session s = live.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      live.remove(id, s);
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.party(), s.csrf(), s.created(), now);
    live.replace(id, s, touched);
    return Optional.of(touched);
  }

  void close(String id) {
    live.remove(id);
  }

  int size() {
    return live.size();
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(absolute));
  }

  private void sweep() {
    Instant now = clock.instant();
    live.values().removeIf(s -> expired(s, now));
  }

  /** 256 random bits, URL-safe: a session id or a CSRF token. */
  String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Compares a submitted secret with the expected one in time independent of where they differ. */
  static boolean sameSecret(String expected, Optional<String> submitted) {
    return submitted.isPresent() && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        submitted.get().getBytes(StandardCharsets.UTF_8));
  }
}
