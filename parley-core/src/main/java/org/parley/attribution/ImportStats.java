package org.parley.attribution;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an import kept and left out: objects kept per type, revoked/deprecated objects excluded, and objects of
 * types the knowledge base does not use, counted per type and skipped (never fatal: ATT&CK v18 adds types).
 */
public record ImportStats(Map<String, Integer> kept, int excluded, Map<String, Integer> skipped) {
  public ImportStats {
    kept = Map.copyOf(kept);
    skipped = Map.copyOf(skipped);
  }

  /** The count of kept objects of {@code type}. */
  public int kept(String type) {
    return kept.getOrDefault(type, 0);
  }

  @Override
  public String toString() {
    return "kept " + new TreeMap<>(kept) + ", excluded " + excluded + " revoked/deprecated, skipped "
        + new TreeMap<>(skipped);
  }
}
