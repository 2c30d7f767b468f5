package org.parley.attribution;

import java.util.List;

/**
 * What each evidence item adds to the sums ({@link Totals}): its naive-Bayes log-likelihoods after credibility,
 * over every group and UNKNOWN, and its terms of the actor features ({@link ActorWeights}), [evidence][group] or
 * [evidence]. Computed once per incident; leaving an item out subtracts its terms.
 */
final class ItemTerms {
  final double[][] base; // [evidence][hypothesis]: groups then UNKNOWN, before the false flags
  final double[][] overlap; // credibility · idf² / |g| when g is known for the item
  final double[] query; // (credibility · idf)²
  final double[][] techHit; // credibility when g is known for the technique
  final double[] techMass; // credibility of a technique item
  final double[][] softHit; // credibility / users when g is known for the software
  final double[][] softCover; // credibility when g is known for the software
  final double[] softMass; // credibility of a software or unknown-malware item
  final double[] novelMass; // credibility of an unknown-malware item
  final int[] linked; // 1 when some group is known for the item (technique, software, infrastructure, victim)
  final double[] credibility; // the item's credibility: its term of the item mass
  final int[][] reportIdx; // the known reports documenting the item
  final double[][] reportVal; // credibility · idf² / |report| for each
  final int[][] touchedReportsOf; // per group: its reports that document some item of the incident
  final int[][] groupsOf; // per item: the groups with a non-zero term in some actor feature (sparse sums)

  ItemTerms(Model model, List<Evidence> evidence) {
    ModelParams p = model.params;
    int g = model.profiles.size();
    int n = evidence.size();
    base = new double[n][];
    overlap = new double[n][];
    techHit = new double[n][];
    softHit = new double[n][];
    softCover = new double[n][];
    query = new double[n];
    techMass = new double[n];
    softMass = new double[n];
    novelMass = new double[n];
    linked = new int[n];
    credibility = new double[n];
    reportIdx = new int[n][];
    reportVal = new double[n][];
    for (int e = 0; e < n; e++) {
      Evidence ev = evidence.get(e);
      double[] l = model.logLikelihoods(ev);
      double c = ev.credibility();
      for (int h = 0; h <= g; h++) { // credibility: with probability 1 - c the item says nothing
        l[h] = Scores.mix(c, l[h], l[g]);
      }
      double[] o = model.overlap(ev);
      if (p.cosineWeight() > 0) { // exact-overlap term of the naive-Bayes part (log-linear), weighed by credibility
        for (int i = 0; i < g; i++) {
          l[i] += p.cosineWeight() * c * o[i];
        }
      }
      base[e] = l;
      overlap[e] = o;
      linked[e] = c > 0 && model.linksToAGroup(ev) ? 1 : 0;
      credibility[e] = c;
      reportIdx[e] = model.reportsWith(ev);
      reportVal[e] = new double[reportIdx[e].length];
      for (int k = 0; k < reportIdx[e].length; k++) {
        reportVal[e][k] = c * model.reportTerm(ev, reportIdx[e][k]);
      }
      for (int i = 0; i < g; i++) {
        o[i] *= c;
      }
      kindTerms(model, e, ev, c);
    }
    touchedReportsOf = touchedReports(model, reportIdx);
    groupsOf = new int[n][];
    for (int e = 0; e < n; e++) {
      int item = e;
      groupsOf[e] = java.util.stream.IntStream.range(0, g).filter(i -> overlap[item][i] != 0 || techHit[item][i] != 0
          || softHit[item][i] != 0 || softCover[item][i] != 0).toArray();
    }
  }

  /** Item {@code e}'s terms of the features that depend on its kind (technique, software, unknown malware). */
  private void kindTerms(Model model, int e, Evidence ev, double c) {
    int g = model.profiles.size();
    techHit[e] = new double[g];
    softHit[e] = new double[g];
    softCover[e] = new double[g];
    switch (ev.kind()) {
      case TECHNIQUE, SOFTWARE -> {
        double w = c * model.idf(ev);
        query[e] = w * w;
        boolean tech = ev.kind() == Evidence.Kind.TECHNIQUE;
        double users = tech ? 1 : model.softwareUsers(ev);
        for (int i = 0; i < g; i++) {
          if (model.knownFor(i, ev)) {
            if (tech) {
              techHit[e][i] = c;
            } else {
              softHit[e][i] = c / users;
              softCover[e][i] = c;
            }
          }
        }
        if (tech) {
          techMass[e] = c;
        } else {
          softMass[e] = c;
        }
      }
      case NOVEL_MALWARE -> {
        double w = c * (Math.log(g + 1.0) + 1);
        query[e] = w * w;
        softMass[e] = c;
        novelMass[e] = c;
      }
      default -> { }
    }
  }

  /** Per group, its reports that document some item of {@code reportIdx}. */
  private static int[][] touchedReports(Model model, int[][] reportIdx) {
    int g = model.profiles.size();
    boolean[] touched = new boolean[model.reports()];
    for (int[] rs : reportIdx) {
      for (int r : rs) {
        touched[r] = true;
      }
    }
    int[][] out = new int[g][];
    for (int i = 0; i < g; i++) { // the other reports' sums stay 0: the nearest-report feature need not visit them
      out[i] = java.util.Arrays.stream(model.reportsOf[i]).filter(r -> touched[r]).toArray();
    }
    return out;
  }
}
