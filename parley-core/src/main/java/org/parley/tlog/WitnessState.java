package org.parley.tlog;

/** What a witness remembers of a log: the latest checkpoint it cosigned (C2SP tlog-witness). */
public record WitnessState(String origin, long size, Hash root) {
  public WitnessState {
    if (origin.isEmpty() || size < 0) {
      throw new IllegalArgumentException("a witness state needs an origin and a size >= 0");
    }
  }
}
