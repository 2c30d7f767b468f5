package org.parley.tlog;

/**
 * A signed checkpoint as the storage keeps it: its size and root (so that storage can enforce the no-fork rule
 * without parsing notes) and the signed note exactly as published.
 */
public record StoredCheckpoint(long size, Hash root, String signedNote) {
  public StoredCheckpoint {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    if (signedNote.isEmpty()) {
      throw new IllegalArgumentException("the signed note must not be empty");
    }
  }
}
