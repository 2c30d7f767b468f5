package org.parley.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.attribution.Evaluation.CalibrationBin;
import org.parley.attribution.Evaluation.CaseResult;
import org.parley.attribution.Evaluation.UnknownPoint;

/**
 * The calibration figures of an {@link Evaluation#run}: probabilities binned against how often they came true, the
 * expected calibration error of those bins, and the precision-recall curve of calling UNKNOWN by a threshold.
 */
final class Calibration {
  private Calibration() {}

  /** Five bins of 0.2 of {@code probability}, each with its mean and how often {@code cameTrue}. */
  static List<CalibrationBin> bins(List<CaseResult> results,
      java.util.function.ToDoubleFunction<CaseResult> probability, java.util.function.Predicate<CaseResult> cameTrue) {
    int bins = 5;
    int[] n = new int[bins];
    double[] conf = new double[bins];
    double[] right = new double[bins];
    for (CaseResult r : results) {
      double p = probability.applyAsDouble(r);
      int b = Math.max(0, Math.min(bins - 1, (int) (p * bins)));
      n[b]++;
      conf[b] += p;
      right[b] += cameTrue.test(r) ? 1 : 0;
    }
    List<CalibrationBin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      out.add(new CalibrationBin(b / (double) bins, (b + 1) / (double) bins, n[b],
          n[b] == 0 ? Double.NaN : conf[b] / n[b], n[b] == 0 ? Double.NaN : right[b] / n[b]));
    }
    return out;
  }

  static double ece(List<CalibrationBin> bins, int cases) {
    if (cases == 0) {
      return Double.NaN;
    }
    double e = 0;
    for (CalibrationBin b : bins) {
      e += b.cases() == 0 ? 0 : b.cases() / (double) cases * Math.abs(b.accuracy() - b.meanProbability());
    }
    return e;
  }

  static List<UnknownPoint> unknownCurve(List<CaseResult> results, int unknownCases) {
    List<CaseResult> byP = new ArrayList<>(results);
    byP.sort((a, b) -> Double.compare(b.unknownProbability(), a.unknownProbability()));
    List<UnknownPoint> out = new ArrayList<>();
    int called = 0;
    int right = 0;
    for (int i = 0; i < byP.size(); i++) {
      CaseResult r = byP.get(i);
      called++;
      right += r.labels().equals(Set.of(Hypothesis.UNKNOWN)) ? 1 : 0;
      boolean lastOfTies = i + 1 == byP.size() || byP.get(i + 1).unknownProbability() < r.unknownProbability();
      if (unknownCases > 0 && lastOfTies) {
        out.add(new UnknownPoint(r.unknownProbability(), right / (double) called, right / (double) unknownCases));
      }
    }
    return out;
  }
}
