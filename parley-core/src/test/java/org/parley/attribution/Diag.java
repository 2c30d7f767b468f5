package org.parley.attribution;

import java.nio.file.Path;
import java.util.List;

public final class Diag {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    List<Evaluation.Case> cases = Evaluation.load(dir, kb);
    ModelParams d = ModelParams.DEFAULT;
    for (double lt : new double[] {0.003, 0.01, 0.03, 0.1, 0.3}) {
      for (double beta : new double[] {0, 0.3, 0.64, 1}) {
        for (double fam : new double[] {0, 0.3, 0.64}) {
        ModelParams p = new ModelParams(lt, d.softwareProfileWeight(), beta, d.orphanBoost(), d.novelMalwareBoost(),
            fam, d.softwareTechniqueWeight(), d.priorUnknown(), d.activityExponent(), d.temperature(), d.falseFlagPrior());
        AttributionEngine eng = AttributionEngine.create(kb, p);
        int known = 0, g1 = 0, g3 = 0;
        for (Evaluation.Case c : cases) {
          if (c.unknownActor()) continue;
          known++;
          List<Hypothesis> r = eng.rankActors(c.incident()).stream().filter(h -> h.kind() == Hypothesis.Kind.GROUP).toList();
          for (int i = 0; i < r.size(); i++) if (c.labels().contains(r.get(i).groupId())) { if (i == 0) g1++; if (i < 3) g3++; break; }
        }
        Evaluation.Report rep = Evaluation.run(cases, Evaluation.model(eng));
        System.out.printf("lt %.3f beta %.2f fam %.2f groupOnly top1 %.3f top3 %.3f | top1 %.3f unkP %.3f unkR %.3f brier %.3f%n", lt, beta, fam, g1 / (double) known, g3 / (double) known, rep.top1(), rep.unknownPrecision(), rep.unknownRecall(), rep.brier());
        }
      }
    }
  }
}
