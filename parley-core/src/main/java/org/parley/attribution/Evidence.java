package org.parley.attribution;

import java.util.List;
import java.util.Objects;

/**
 * One resolved piece of incident evidence. {@code matches} are the knowledge-base STIX ids it resolved to (one
 * technique, one software, or the infrastructure/indicators/victims sharing its value); {@code credibility} in
 * [0, 1] comes from the object's STIX {@code confidence}.
 */
public record Evidence(String objectId, Kind kind, String label, List<String> matches, double credibility) {
  /** What the evidence is. */
  public enum Kind {
    TECHNIQUE, SOFTWARE, INFRASTRUCTURE, VICTIM,
    /** A vulnerability exploited (matches = the knowledge base's entries for its CVE): weighed as victims are. */
    VULNERABILITY,
    /** A malware family the knowledge base has never seen (matches = its name key): it favours UNKNOWN. */
    NOVEL_MALWARE
  }

  public Evidence {
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    matches = List.copyOf(matches);
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("resolved evidence needs at least one match");
    }
    if (!(credibility >= 0 && credibility <= 1)) {
      throw new IllegalArgumentException("credibility must be in [0, 1], got " + credibility);
    }
  }

  /** Same evidence (kind and what it resolved to), whatever object carried it. */
  String key() {
    return kind + ":" + String.join(",", matches);
  }
}
