package org.parley.extract;

import java.util.List;
import java.util.Objects;

/**
 * An ATT&CK technique the report describes, explicitly (by id), by name or term, or in prose.
 *
 * @param externalId ATT&CK id such as {@code T1566.001}
 * @param stixId the ATT&CK {@code attack-pattern--...} id when a knowledge base was loaded
 * @param confidence 0..1; 1 for an explicit id, lower for lexicon terms and learned prose matches
 * @param method how the best evidence was found
 */
public record TechniqueMatch(String externalId, String name, java.util.Optional<String> stixId, double confidence,
    Method method, List<Span> spans) {
  /** How a technique was recognised. */
  public enum Method { EXPLICIT_ID, NAME, LEXICON, CLASSIFIER }

  public TechniqueMatch {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stixId, "stixId");
    Objects.requireNonNull(method, "method");
    if (!externalId.matches("T\\d{4}(\\.\\d{3})?")) {
      throw new IllegalArgumentException("technique id must look like T1234 or T1234.001, got '" + externalId + "'");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
    spans = List.copyOf(spans);
  }
}
