package org.parley.tlog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link WitnessStateStore} in memory, for tests and for a witness that may forget on restart. */
public final class InMemoryWitnessStateStore implements WitnessStateStore {
  private final Map<String, WitnessState> states = new HashMap<>();

  @Override
  public synchronized Optional<WitnessState> latest(String origin) {
    return Optional.ofNullable(states.get(origin));
  }

  @Override
  public synchronized boolean compareAndSet(String origin, Optional<WitnessState> expected, WitnessState next) {
    if (!expected.equals(Optional.ofNullable(states.get(origin))) || !next.origin().equals(origin)) {
      return false;
    }
    if (expected.isPresent() && next.size() < expected.get().size()) {
      return false;
    }
    states.put(origin, next);
    return true;
  }
}
