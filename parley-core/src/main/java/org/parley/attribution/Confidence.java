package org.parley.attribution;

/**
 * Analytic confidence, stated apart from likelihood (ICD 203 §D.6.b.(2)): how much evidence, how credible, and
 * how easily the conclusion would be overturned.
 */
public enum Confidence {
  LOW, MODERATE, HIGH;

  static Confidence of(int resolvedItems, double meanCredibility, int overturnSetSize) {
    if (resolvedItems >= 8 && overturnSetSize >= 3 && meanCredibility >= 0.7) {
      return HIGH;
    }
    if (resolvedItems >= 4 && overturnSetSize >= 2 && meanCredibility >= 0.5) {
      return MODERATE;
    }
    return LOW;
  }
}
