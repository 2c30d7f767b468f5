package org.parley.stix;

import org.parley.stix.internal.PatternParser;

/** Entry point of STIX 2.1 patterning (§9): a parser of our own for the grammar of Appendix (STIX patterning). */
public final class StixPatterns {
  private StixPatterns() {}

  /**
   * Parses a pattern written in the STIX patterning language.
   *
   * @throws StixException with rule {@code pattern-syntax}, the offset and what was expected, when
   *     {@code pattern} is not a valid STIX 2.1 pattern
   */
  public static StixPattern parse(String pattern) throws StixException {
    return PatternParser.parse(pattern);
  }
}
