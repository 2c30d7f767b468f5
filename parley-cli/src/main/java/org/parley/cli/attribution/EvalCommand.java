package org.parley.cli.attribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.parley.attribution.AttributionEngine;
import org.parley.attribution.AttributionException;
import org.parley.attribution.Evaluation;
import org.parley.attribution.Group;
import org.parley.attribution.KnowledgeBase;
import org.parley.cli.DataDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley eval DIR [--kb FILE] [--method ach|tfidf] [--baseline tfidf] [--json]}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate attribution on labelled incidents: DIR holds *.json bundles and labels.csv (case,actor).")
public final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR") Path dir;
  @Option(names = "--kb", paramLabel = "FILE", description = "ATT&CK bundle or compact knowledge base")
  Path kb;
  @Option(names = "--data", paramLabel = "DIR", description = "data dir holding the imported knowledge base (`parley kb import`); default: $"
      + DataDirs.ENV + ", else ./" + DataDirs.DEFAULT)
  Path data;
  @Option(names = "--intel", paramLabel = "FILE", description = "shared intel extending the knowledge base: a STIX "
      + "bundle, e.g. from `parley pull --out FILE` (intrusion sets, campaigns, relationships...); repeatable")
  java.util.List<Path> intel = new java.util.ArrayList<>();
  @Option(names = "--method", paramLabel = "NAME", defaultValue = "ach",
      description = "ach (default: the model) or tfidf (baseline)")
  String method;
  @Option(names = "--baseline", paramLabel = "NAME", description = "also run this method (e.g. tfidf) on the same "
      + "cases in the same run and compare: figures side by side, the known-actor cases only one of them names right "
      + "at top-1, and the exact McNemar p-value of that split")
  String baseline;
  @Option(names = "--unknown-share", paramLabel = "P", description = "the share (0 < P < 1) of incidents by actors "
      + "absent from the knowledge base the model assumes (default: its own, 0.357)")
  Double unknownShare;
  @Option(names = "--json", description = "print one JSON object") boolean json;

  private Evaluation.Method method(String name, KnowledgeBase k) throws AttributionException {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ach", "model", "bayes" -> Evaluation.model(AttributeCommand.engine(k, unknownShare, this, kb, data));
      case "tfidf" -> Evaluation.tfidf(k);
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "unknown method " + name + " (ach or tfidf)");
    };
  }

  @Override
  public Integer call() throws Exception {
    KnowledgeBase k = KbFiles.load(Optional.ofNullable(kb), Optional.ofNullable(data), intel, System.err);
    Evaluation.Method m = method(method, k);
    Optional<Evaluation.Method> against = baseline == null ? Optional.empty() : Optional.of(method(baseline, k));
    List<Evaluation.Case> cases = Evaluation.load(dir, k);
    List<Evaluation.Case> noted = cases.stream().filter(c -> !c.note().isEmpty()).toList();
    if (!noted.isEmpty()) {
      System.err.println("note: " + noted.size() + " of " + cases.size() + " cases need a look (labels read against"
          + " the knowledge base " + k + ", or bundles that could not be read):");
      noted.stream().limit(20).forEach(c -> System.err.println("  " + c.name() + ": " + c.note()));
      if (noted.size() > 20) {
        System.err.println("  ... and " + (noted.size() - 20) + " more");
      }
    }
    Evaluation.Report r = run(cases, m);
    Function<String, String> names = names(k);
    if (against.isEmpty()) {
      System.out.println(json ? json(r, names) : text(r) + breakdown(r, names));
      return 0;
    }
    Evaluation.Comparison c = Evaluation.compare(r, run(cases, against.get()));
    System.out.println(json ? json(c, names)
        : text(r) + breakdown(r, names) + "\n\n" + text(c.baseline()) + "\n\n" + text(c));
    return 0;
  }

  private static Evaluation.Report run(List<Evaluation.Case> cases, Evaluation.Method m) {
    int step = Math.max(1, cases.size() / 10);
    return Evaluation.run(cases, m, done -> {
      if (cases.size() >= 100 && (done % step == 0 || done == cases.size())) {
        System.err.printf(Locale.ROOT, "eval %s: %d/%d cases%n", m.name(), done, cases.size());
      }
    });
  }

  static String text(Evaluation.Comparison c) {
    Evaluation.Report a = c.method();
    Evaluation.Report b = c.baseline();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s against %s (same %d cases, same run):%n",
        a.method(), b.method(), a.cases()));
    s.append(String.format(Locale.ROOT, "  %-33s %8s %8s %8s%n", "", a.method(), b.method(), "diff"));
    row(s, "top-1", a.top1(), b.top1());
    row(s, "top-3", a.top3(), b.top3());
    row(s, "MRR", a.mrr(), b.mrr());
    row(s, "UNKNOWN precision", a.unknownPrecision(), b.unknownPrecision());
    row(s, "UNKNOWN recall", a.unknownRecall(), b.unknownRecall());
    row(s, "Brier (lower is better)", a.brier(), b.brier());
    row(s, "UNKNOWN precision at recall>=0.6", a.unknownPrecisionAtRecall(0.6), b.unknownPrecisionAtRecall(0.6));
    s.append(String.format(Locale.ROOT, "  known-actor cases right at top-1 by only one: %d by %s, %d by %s"
        + " (exact McNemar p %s)%n", c.top1OnlyMethod(), a.method(), c.top1OnlyBaseline(), b.method(),
        c.mcnemarP() < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "= %.4f", c.mcnemarP())));
    s.append("  ahead on: ").append(c.ahead().isEmpty() ? "none" : String.join(", ", c.ahead()))
        .append("; behind on: ").append(c.behind().isEmpty() ? "none" : String.join(", ", c.behind()));
    return s.toString();
  }

  private static void row(StringBuilder s, String name, double a, double b) {
    s.append(String.format(Locale.ROOT, "  %-33s %8s %8s %8s%n", name, fmt(a), fmt(b),
        Double.isNaN(a) || Double.isNaN(b) ? "n/a" : String.format(Locale.ROOT, "%+.3f", a - b)));
  }

  static String json(Evaluation.Comparison c, Function<String, String> names) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode o = (ObjectNode) mapper.readTree(json(c.method(), names));
    ObjectNode b = o.putObject("baseline");
    ObjectNode full = (ObjectNode) mapper.readTree(json(c.baseline(), names));
    for (String key : List.of("method", "top1", "top3", "mrr", "unknown_precision", "unknown_recall", "brier", "ece",
        "unknown_precision_at_recall_0_6", "cases", "known_cases", "unknown_cases")) {
      b.set(key, full.get(key));
    }
    ObjectNode v = o.putObject("versus_baseline");
    v.put("top1_only_method", c.top1OnlyMethod());
    v.put("top1_only_baseline", c.top1OnlyBaseline());
    v.put("mcnemar_p", c.mcnemarP());
    c.ahead().forEach(v.putArray("ahead")::add);
    c.behind().forEach(v.putArray("behind")::add);
    if (c.ahead().isEmpty()) {
      v.putArray("ahead");
    }
    if (c.behind().isEmpty()) {
      v.putArray("behind");
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o);
  }

  static String text(Evaluation.Report r) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, """
        method %s: %d cases (%d known actor, %d UNKNOWN)
          top-1 %.3f   top-3 %.3f   MRR %.3f            (known-actor cases)
          UNKNOWN precision %s   recall %s
          Brier %.3f (multi-class, 0 = perfect, 2 = worst)
          calibration of the top prediction: ECE %s""",
        r.method(), r.cases(), r.knownCases(), r.unknownCases(), r.top1(), r.top3(), r.mrr(),
        fmt(r.unknownPrecision()), fmt(r.unknownRecall()), r.brier(), fmt(r.ece())));
    for (Evaluation.CalibrationBin bin : r.calibration()) {
      if (bin.cases() > 0) {
        b.append(String.format(Locale.ROOT, "%n    p in [%.1f, %.1f): %4d cases, mean %.2f, right %.2f", bin.from(),
            bin.to(), bin.cases(), bin.meanProbability(), bin.accuracy()));
      }
    }
    b.append(String.format(Locale.ROOT, "%n  calibration of P(UNKNOWN) (every case; right = the actor was unknown):"
        + " ECE %s", fmt(r.unknownEce())));
    for (Evaluation.CalibrationBin bin : r.unknownCalibration()) {
      if (bin.cases() > 0) {
        b.append(String.format(Locale.ROOT, "%n    p in [%.1f, %.1f): %4d cases, mean %.2f, right %.2f", bin.from(),
            bin.to(), bin.cases(), bin.meanProbability(), bin.accuracy()));
      }
    }
    if (r.unknownCases() > 0) {
      b.append(String.format(Locale.ROOT, "%n  UNKNOWN called by a P(UNKNOWN) threshold instead of rank: best precision"
          + " at recall >= 0.6: %s, at recall >= 0.3: %s", fmt(r.unknownPrecisionAtRecall(0.6)),
          fmt(r.unknownPrecisionAtRecall(0.3))));
    }
    return b.toString();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** A label's group names as the knowledge base has them ({@code G0012|G0044} → "Name | Name"; "" for UNKNOWN). */
  static Function<String, String> names(KnowledgeBase k) {
    return label -> String.join(" | ", Arrays.stream(label.split("\\|"))
        .map(id -> k.groupByExternalId(id).map(Group::name).orElse("")).filter(n -> !n.isEmpty())
        .toList());
  }

  /** Rows of the per-actor table and of the confusions the text report shows at most. */
  static final int BREAKDOWN_ROWS = 15;

  /**
   * The run's figures per actor (most cases first) and its most frequent confusions (two cases or more), at most
   * {@link #BREAKDOWN_ROWS} lines each; {@code --json} has them all.
   */
  static String breakdown(Evaluation.Report r, Function<String, String> names) {
    List<Evaluation.ActorFigures> by = Evaluation.byActor(r);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%n  by actor (%d actors, most cases first; for UNKNOWN top-1 = called UNKNOWN):", by.size()));
    for (Evaluation.ActorFigures f : by.subList(0, Math.min(BREAKDOWN_ROWS, by.size()))) {
      s.append(String.format(Locale.ROOT, "%n    %-24s %4d cases  top-1 %.2f  top-3 %.2f", named(f.actor(), names),
          f.cases(), f.top1(), f.top3()));
      f.mostOftenInstead().ifPresent(p -> s.append(String.format(Locale.ROOT, "  most often named instead: %s (%d)",
          named(p, names), f.mostOftenInsteadCases())));
    }
    if (by.size() > BREAKDOWN_ROWS) {
      s.append(String.format(Locale.ROOT, "%n    ... and %d more actors (--json lists all)", by.size() - BREAKDOWN_ROWS));
    }
    List<Evaluation.Confusion> often = Evaluation.confusions(r).stream().filter(c -> c.cases() >= 2)
        .limit(BREAKDOWN_ROWS).toList();
    s.append(String.format(Locale.ROOT, "%n  most frequent confusions (actor -> named first instead, two cases or more):"
        + "%s", often.isEmpty() ? " none" : ""));
    for (Evaluation.Confusion c : often) {
      s.append(String.format(Locale.ROOT, "%n    %s -> %s: %d cases", named(c.actor(), names),
          named(c.predicted(), names), c.cases()));
    }
    return s.toString();
  }

  private static String named(String label, Function<String, String> names) {
    String n = names.apply(label);
    return n.isEmpty() ? label : label + " " + n;
  }

  static String json(Evaluation.Report r, Function<String, String> names) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode o = mapper.createObjectNode();
    o.put("method", r.method());
    put(o, "top1", r.top1());
    put(o, "top3", r.top3());
    put(o, "mrr", r.mrr());
    put(o, "unknown_precision", r.unknownPrecision());
    put(o, "unknown_recall", r.unknownRecall());
    put(o, "brier", r.brier());
    put(o, "ece", r.ece());
    bins(o.putArray("calibration"), r.calibration());
    bins(o.putArray("unknown_calibration"), r.unknownCalibration());
    put(o, "unknown_ece", r.unknownEce());
    put(o, "unknown_precision_at_recall_0_6", r.unknownPrecisionAtRecall(0.6));
    ArrayNode curve = o.putArray("unknown_curve");
    for (Evaluation.UnknownPoint p : r.unknownCurve()) {
      ObjectNode x = curve.addObject();
      x.put("threshold", p.threshold());
      x.put("precision", p.precision());
      x.put("recall", p.recall());
    }
    o.put("cases", r.cases());
    o.put("known_cases", r.knownCases());
    o.put("unknown_cases", r.unknownCases());
    ArrayNode per = o.putArray("results");
    for (Evaluation.CaseResult c : r.results()) {
      ObjectNode x = per.addObject();
      x.put("case", c.name());
      x.put("actor", c.label());
      x.put("predicted", c.predicted());
      x.put("predicted_probability", c.predictedProbability());
      x.put("rank", c.rank());
      x.put("true_probability", c.trueProbability());
      x.put("unknown_probability", c.unknownProbability());
    }
    ArrayNode by = o.putArray("by_actor");
    for (Evaluation.ActorFigures f : Evaluation.byActor(r)) {
      ObjectNode x = by.addObject();
      x.put("actor", f.actor());
      x.put("name", names.apply(f.actor()));
      x.put("cases", f.cases());
      x.put("top1", f.top1());
      x.put("top3", f.top3());
      x.put("mrr", f.mrr());
      if (f.mostOftenInstead().isPresent()) {
        x.put("most_often_instead", f.mostOftenInstead().get());
        x.put("most_often_instead_cases", f.mostOftenInsteadCases());
      } else {
        x.putNull("most_often_instead");
        x.put("most_often_instead_cases", 0);
      }
    }
    ArrayNode confusions = o.putArray("confusions");
    for (Evaluation.Confusion c : Evaluation.confusions(r)) {
      ObjectNode x = confusions.addObject();
      x.put("actor", c.actor());
      x.put("predicted", c.predicted());
      x.put("cases", c.cases());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o);
  }

  private static void bins(ArrayNode out, List<Evaluation.CalibrationBin> bins) {
    for (Evaluation.CalibrationBin bin : bins) {
      ObjectNode x = out.addObject();
      x.put("from", bin.from());
      x.put("to", bin.to());
      x.put("cases", bin.cases());
      put(x, "mean_probability", bin.meanProbability());
      put(x, "accuracy", bin.accuracy());
    }
  }

  private static void put(ObjectNode o, String key, double v) {
    if (Double.isNaN(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }
}
