package org.parley.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Built-in evaluation over a directory of incident bundles and {@code labels.csv} ({@code case,actor}; actor an
 * ATT&CK group id, alternatives joined by {@code |}, or {@code UNKNOWN}).
 */
public final class Evaluation {
  private Evaluation() {}

  /** A way of ranking actors for an incident, best first, probabilities summing to 1. */
  public interface Method {
    String name();

    List<Hypothesis> rank(Incident incident);
  }

  /**
   * A labelled case. {@code note} says how the labels as written were read against the knowledge base (a group
   * named rather than given by id, a group the knowledge base does not hold), or that its bundle could not be read
   * (the case is then scored on no evidence); empty when all was used as written.
   */
  public record Case(String name, Incident incident, Set<String> labels, String note) {
    public Case {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(note, "note");
      labels = Set.copyOf(labels);
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("a case needs a label");
      }
    }

    public Case(String name, Incident incident, Set<String> labels) {
      this(name, incident, labels, "");
    }

    /** True when the only acceptable answer is an actor absent from the knowledge base. */
    public boolean unknownActor() {
      return labels.equals(Set.of(Hypothesis.UNKNOWN));
    }
  }

  /** One case's outcome: the top actor, the rank of the first correct actor (0 if absent), its probability. */
  public record CaseResult(String name, Set<String> labels, String predicted, double predictedProbability,
      int rank, double trueProbability, double unknownProbability) {
    public CaseResult {
      labels = Set.copyOf(labels);
    }

    /** The labels as one string: sorted and joined by {@code |} ({@code G0012|G0044}), as labels.csv writes them. */
    public String label() {
      return String.join("|", labels.stream().sorted().toList());
    }
  }

  /**
   * The figures; {@code unknownPrecision} is NaN when nothing was called UNKNOWN. {@code calibration}: the top
   * prediction's probability in five bins of 0.2, each with its mean and how often that prediction was right;
   * {@code ece}: the expected calibration error over those bins (Σ n_b/N · |accuracy_b − confidence_b|).
   * {@code unknownCurve}: calling UNKNOWN whenever P(UNKNOWN) reaches a threshold instead of only when it ranks
   * first — the precision and recall at each threshold a case sets (UNKNOWN cases only move recall).
   * {@code unknownCalibration} / {@code unknownEce}: the same bins for P(UNKNOWN) of every case against whether the
   * actor was in fact unknown — is "an actor absent from the knowledge base" as likely as the reports say?
   */
  public record Report(String method, double top1, double top3, double mrr, double unknownPrecision,
      double unknownRecall, double brier, int cases, int knownCases, int unknownCases, List<CaseResult> results,
      List<CalibrationBin> calibration, double ece, List<UnknownPoint> unknownCurve,
      List<CalibrationBin> unknownCalibration, double unknownEce) {
    public Report {
      results = List.copyOf(results);
      calibration = List.copyOf(calibration);
      unknownCurve = List.copyOf(unknownCurve);
      unknownCalibration = List.copyOf(unknownCalibration);
    }

    /** The best precision of calling UNKNOWN by a P(UNKNOWN) threshold at recall ≥ {@code recall} (NaN if none). */
    public double unknownPrecisionAtRecall(double recall) {
      return unknownCurve.stream().filter(p -> p.recall() >= recall).mapToDouble(UnknownPoint::precision).max()
          .orElse(Double.NaN);
    }
  }

  /**
   * Cases whose probability lies in [from, to): how many, its mean, and the share for which it came true (the top
   * actor was right; for P(UNKNOWN), the actor was unknown).
   */
  public record CalibrationBin(double from, double to, int cases, double meanProbability, double accuracy) {}

  /**
   * A method against a baseline on the same cases. For the known-actor cases: how many only the method names right at
   * top-1 and how many only the baseline, with the exact two-sided McNemar p-value of that split (the chance of one
   * at least as uneven if both were equally good); {@code ahead}/{@code behind}: the figures on which the
   * method is better/worse (Brier: lower is better; a figure n/a for either is in neither).
   */
  public record Comparison(Report method, Report baseline, int top1OnlyMethod, int top1OnlyBaseline,
      double mcnemarP, List<String> ahead, List<String> behind) {
    public Comparison {
      ahead = List.copyOf(ahead);
      behind = List.copyOf(behind);
    }
  }

  /** Compares two runs over the same cases (by case name); throws if the cases differ. */
  public static Comparison compare(Report method, Report baseline) {
    java.util.Map<String, CaseResult> base = new java.util.HashMap<>();
    baseline.results().forEach(r -> base.put(r.name(), r));
    if (base.size() != method.results().size()
        || !method.results().stream().allMatch(r -> base.containsKey(r.name()))) {
      throw new IllegalArgumentException("the two runs are not over the same cases");
    }
    int onlyMethod = 0;
    int onlyBaseline = 0;
    for (CaseResult r : method.results()) {
      if (r.labels().equals(Set.of(Hypothesis.UNKNOWN))) {
        continue; // known-actor cases only, as top-1 counts them
      }
      boolean m = r.rank() == 1;
      boolean b = base.get(r.name()).rank() == 1;
      onlyMethod += m && !b ? 1 : 0;
      onlyBaseline += b && !m ? 1 : 0;
    }
    List<String> ahead = new ArrayList<>();
    List<String> behind = new ArrayList<>();
    double[][] figures = {
        {method.top1(), baseline.top1()}, {method.top3(), baseline.top3()}, {method.mrr(), baseline.mrr()},
        {method.unknownPrecision(), baseline.unknownPrecision()}, {method.unknownRecall(), baseline.unknownRecall()},
        {-method.brier(), -baseline.brier()}};
    String[] names = {"top1", "top3", "mrr", "unknown_precision", "unknown_recall", "brier"};
    for (int i = 0; i < names.length; i++) {
      double a = figures[i][0];
      double b = figures[i][1];
      if (!Double.isNaN(a) && !Double.isNaN(b) && a != b) {
        (a > b ? ahead : behind).add(names[i]);
      }
    }
    return new Comparison(method, baseline, onlyMethod, onlyBaseline, mcnemar(onlyMethod, onlyBaseline), ahead,
        behind);
  }

  /** Exact two-sided McNemar test: P(a split of b + c discordant pairs at least as uneven) under p = ½. */
  static double mcnemar(int b, int c) {
    int n = b + c;
    if (n == 0) {
      return 1;
    }
    int k = Math.min(b, c);
    double tail = 0;
    double logHalfN = n * Math.log(0.5);
    for (int i = 0; i <= k; i++) {
      tail += Math.exp(logChoose(n, i) + logHalfN);
    }
    return Math.min(1, 2 * tail);
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  /**
   * One actor's figures in a run: its cases (those labelled with it, alternatives as written: {@code G0012|G0044}),
   * the share named first (for UNKNOWN: called UNKNOWN), within the first three, the mean reciprocal rank, and the
   * actor most often named first instead, with how often.
   */
  public record ActorFigures(String actor, int cases, double top1, double top3, double mrr,
      Optional<String> mostOftenInstead, int mostOftenInsteadCases) {}

  /** Cases labelled {@code actor} for which the run named {@code predicted} first instead. */
  public record Confusion(String actor, String predicted, int cases) {}

  /** The run's figures per actor (UNKNOWN included), most cases first. */
  public static List<ActorFigures> byActor(Report r) {
    return Breakdowns.byActor(r.results());
  }

  /** Every (actor, named first instead) pair of the run with its number of cases, most first. */
  public static List<Confusion> confusions(Report r) {
    return Breakdowns.confusions(r.results());
  }

  /** Calling UNKNOWN when P(UNKNOWN) ≥ {@code threshold}: precision and recall over the run's cases. */
  public record UnknownPoint(double threshold, double precision, double recall) {}

  /** The proposed model. */
  public static Method model(AttributionEngine engine) {
    return new Method() {
      @Override
      public String name() {
        return "ach";
      }

      @Override
      public List<Hypothesis> rank(Incident incident) {
        return engine.rankActors(incident);
      }
    };
  }

  /** The TF-IDF cosine baseline. */
  public static Method tfidf(KnowledgeBase kb) {
    return new TfidfBaseline(kb);
  }

  /**
   * Reads {@code dir/labels.csv} and each {@code dir/<case>.json}, resolving evidence against {@code kb}. The CSV
   * may start with a byte-order mark and a header ({@code case,actor}, or another naming no bundle and no actor),
   * and quote its fields; a case's bundle may be gzipped ({@code <case>.json.gz}). An actor is an ATT&CK
   * group id, a group name or alias the knowledge base knows (read as its id), or UNKNOWN; a group this knowledge
   * base does not hold is, to it, an unknown actor, so such a label is scored as UNKNOWN (and the case says so in
   * its note). Alternatives are joined by {@code |}.
   */
  public static List<Case> load(Path dir, KnowledgeBase kb) throws AttributionException {
    return EvalCases.load(dir, kb);
  }

  public static Report run(List<Case> cases, Method method) {
    return run(cases, method, done -> { });
  }

  /** As {@link #run(List, Method)}, telling {@code progress} how many cases are done after each one. */
  public static Report run(List<Case> cases, Method method, java.util.function.IntConsumer progress) {
    List<CaseResult> results = new ArrayList<>();
    double top1 = 0;
    double top3 = 0;
    double rr = 0;
    double brier = 0;
    int known = 0;
    int unknown = 0;
    int calledUnknown = 0;
    int correctUnknown = 0;
    for (Case c : cases) {
      List<Hypothesis> ranking = method.rank(c.incident());
      int rank = 0;
      double pTrue = 0;
      double sq = 0;
      for (int i = 0; i < ranking.size(); i++) {
        Hypothesis h = ranking.get(i);
        if (c.labels().contains(h.actorId())) {
          pTrue += h.probability();
          rank = rank == 0 ? i + 1 : rank;
        } else {
          sq += h.probability() * h.probability();
        }
      }
      brier += sq + (1 - pTrue) * (1 - pTrue);
      String predicted = ranking.get(0).actorId();
      boolean saysUnknown = predicted.equals(Hypothesis.UNKNOWN);
      if (c.unknownActor()) {
        unknown++;
        correctUnknown += saysUnknown ? 1 : 0;
      } else {
        known++;
        top1 += rank == 1 ? 1 : 0;
        top3 += rank >= 1 && rank <= 3 ? 1 : 0;
        rr += rank == 0 ? 0 : 1.0 / rank;
      }
      calledUnknown += saysUnknown ? 1 : 0;
      double pUnknown = ranking.stream().filter(h -> h.actorId().equals(Hypothesis.UNKNOWN))
          .mapToDouble(Hypothesis::probability).sum();
      results.add(new CaseResult(c.name(), c.labels(), predicted, ranking.get(0).probability(), rank, pTrue,
          pUnknown));
      progress.accept(results.size());
    }
    double k = known == 0 ? Double.NaN : known; // no known-actor case: top-1, top-3 and MRR are n/a, not 0
    List<CalibrationBin> bins = Calibration.bins(results, CaseResult::predictedProbability,
        r -> r.labels().contains(r.predicted()));
    List<CalibrationBin> unknownBins = Calibration.bins(results, CaseResult::unknownProbability,
        r -> r.labels().equals(Set.of(Hypothesis.UNKNOWN)));
    return new Report(method.name(), top1 / k, top3 / k, rr / k,
        calledUnknown == 0 ? Double.NaN : (double) correctUnknown / calledUnknown,
        unknown == 0 ? Double.NaN : (double) correctUnknown / unknown,
        cases.isEmpty() ? Double.NaN : brier / cases.size(), cases.size(), known, unknown, results,
        bins, Calibration.ece(bins, results.size()), Calibration.unknownCurve(results, unknown), unknownBins,
        Calibration.ece(unknownBins, results.size()));
  }
}
