package org.parley.cli.attribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.attribution.AttributionEngine;
import org.parley.attribution.Evaluation;
import org.parley.attribution.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley eval DIR [--kb FILE] [--method ach|tfidf] [--json]}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate attribution on labelled incidents: DIR holds *.json bundles and labels.csv (case,actor).")
public final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR") Path dir;
  @Option(names = "--kb", paramLabel = "FILE", description = "ATT&CK bundle or compact knowledge base")
  Path kb;
  @Option(names = "--data", paramLabel = "DIR", description = "data dir holding the imported knowledge base")
  Path data;
  @Option(names = "--intel", paramLabel = "FILE", description = "shared intel extending the knowledge base: a STIX "
      + "bundle, e.g. from `parley pull --out FILE` (intrusion sets, campaigns, relationships...); repeatable")
  java.util.List<Path> intel = new java.util.ArrayList<>();
  @Option(names = "--method", paramLabel = "NAME", defaultValue = "ach",
      description = "ach (default: the model) or tfidf (baseline)")
  String method;
  @Option(names = "--json", description = "print one JSON object") boolean json;

  @Override
  public Integer call() throws Exception {
    KnowledgeBase k = KbFiles.load(Optional.ofNullable(kb), Optional.ofNullable(data), intel, System.err);
    Evaluation.Method m = switch (method.toLowerCase(Locale.ROOT)) {
      case "ach", "model", "bayes" -> Evaluation.model(AttributionEngine.create(k));
      case "tfidf" -> Evaluation.tfidf(k);
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "unknown --method " + method + " (ach or tfidf)");
    };
    List<Evaluation.Case> cases = Evaluation.load(dir, k);
    List<Evaluation.Case> noted = cases.stream().filter(c -> !c.note().isEmpty()).toList();
    if (!noted.isEmpty()) {
      System.err.println("note: " + noted.size() + " of " + cases.size() + " labels were read against the knowledge"
          + " base (" + k + "):");
      noted.stream().limit(20).forEach(c -> System.err.println("  " + c.name() + ": " + c.note()));
      if (noted.size() > 20) {
        System.err.println("  ... and " + (noted.size() - 20) + " more");
      }
    }
    int step = Math.max(1, cases.size() / 10);
    Evaluation.Report r = Evaluation.run(cases, m, done -> {
      if (cases.size() >= 100 && (done % step == 0 || done == cases.size())) {
        System.err.printf(Locale.ROOT, "eval %s: %d/%d cases%n", m.name(), done, cases.size());
      }
    });
    System.out.println(json ? json(r) : text(r));
    return 0;
  }

  static String text(Evaluation.Report r) {
    return String.format(Locale.ROOT, """
        method %s: %d cases (%d known actor, %d UNKNOWN)
          top-1 %.3f   top-3 %.3f   MRR %.3f            (known-actor cases)
          UNKNOWN precision %s   recall %s
          Brier %.3f (multi-class, 0 = perfect, 2 = worst)""",
        r.method(), r.cases(), r.knownCases(), r.unknownCases(), r.top1(), r.top3(), r.mrr(),
        fmt(r.unknownPrecision()), fmt(r.unknownRecall()), r.brier());
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  static String json(Evaluation.Report r) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode o = mapper.createObjectNode();
    o.put("method", r.method());
    put(o, "top1", r.top1());
    put(o, "top3", r.top3());
    put(o, "mrr", r.mrr());
    put(o, "unknown_precision", r.unknownPrecision());
    put(o, "unknown_recall", r.unknownRecall());
    put(o, "brier", r.brier());
    o.put("cases", r.cases());
    o.put("known_cases", r.knownCases());
    o.put("unknown_cases", r.unknownCases());
    ArrayNode per = o.putArray("results");
    for (Evaluation.CaseResult c : r.results()) {
      ObjectNode x = per.addObject();
      x.put("case", c.name());
      x.put("actor", String.join("|", c.labels().stream().sorted().toList()));
      x.put("predicted", c.predicted());
      x.put("predicted_probability", c.predictedProbability());
      x.put("rank", c.rank());
      x.put("true_probability", c.trueProbability());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o);
  }

  private static void put(ObjectNode o, String key, double v) {
    if (Double.isNaN(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }
}
