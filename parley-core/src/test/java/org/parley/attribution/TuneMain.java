package org.parley.attribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Parameter search on the tune split ONLY (never the test split or the campaigns):
 * {@code java -cp ... org.parley.attribution.TuneMain DEVSET_DIR/tune-2019 [iterations [minTechniqueWeight
 * [minCosineWeight [startCosineWeight]]]]}. Seeded, so rerunnable. The mixture part of ModelParams.DEFAULT came
 * from {@code TuneMain tune-2019 250 0.05}; the overlap weight from the runs recorded in docs/design/attribution.md.
 */
public final class TuneMain {
  private TuneMain() {}
  static double MIN_LT;
  static double MIN_K;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    MIN_LT = args.length > 2 ? Double.parseDouble(args[2]) : 0.0005;
    MIN_K = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    double k0 = args.length > 4 ? Double.parseDouble(args[4]) : ModelParams.DEFAULT.cosineWeight();
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    List<Evaluation.Case> cases = Evaluation.load(dir, kb);
    Random r = new Random(20240601L);
    ModelParams d0 = ModelParams.DEFAULT;
    ModelParams best = new ModelParams(Math.max(MIN_LT, d0.techniqueProfileWeight()), d0.softwareProfileWeight(), d0.sizeExponent(), d0.orphanBoost(), d0.novelMalwareBoost(), d0.familyWeight(), d0.softwareTechniqueWeight(), d0.priorUnknown(), d0.activityExponent(), d0.temperature(), d0.falseFlagPrior()).withOverlap(Math.max(MIN_K, k0), d0.calibration());
    print("start", score(Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, best)))),
        Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, best))), best);
    double bestScore = score(Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, best))));
    for (int i = 0; i < iterations; i++) {
      ModelParams p = i % 2 == 0 ? random(r) : perturb(best, r);
      Evaluation.Report rep = Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, p)));
      double s = score(rep);
      if (s > bestScore) {
        bestScore = s;
        best = p;
        print("#" + i, s, rep, p);
      }
    }
  }

  static double score(Evaluation.Report r) {
    double p = Double.isNaN(r.unknownPrecision()) ? 0 : r.unknownPrecision();
    double f = p + r.unknownRecall() == 0 ? 0 : 2 * p * r.unknownRecall() / (p + r.unknownRecall());
    return r.top1() + 0.5 * r.top3() + 0.3 * r.mrr() + 0.6 * f - 0.3 * r.brier();
  }

  static void print(String tag, double s, Evaluation.Report r, ModelParams p) {
    System.out.printf(Locale.ROOT, "%s score %.3f top1 %.3f top3 %.3f mrr %.3f unkP %.3f unkR %.3f brier %.3f %s%n",
        tag, s, r.top1(), r.top3(), r.mrr(), r.unknownPrecision(), r.unknownRecall(), r.brier(), p);
  }

  private static double u(Random r, double lo, double hi) {
    return lo + r.nextDouble() * (hi - lo);
  }

  static ModelParams random(Random r) {
    return new ModelParams(Math.max(MIN_LT, Math.exp(u(r, -7, -0.1))), u(r, 0.05, 0.95), u(r, 0, 1), Math.exp(u(r, 0, 3)), Math.exp(u(r, 0, 2.5)), u(r, 0, 1),
        u(r, 0, 0.6), Math.exp(u(r, -6, -0.5)), u(r, 0, 1.5), Math.exp(u(r, -0.5, 1.5)), 0.05)
        .withOverlap(MIN_K + u(r, 0, 8), 1);
  }

  static ModelParams perturb(ModelParams p, Random r) {
    return new ModelParams(clip(p.techniqueProfileWeight() * Math.exp(r.nextGaussian() * 0.4), MIN_LT, 0.99),
        clip(p.softwareProfileWeight() + r.nextGaussian() * 0.08, 0.01, 0.99),
        clip(p.sizeExponent() + r.nextGaussian() * 0.1, 0, 1), Math.max(0.5, p.orphanBoost() * Math.exp(r.nextGaussian() * 0.3)),
        Math.max(0.5, p.novelMalwareBoost() * Math.exp(r.nextGaussian() * 0.3)),
        clip(p.familyWeight() + r.nextGaussian() * 0.1, 0, 1), clip(p.softwareTechniqueWeight() + r.nextGaussian() * 0.05, 0, 1),
        clip(p.priorUnknown() * Math.exp(r.nextGaussian() * 0.4), 0.002, 0.9), clip(p.activityExponent() + r.nextGaussian() * 0.1, 0, 2),
        Math.max(0.3, p.temperature() * Math.exp(r.nextGaussian() * 0.15)), p.falseFlagPrior())
        .withOverlap(Math.max(MIN_K, p.cosineWeight() + r.nextGaussian() * 0.5), p.calibration());
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
