package org.parley.attribution;

/**
 * ICD 203 §D.6.b.(2)(a) expressions of likelihood with their ranges, in each report language. Confidence is
 * stated apart (see {@link Confidence}).
 */
public enum Estimative {
  ALMOST_NO_CHANCE(0.00, 0.05, "almost no chance", "几乎不可能", "幾乎不可能"),
  VERY_UNLIKELY(0.05, 0.20, "very unlikely", "非常不可能", "非常不可能"),
  UNLIKELY(0.20, 0.45, "unlikely", "不太可能", "不太可能"),
  ROUGHLY_EVEN(0.45, 0.55, "roughly even chance", "大致均等", "大致均等"),
  LIKELY(0.55, 0.80, "likely", "很可能", "很可能"), // "可能" alone reads as "possible"
  VERY_LIKELY(0.80, 0.95, "very likely", "非常可能", "非常可能"),
  ALMOST_CERTAIN(0.95, 1.00, "almost certain", "几乎确定", "幾乎確定");

  private final double low;
  private final double high;
  private final String en;
  private final String hans;
  private final String hant;

  Estimative(double low, double high, String en, String hans, String hant) {
    this.low = low;
    this.high = high;
    this.en = en;
    this.hans = hans;
    this.hant = hant;
  }

  /**
   * The band holding {@code probability} as reports show it, to a tenth of a percent (a boundary belongs to the
   * higher band, 1.0 to the top one).
   */
  public static Estimative of(double probability) {
    if (!(probability >= 0 && probability <= 1.0000001)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
    // banded as shown: reports print one decimal of a percent, and 0.19996 printed "20.0% very unlikely (5–20%)"
    double shown = Math.round(probability * 1000) / 1000.0;
    for (Estimative e : values()) {
      if (shown < e.high) {
        return e;
      }
    }
    return ALMOST_CERTAIN;
  }

  public String term(Lang lang) {
    return switch (lang) {
      case EN -> en;
      case ZH_HANS -> hans;
      case ZH_HANT -> hant;
    };
  }

  /** The range as ICD 203 prints it: {@code 55–80%} (the lowest band starts at 1%, the highest ends at 99%). */
  public String range() {
    int lo = (int) Math.round(low * 100);
    int hi = (int) Math.round(high * 100);
    return Math.max(1, lo) + "–" + Math.min(99, hi) + "%";
  }

  /**
   * The English term is a noun phrase ("almost no chance", "roughly even chance"): a sentence says "There is … that",
   * not "It is … that" as with the adjectives.
   */
  public boolean chance() {
    return this == ALMOST_NO_CHANCE || this == ROUGHLY_EVEN;
  }

  /** {@code likely (55–80%)}. */
  public String phrase(Lang lang) {
    return term(lang) + " (" + range() + ")";
  }
}
