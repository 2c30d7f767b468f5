package org.parley.attribution;

/**
 * The sums over the items that are left in: the naive-Bayes sums per hypothesis and the sums of the actor features'
 * terms ({@link ItemTerms}). An item is taken out or put back by subtracting or adding its terms.
 */
final class Totals {
  private final ItemTerms terms;
  private final double[][] tempered; // per item: like / temperature, what the naive-Bayes sums add
  final double[] nb; // log prior + tempered log-likelihoods, per hypothesis
  final double[] overlap;
  final double[] techHit;
  final double[] softHit;
  final double[] softCover;
  final double[] report;
  double query;
  double techMass;
  double softMass;
  double novelMass;
  int linked; // items some group is known for
  double items; // credibility mass of the items left in

  /** Empty sums (the log priors alone) over {@code groups} groups and {@code reports} known reports. */
  Totals(ItemTerms terms, double[] logPrior, double[][] tempered, int groups, int reports) {
    this.terms = terms;
    this.tempered = tempered;
    nb = logPrior.clone();
    overlap = new double[groups];
    techHit = new double[groups];
    softHit = new double[groups];
    softCover = new double[groups];
    report = new double[reports];
  }

  private Totals(Totals t) {
    terms = t.terms;
    tempered = t.tempered;
    nb = t.nb.clone();
    overlap = t.overlap.clone();
    techHit = t.techHit.clone();
    softHit = t.softHit.clone();
    softCover = t.softCover.clone();
    report = t.report.clone();
    query = t.query;
    techMass = t.techMass;
    softMass = t.softMass;
    novelMass = t.novelMass;
    linked = t.linked;
    items = t.items;
  }

  /** A copy of these sums, to take items out of and put them back in without changing these. */
  Totals copy() {
    return new Totals(this);
  }

  void add(int e, double sign) {
    double[] lt = tempered[e];
    for (int h = 0; h < nb.length; h++) {
      nb[h] += sign * lt[h];
    }
    for (int i : terms.groupsOf[e]) {
      overlap[i] += sign * terms.overlap[e][i];
      techHit[i] += sign * terms.techHit[e][i];
      softHit[i] += sign * terms.softHit[e][i];
      softCover[i] += sign * terms.softCover[e][i];
    }
    for (int k = 0; k < terms.reportIdx[e].length; k++) {
      report[terms.reportIdx[e][k]] += sign * terms.reportVal[e][k];
    }
    query += sign * terms.query[e];
    techMass += sign * terms.techMass[e];
    softMass += sign * terms.softMass[e];
    novelMass += sign * terms.novelMass[e];
    linked += (int) sign * terms.linked[e];
    items += sign * terms.credibility[e];
  }
}
