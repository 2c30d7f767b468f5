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
import org.parley.node.auth.Tokens;
import org.parley.node.store.SessionStore;
import org.parley.node.store.StoreException;

/**
 * Console sessions, held server-side in a {@link SessionStore} (the node's database: every process of the node
 * knows every session): the browser holds only a random 256-bit id, the store only its SHA-256. A session ends at
 * logout, after {@code idle} without use, or {@code absolute} after login, whichever comes first. At most
 * {@code capacity} live sessions exist; past that, expired ones are swept and, if none was, login is refused
 * rather than storage exhausted.
 */
final class Sessions {
  /** One logged-in party. The id and CSRF token are secrets: never in {@code toString}. */
  record Session(String id, String party, String csrf, Instant created, Instant lastSeen, Optional<String> tokenHash) {
    Session {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(csrf, "csrf");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(lastSeen, "lastSeen");
      Objects.requireNonNull(tokenHash, "tokenHash");
    }

    @Override
    public String toString() {
      return "Session[party=" + party + ", created=" + created + "]";
    }
  }

  private final SessionStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration idle;
  private final Duration absolute;
  private final int capacity;

  Sessions(SessionStore store, Clock clock, SecureRandom random, Duration idle, Duration absolute, int capacity) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = clock;
    this.random = random;
    this.idle = idle;
    this.absolute = absolute;
    this.capacity = capacity;
  }

  /**
   * The sessions a party keeps at most: a login past them ends its oldest. One party logging in ten thousand times
   * filled the store and locked every party out for half an hour.
   */
  static final int PER_PARTY = 32;

  /**
   * A fresh session for {@code party}, bound to the token it logged in with ({@code tokenHash}: revoking the token
   * ends it; a new id at every login: no session fixation), empty when full.
   */
  Optional<Session> open(String party, String tokenHash) throws StoreException {
    store.trimParty(party, PER_PARTY - 1);
    if (store.count() >= capacity) {
      sweep();
      if (store.count() >= capacity) {
        return Optional.empty();
      }
    }
    Instant now = clock.instant();
    Session s = new Session(token(), party, token(), now, now, Optional.of(tokenHash));
    store.insert(new SessionStore.StoredSession(hash(s.id()), party, s.csrf(), micros(now), micros(now),
        s.tokenHash()));
    return Optional.of(s);
  }

  /** The live session with this id, its idle timer restarted; expired sessions are removed and never found. */
  Optional<Session> find(String id) throws StoreException {
    String h = hash(id);
    Optional<SessionStore.StoredSession> row = store.find(h);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session s = new Session(id, row.get().party(), row.get().csrf(), instant(row.get().createdMicros()),
        instant(row.get().lastSeenMicros()), row.get().tokenHash());
    if (expired(s, now)) {
      store.remove(h);
      return Optional.empty();
    }
    store.touch(h, micros(now));
    return Optional.of(new Session(id, s.party(), s.csrf(), s.created(), now, s.tokenHash()));
  }

  void close(String id) throws StoreException {
    store.remove(hash(id));
  }

  int size() throws StoreException {
    return store.count();
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(absolute));
  }

  private void sweep() throws StoreException {
    Instant now = clock.instant();
    store.removeExpired(micros(now.minus(idle)) + 1, micros(now.minus(absolute)) + 1);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** What the store keeps instead of the id: its at-rest form, as for API tokens (hex SHA-256). */
  static String hash(String id) {
    return Tokens.hash(id);
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
