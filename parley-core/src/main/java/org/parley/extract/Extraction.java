package org.parley.extract;

import java.util.List;
import java.util.Objects;

/** What {@link Extractor#extract} found in one document. */
public record Extraction(SourceDocument document, List<Indicator> indicators, List<TechniqueMatch> techniques) {
  public Extraction {
    Objects.requireNonNull(document, "document");
    indicators = List.copyOf(indicators);
    techniques = List.copyOf(techniques);
  }
}
