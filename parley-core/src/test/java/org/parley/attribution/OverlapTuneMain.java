package org.parley.attribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tuning of the overlap weight on the tune split ONLY: every other parameter of {@link ModelParams#DEFAULT} fixed,
 * a grid over κ (and the UNKNOWN prior, which κ shifts) for {@link TuneMain#score}.
 * {@code java -cp ... org.parley.attribution.OverlapTuneMain DEVSET_DIR/tune-2019}.
 */
public final class OverlapTuneMain {
  private OverlapTuneMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    List<Evaluation.Case> cases = Evaluation.load(dir, kb);
    ModelParams d = ModelParams.DEFAULT;
    for (double k : new double[] {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3}) {
      for (double pu : new double[] {0.01, 0.0198, 0.04}) {
        ModelParams p = new ModelParams(d.techniqueProfileWeight(), d.softwareProfileWeight(), d.sizeExponent(),
            d.orphanBoost(), d.novelMalwareBoost(), d.familyWeight(), d.softwareTechniqueWeight(), pu,
            d.activityExponent(), d.temperature(), d.falseFlagPrior(), k, 1);
        Evaluation.Report r = Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, p)));
        TuneMain.print(String.format(Locale.ROOT, "k=%s pu=%s", k, pu), TuneMain.score(r), r, p);
      }
    }
  }
}
