package org.parley.extract;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Extractor#extract} found in one document: indicators, ATT&CK techniques, and the victims (countries,
 * regions, sectors) the text says were targeted.
 */
public record Extraction(SourceDocument document, List<Indicator> indicators, List<TechniqueMatch> techniques,
    List<Victim> victims) {
  public Extraction {
    Objects.requireNonNull(document, "document");
    indicators = List.copyOf(indicators);
    techniques = List.copyOf(techniques);
    victims = List.copyOf(victims);
  }
}
