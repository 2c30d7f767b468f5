package org.parley.attribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Calibration fit on the tune split ONLY: with every ranking parameter of {@link ModelParams#DEFAULT} fixed, the
 * calibration c (actor posterior ∝ p^(1/c), order unchanged) that minimises the Brier score, on a geometric grid.
 * {@code java -cp ... org.parley.attribution.CalibrateMain DEVSET_DIR/tune-2019}.
 */
public final class CalibrateMain {
  private CalibrateMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    List<Evaluation.Case> cases = Evaluation.load(dir, kb);
    ModelParams d = ModelParams.DEFAULT;
    double bestBrier = Double.POSITIVE_INFINITY;
    double best = 1;
    for (double c = 0.5; c <= 8; c *= 1.05) {
      ModelParams p = d.withOverlap(d.cosineWeight(), c);
      Evaluation.Report r = Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, p)));
      TuneMain.print(String.format(Locale.ROOT, "calibration=%.3f", c), TuneMain.score(r), r, p);
      if (r.brier() < bestBrier) {
        bestBrier = r.brier();
        best = c;
      }
    }
    System.out.printf(Locale.ROOT, "best calibration %.3f brier %.4f%n", best, bestBrier);
  }
}
