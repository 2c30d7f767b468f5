package org.parley.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Search of the naive-Bayes parameters on the TUNE splits only (never a test split or the campaigns): for each
 * candidate the actor layer is refitted ({@link FitMain#fitAndShift}) and scored by the mean tune objective.
 * {@code java -cp ... org.parley.attribution.TuneMain ITERATIONS DIR[,DIR...] [replay=DIR]}. Seeded, so rerunnable; prints
 * every improvement. ModelParams.DEFAULT came from {@code TuneMain 300 tune-2019,mature-a}, started from the
 * previous default (docs/design/attribution.md).
 */
public final class TuneMain {
  private TuneMain() {}

  public static void main(String[] args) throws Exception {
    int iterations = Integer.parseInt(args[0]);
    List<KnowledgeBase> kbs = new ArrayList<>();
    List<List<Evaluation.Case>> cases = new ArrayList<>();
    for (String d : args[1].split(",")) {
      KnowledgeBase kb = KnowledgeBase.load(Path.of(d).resolve("kb.json.gz"));
      kbs.add(kb);
      cases.add(Evaluation.load(Path.of(d), kb));
    }
    if (args.length > 2) { // replay=DIR: FitMain's synthetic known-behaviour cases from DIR's knowledge base
      KnowledgeBase kb = KnowledgeBase.load(Path.of(args[2].substring(args[2].indexOf('=') + 1)).resolve("kb.json.gz"));
      kbs.add(kb);
      cases.add(FitMain.replayCases(kb, new Random(20261127L)));
    }
    FitMain.VERBOSE = false;
    Random r = new Random(20261127L);
    ModelParams best = ModelParams.DEFAULT;
    double bestScore = score(kbs, cases, best);
    System.out.printf(Locale.ROOT, "start %.4f %s%n", bestScore, best);
    for (int i = 0; i < iterations; i++) {
      ModelParams p = i % 3 == 0 ? random(r) : perturb(best, r);
      double s = score(kbs, cases, p);
      if (s > bestScore) {
        bestScore = s;
        best = p;
        System.out.printf(Locale.ROOT, "#%d %.4f %s%n", i, s, p);
      }
    }
    System.out.printf(Locale.ROOT, "best %.4f %s%n", bestScore, best);
  }

  static double score(List<KnowledgeBase> kbs, List<List<Evaluation.Case>> cases, ModelParams p) {
    List<List<FitMain.Row>> rows = new ArrayList<>();
    for (int k = 0; k < kbs.size(); k++) {
      rows.add(FitMain.rows(kbs.get(k), cases.get(k), p));
    }
    return FitMain.fitAndShift(rows).objective();
  }

  private static double u(Random r, double lo, double hi) {
    return lo + r.nextDouble() * (hi - lo);
  }

  static ModelParams random(Random r) {
    return new ModelParams(Math.exp(u(r, -5, -0.1)), u(r, 0.05, 0.95), u(r, 0, 1), Math.exp(u(r, 0, 3)),
        Math.exp(u(r, 0, 2.5)), u(r, 0, 1), u(r, 0, 0.6), Math.exp(u(r, -6, -0.5)), u(r, 0, 1.5),
        Math.exp(u(r, -0.5, 1.5)), 0.05).withOverlap(u(r, 0, 1) < 0.5 ? 0 : u(r, 0, 3))
        .withTools(Math.exp(u(r, -5, -0.1)));
  }

  static ModelParams perturb(ModelParams p, Random r) {
    return new ModelParams(clip(p.techniqueProfileWeight() * Math.exp(r.nextGaussian() * 0.4), 0.001, 0.99),
        clip(p.softwareProfileWeight() + r.nextGaussian() * 0.08, 0.01, 0.99),
        clip(p.sizeExponent() + r.nextGaussian() * 0.1, 0, 1),
        Math.max(0.5, p.orphanBoost() * Math.exp(r.nextGaussian() * 0.3)),
        Math.max(0.5, p.novelMalwareBoost() * Math.exp(r.nextGaussian() * 0.3)),
        clip(p.familyWeight() + r.nextGaussian() * 0.1, 0, 1),
        clip(p.softwareTechniqueWeight() + r.nextGaussian() * 0.05, 0, 1),
        clip(p.priorUnknown() * Math.exp(r.nextGaussian() * 0.4), 0.002, 0.9),
        clip(p.activityExponent() + r.nextGaussian() * 0.1, 0, 2),
        Math.max(0.3, p.temperature() * Math.exp(r.nextGaussian() * 0.15)), p.falseFlagPrior())
        .withOverlap(Math.max(0, p.cosineWeight() + r.nextGaussian() * 0.3))
        .withTools(clip(p.toolProfileWeight() * Math.exp(r.nextGaussian() * 0.4), 0.001, 0.99));
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
