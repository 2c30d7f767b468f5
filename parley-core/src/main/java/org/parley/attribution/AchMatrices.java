package org.parley.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Builds Heuer's ACH matrix over the leading hypotheses from the model's likelihoods. */
final class AchMatrices {
  static final int GROUP_COLUMNS = 5;

  private AchMatrices() {}

  static AchMatrix of(Scores s, double[] post) {
    List<Integer> cols = columns(s, post);
    List<Hypothesis> columns = cols.stream().map(h -> s.hypotheses.get(h).withProbability(post[h])).toList();
    double[] inconsistency = new double[cols.size()];
    List<AchRow> rows = new ArrayList<>();
    for (int e = 0; e < s.evidence.size(); e++) {
      double[] l = s.like[e];
      double reference = l[s.unknown]; // the background: what any actor might show
      List<Consistency> ratings = new ArrayList<>();
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      Evidence ev = s.evidence.get(e);
      for (int h : cols) {
        Consistency r = Consistency.of(l[h] - reference);
        int group = s.groupOf.get(h); // a group, or the group a false flag implicates; -1 for UNKNOWN
        if (group >= 0 && r.compareTo(Consistency.CONSISTENT) > 0 && s.model.knownFor(group, ev)) {
          r = Consistency.CONSISTENT; // documented for the group: consistent, however little it tells apart
        }
        ratings.add(r);
        min = Math.min(min, l[h]);
        max = Math.max(max, l[h]);
      }
      double relevance = s.model.specificity(s.model.logLikelihoods(ev));
      for (int c = 0; c < cols.size(); c++) {
        inconsistency[c] += ev.credibility() * relevance * ratings.get(c).inconsistencyWeight();
      }
      rows.add(new AchRow(ev, ratings, relevance, Math.exp(max - min)));
    }
    rows.sort(Comparator.comparingDouble(AchRow::diagnosticity).reversed()
        .thenComparing(r -> r.evidence().label()));
    return new AchMatrix(columns, rows, IntStream.range(0, cols.size()).mapToObj(i -> inconsistency[i]).toList());
  }

  /** The leading group hypotheses, UNKNOWN, and the false flag for the leading group, in the order of the call. */
  private static List<Integer> columns(Scores s, double[] post) {
    List<Integer> order = IntStream.range(0, post.length).boxed()
        .sorted(Comparator.comparingDouble((Integer h) -> -post[h] * s.callWeight(h)).thenComparing(h -> h))
        .toList();
    List<Integer> cols = new ArrayList<>();
    order.stream().filter(h -> s.hypotheses.get(h).kind() == Hypothesis.Kind.GROUP).limit(GROUP_COLUMNS)
        .forEach(cols::add);
    cols.add(s.unknown);
    order.stream().filter(h -> s.hypotheses.get(h).kind() == Hypothesis.Kind.FALSE_FLAG).limit(1)
        .forEach(cols::add);
    cols.sort(Comparator.comparingDouble((Integer h) -> -post[h] * s.callWeight(h)).thenComparing(h -> h));
    return cols;
  }
}
