package org.parley.attribution;

import java.util.List;

/**
 * Heuer's matrix: columns are the leading hypotheses (UNKNOWN always among them), rows the evidence, most
 * diagnostic first; {@code weightedInconsistency} per column = Σ credibility × relevance × (I = 1, II = 2).
 */
public record AchMatrix(List<Hypothesis> columns, List<AchRow> rows, List<Double> weightedInconsistency) {
  public AchMatrix {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    weightedInconsistency = List.copyOf(weightedInconsistency);
    if (weightedInconsistency.size() != columns.size()) {
      throw new IllegalArgumentException("one weighted inconsistency per column");
    }
    for (AchRow r : rows) {
      if (r.ratings().size() != columns.size()) {
        throw new IllegalArgumentException("one rating per column in every row");
      }
    }
  }
}
