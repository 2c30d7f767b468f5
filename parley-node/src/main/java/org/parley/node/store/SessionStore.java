package org.parley.node.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Console sessions, kept in the node's database so that every process of one node knows them (a login on one
 * process is valid on the next; no sticky load balancing). The store never sees a session id: only its SHA-256
 * ({@code idHash}), so a copy of the database cannot be used to take over a session.
 */
public interface SessionStore {
  /** One session row. Times in microseconds since the epoch. */
  record StoredSession(String idHash, String party, String csrf, long createdMicros, long lastSeenMicros,
      Optional<String> tokenHash) {
    public StoredSession {
      Objects.requireNonNull(idHash, "idHash");
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(csrf, "csrf");
      Objects.requireNonNull(tokenHash, "tokenHash");
    }

    @Override
    public String toString() { // the CSRF token is a secret
      return "StoredSession[party=" + party + ", created=" + createdMicros + "]";
    }
  }

  /** Adds a session; MUST be durable when it returns, and MUST fail if {@code idHash} is already present. */
  void insert(StoredSession s) throws StoreException;

  /** The session with this id hash, if present (expiry is the caller's business). */
  Optional<StoredSession> find(String idHash) throws StoreException;

  /** Records use at {@code lastSeenMicros}; MUST NOT bring back a removed session, nor move the time backwards. */
  void touch(String idHash, long lastSeenMicros) throws StoreException;

  /** Removes the session; removing an absent one is not an error. */
  void remove(String idHash) throws StoreException;

  /** Removes {@code party}'s sessions but its {@code keep} newest; returns how many went. */
  int trimParty(String party, int keep) throws StoreException;

  /** How many sessions are stored. */
  int count() throws StoreException;

  /** Removes every session last seen before {@code idleBefore} or created before {@code createdBefore}. */
  int removeExpired(long idleBefore, long createdBefore) throws StoreException;
}
