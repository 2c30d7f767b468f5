package org.parley.extract;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Extractor#extract} found in one document: indicators, ATT&CK techniques, the victims (countries,
 * regions, sectors) the text says were targeted, and the ATT&CK malware and tools it names (with an ATT&CK bundle).
 */
public record Extraction(SourceDocument document, List<Indicator> indicators, List<TechniqueMatch> techniques,
    List<Victim> victims, List<SoftwareMatch> software) {
  public Extraction {
    Objects.requireNonNull(document, "document");
    indicators = List.copyOf(indicators);
    techniques = List.copyOf(techniques);
    victims = List.copyOf(victims);
    software = List.copyOf(software);
  }

  /** Without software (an extraction made with the built-in lexicon, which knows no ATT&CK software). */
  public Extraction(SourceDocument document, List<Indicator> indicators, List<TechniqueMatch> techniques,
      List<Victim> victims) {
    this(document, indicators, techniques, victims, List.of());
  }
}
