package org.parley.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits {@link ActorWeights} by maximum likelihood (Newton's method, small ridge: {@link LikelihoodFit}) on the TUNE
 * splits only, then prints the figures of every split it is given. {@code java -cp ... org.parley.attribution.FitMain
 * tune=DIR[,DIR...] [eval=DIR[,DIR...]]}; each DIR holds its own {@code kb.json.gz}. Deterministic.
 */
public final class FitMain {
  static boolean VERBOSE = true;
  static ModelParams params = ModelParams.DEFAULT;

  /** Fits on all tune rows, then picks the UNKNOWN shift that maximises the mean tune objective. */
  record Fit(ActorWeights weights, double objective) {}

  static Fit fitAndShift(List<List<Row>> perSplit) {
    List<Row> all = new ArrayList<>();
    perSplit.forEach(all::addAll);
    ActorWeights w = LikelihoodFit.fit(all);
    Fit best = null;
    for (double delta = -4; delta <= 1.001; delta += 0.25) {
      ActorWeights shifted = shift(w, delta);
      double obj = 0;
      for (List<Row> rs : perSplit) {
        obj += objective(report(rs, shifted)) / perSplit.size();
      }
      if (best == null || obj > best.objective()) {
        best = new Fit(shifted, obj);
      }
    }
    if (VERBOSE) {
      System.out.printf(Locale.ROOT, "maximum likelihood: %s; UNKNOWN shift %.2f%n", w,
          best.weights().unknown()[0] - w.unknown()[0]);
    }
    return best;
  }

  private FitMain() {}

  /** One case's features: per actor its vector (group or unknown block) and which actors are right. */
  record Row(double[][] features, boolean[] truth, Evaluation.Case source, String[] actors) {}

  public static void main(String[] args) throws Exception {
    List<String> tune = new ArrayList<>();
    List<String> eval = new ArrayList<>();
    List<String> replay = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("params=")) {
        double[] v = java.util.Arrays.stream(a.substring(7).split(",")).mapToDouble(Double::parseDouble).toArray();
        params = new ModelParams(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]).withOverlap(v[11])
            .withTools(v.length > 12 ? v[12] : ModelParams.DEFAULT.toolProfileWeight());
        continue;
      }
      if (a.startsWith("replay=")) {
        replay.addAll(List.of(a.substring(7).split(",")));
        continue;
      }
      (a.startsWith("tune=") ? tune : eval).addAll(List.of(a.substring(a.indexOf('=') + 1).split(",")));
    }
    List<List<Row>> perSplit = new ArrayList<>();
    for (String d : tune) {
      perSplit.add(rows(Path.of(d)));
    }
    for (String d : replay) {
      KnowledgeBase kb = KnowledgeBase.load(Path.of(d).resolve("kb.json.gz"));
      perSplit.add(rows(kb, replayCases(kb, new java.util.Random(20261127L)), params));
      System.out.println("replay cases from " + d + ": " + perSplit.get(perSplit.size() - 1).size());
    }
    Fit fit = fitAndShift(perSplit);
    ActorWeights w = fit.weights();
    System.out.printf(Locale.ROOT, "fitted with %s: tune objective %.4f%n%s%n", params, fit.objective(), w);
    for (String d : concat(tune, eval)) {
      List<Row> rs = rows(Path.of(d));
      System.out.printf(Locale.ROOT, "%-24s group-only top-1 among known cases: logit %.3f", Path.of(d).getFileName(),
          groupTop1(rs, w, -1));
      for (int k = 0; k < ActorWeights.GROUP_FEATURES; k++) {
        System.out.printf(Locale.ROOT, " f%d %.3f", k, groupTop1(rs, w, k));
      }
      System.out.println();
      unknownCurve(rs, w);
    }
    for (String d : concat(tune, eval)) {
      Path dir = Path.of(d);
      KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
      List<Evaluation.Case> cases = Evaluation.load(dir, kb);
      Evaluation.Report r = Evaluation.run(cases, Evaluation.model(AttributionEngine.create(kb, params, w)));
      print(dir.getFileName() + (tune.contains(d) ? " (tuned on)" : ""), r);
      print(dir.getFileName() + " tfidf", Evaluation.run(cases, Evaluation.tfidf(kb)));
      System.out.printf(Locale.ROOT, "%-24s ece %.3f mean P(UNKNOWN) %.3f, share of UNKNOWN cases %.3f%n", "",
          r.ece(), r.results().stream().mapToDouble(Evaluation.CaseResult::unknownProbability).average().orElse(0),
          r.unknownCases() / (double) r.cases());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static void print(String tag, Evaluation.Report r) {
    System.out.printf(Locale.ROOT, "%-24s top1 %.3f top3 %.3f mrr %.3f unkP %.3f unkR %.3f brier %.3f (%d cases)%n",
        tag, r.top1(), r.top3(), r.mrr(), r.unknownPrecision(), r.unknownRecall(), r.brier(), r.cases());
  }

  /**
   * Synthetic incidents that repeat part of a group's KNOWN behaviour (20–60 % of its techniques and software,
   * credibility 0.9), built from a tune knowledge base only: the model must also recognise a group doing what it
   * is known for. No case of any split is involved.
   */
  static List<Evaluation.Case> replayCases(KnowledgeBase kb, java.util.Random r) {
    Profiles p = new Profiles(kb);
    List<Evaluation.Case> out = new ArrayList<>();
    for (int g = 0; g < p.size(); g++) {
      List<String> items = new ArrayList<>(p.techniques.get(g));
      items.addAll(p.software.get(g));
      java.util.Collections.sort(items);
      if (items.size() < 8) {
        continue;
      }
      java.util.Collections.shuffle(items, r);
      int n = Math.max(3, (int) (items.size() * (0.2 + 0.4 * r.nextDouble())));
      List<Evidence> ev = new ArrayList<>();
      for (String it : items.subList(0, n)) {
        ev.add(new Evidence(it, kb.technique(it).isPresent() ? Evidence.Kind.TECHNIQUE : Evidence.Kind.SOFTWARE,
            it, List.of(it), 0.9));
      }
      String id = p.groups.get(g).externalId();
      out.add(new Evaluation.Case("replay-" + id, new Incident("incident--replay", id, ev, List.of()),
          java.util.Set.of(id)));
    }
    return out;
  }

  static List<Row> rows(Path dir) throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb.json.gz"));
    return rows(kb, Evaluation.load(dir, kb), params);
  }

  static List<Row> rows(KnowledgeBase kb, List<Evaluation.Case> cases, ModelParams params) {
    AttributionEngine engine = AttributionEngine.create(kb, params);
    List<Row> out = new ArrayList<>();
    for (Evaluation.Case c : cases) {
      Scores s = engine.scores(c.incident());
      boolean[] truth = new boolean[s.unknown + 1];
      boolean any = false;
      for (int a = 0; a <= s.unknown; a++) {
        truth[a] = c.labels().contains(s.actorId(a));
        any |= truth[a];
      }
      for (double[] f : s.features(null)) {
        for (double v : f) {
          if (!Double.isFinite(v)) {
            throw new IllegalStateException(c.name() + " has a non-finite feature " + java.util.Arrays.toString(f)
                + " with " + params);
          }
        }
      }
      if (any) { // a label naming a group absent from this KB cannot be learned from
        String[] actors = new String[s.unknown + 1];
        for (int a = 0; a <= s.unknown; a++) {
          actors[a] = s.actorId(a);
        }
        out.add(new Row(s.features(null), truth, c, actors));
      }
    }
    return out;
  }

  /** Among known-actor cases, how often the true group ranks first among groups (by the fit, or feature k). */
  static double groupTop1(List<Row> rows, ActorWeights w, int feature) {
    int n = 0;
    int hit = 0;
    for (Row r : rows) {
      int u = r.features().length - 1;
      if (r.truth()[u]) {
        continue;
      }
      n++;
      int best = 0;
      double bs = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < u; a++) {
        double sc = feature < 0 ? w.score(r.features()[a], false) : r.features()[a][feature];
        if (sc > bs) {
          bs = sc;
          best = a;
        }
      }
      hit += r.truth()[best] ? 1 : 0;
    }
    return hit / (double) n;
  }

  /** Means of the UNKNOWN features for unknown and known cases, and precision/recall of P(U) thresholds. */
  static void unknownCurve(List<Row> rows, ActorWeights w) {
    int k = ActorWeights.UNKNOWN_FEATURES;
    double[] mu = new double[k];
    double[] mk = new double[k];
    int nu = 0;
    int nk = 0;
    List<double[]> pu = new ArrayList<>(); // P(U), is unknown
    for (Row r : rows) {
      int u = r.features().length - 1;
      double[] f = r.features()[u];
      boolean isU = r.truth()[u];
      for (int i = 0; i < k; i++) {
        (isU ? mu : mk)[i] += f[i];
      }
      if (isU) {
        nu++;
      } else {
        nk++;
      }
      double[] sc = new double[u + 1];
      for (int a = 0; a <= u; a++) {
        sc[a] = w.score(r.features()[a], a == u);
      }
      pu.add(new double[] {Scores.softmax(sc)[u], isU ? 1 : 0});
    }
    StringBuilder b = new StringBuilder("   U features mean unknown/known:");
    for (int i = 0; i < k; i++) {
      b.append(String.format(Locale.ROOT, " %.2f/%.2f", mu[i] / Math.max(1, nu), mk[i] / Math.max(1, nk)));
    }
    pu.sort((x, y) -> Double.compare(y[0], x[0]));
    int tp = 0;
    b.append("\n   P(U) threshold → precision@recall:");
    for (int i = 0; i < pu.size(); i++) {
      tp += (int) pu.get(i)[1];
      if ((i + 1) % Math.max(1, pu.size() / 10) == 0) {
        b.append(String.format(Locale.ROOT, " %.2f→%.2f@%.2f", pu.get(i)[0], tp / (double) (i + 1), tp / (double) Math.max(1, nu)));
      }
    }
    System.out.println(b);
  }

  /** The call moves UNKNOWN's bias by {@code delta}; the probabilities keep the fitted one. */
  static ActorWeights shift(ActorWeights w, double delta) {
    double[] u = w.unknown();
    u[0] += delta;
    return new ActorWeights(w.group(), u, w.unknownCalibration() - delta);
  }

  /** The tune objective: top-1 + ½ top-3 + 0.3 MRR + 0.6 F(0.5) of calling UNKNOWN − 0.3 Brier. */
  static double objective(Evaluation.Report r) {
    double p = Double.isNaN(r.unknownPrecision()) ? 0 : r.unknownPrecision();
    double rec = Double.isNaN(r.unknownRecall()) ? 0 : r.unknownRecall();
    double f = p + rec == 0 ? 0 : 1.25 * p * rec / (0.25 * p + rec);
    return r.top1() + 0.5 * r.top3() + 0.3 * r.mrr() + 0.6 * f - 0.3 * r.brier();
  }

  /** The figures {@code parley eval} would print for these rows under weights {@code w} (Evaluation.run itself). */
  static Evaluation.Report report(List<Row> rows, ActorWeights w) {
    java.util.Map<Incident, Row> byIncident = new java.util.IdentityHashMap<>();
    List<Evaluation.Case> cases = new ArrayList<>();
    for (Row r : rows) {
      byIncident.put(r.source().incident(), r);
      cases.add(r.source());
    }
    return Evaluation.run(cases, new Evaluation.Method() {
      @Override
      public String name() {
        return "fit";
      }

      @Override
      public List<Hypothesis> rank(Incident incident) {
        Row r = byIncident.get(incident);
        int u = r.features().length - 1;
        double[] sc = new double[u + 1];
        for (int a = 0; a <= u; a++) {
          sc[a] = w.score(r.features()[a], a == u);
        }
        Integer[] order = new Integer[u + 1];
        for (int a = 0; a <= u; a++) {
          order[a] = a;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer a) -> -sc[a])
            .thenComparingInt(a -> a)); // the call's order, as AttributionEngine ranks
        sc[u] += w.unknownCalibration(); // the call ranks; the probabilities are the fitted ones
        double[] p = Scores.softmax(sc);
        List<Hypothesis> out = new ArrayList<>();
        for (int a : order) {
          out.add(a == u ? new Hypothesis(Hypothesis.Kind.UNKNOWN, Hypothesis.UNKNOWN, Hypothesis.UNKNOWN, p[a])
              : new Hypothesis(Hypothesis.Kind.GROUP, r.actors()[a], r.actors()[a], p[a]));
        }
        return out;
      }
    });
  }
}
