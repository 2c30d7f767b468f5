package org.parley.attribution;

import java.util.List;
import java.util.Objects;

/**
 * One evidence row of the ACH matrix: a rating per column, the item's relevance (its specificity in [0, 1]) and
 * diagnosticity (largest over smallest likelihood across the columns; 1 = not diagnostic).
 */
public record AchRow(Evidence evidence, List<Consistency> ratings, double relevance, double diagnosticity) {
  public AchRow {
    Objects.requireNonNull(evidence, "evidence");
    ratings = List.copyOf(ratings);
    if (diagnosticity < 1 - 1e-9) {
      throw new IllegalArgumentException("diagnosticity is a ratio >= 1, got " + diagnosticity);
    }
  }
}
