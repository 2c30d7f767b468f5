package org.parley.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.attribution.Evaluation.ActorFigures;
import org.parley.attribution.Evaluation.CaseResult;
import org.parley.attribution.Evaluation.Confusion;

/**
 * An evaluation's figures per actor and its confusions, read off the per-case results: where a caseload's figures
 * come from (a few groups named right every time, one group always taken for another) is what an analyst weighing
 * the model on their own incidents asks next.
 */
final class Breakdowns {
  private Breakdowns() {}

  static List<ActorFigures> byActor(List<CaseResult> results) {
    Map<String, List<CaseResult>> perActor = new TreeMap<>();
    for (CaseResult r : results) {
      perActor.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
    }
    List<ActorFigures> out = new ArrayList<>();
    perActor.forEach((actor, rs) -> {
      double top1 = 0;
      double top3 = 0;
      double rr = 0;
      for (CaseResult r : rs) {
        top1 += r.rank() == 1 ? 1 : 0;
        top3 += r.rank() >= 1 && r.rank() <= 3 ? 1 : 0;
        rr += r.rank() == 0 ? 0 : 1.0 / r.rank();
      }
      Optional<Confusion> instead = confusions(rs).stream().findFirst();
      int n = rs.size();
      out.add(new ActorFigures(actor, n, top1 / n, top3 / n, rr / n, instead.map(Confusion::predicted),
          instead.map(Confusion::cases).orElse(0)));
    });
    out.sort(Comparator.comparingInt(ActorFigures::cases).reversed().thenComparing(ActorFigures::actor));
    return out;
  }

  static List<Confusion> confusions(List<CaseResult> results) {
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    for (CaseResult r : results) {
      if (!r.labels().contains(r.predicted())) {
        counts.merge(List.of(r.label(), r.predicted()), 1, Integer::sum);
      }
    }
    List<Confusion> out = new ArrayList<>();
    counts.forEach((pair, n) -> out.add(new Confusion(pair.get(0), pair.get(1), n)));
    out.sort(Comparator.comparingInt(Confusion::cases).reversed().thenComparing(Confusion::actor)
        .thenComparing(Confusion::predicted));
    return out;
  }
}
