package org.parley.attribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

  /** A labelled case. */
  public record Case(String name, Incident incident, Set<String> labels) {
    public Case {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(incident, "incident");
      labels = Set.copyOf(labels);
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("a case needs a label");
      }
    }

    /** True when the only acceptable answer is an actor absent from the knowledge base. */
    public boolean unknownActor() {
      return labels.equals(Set.of(Hypothesis.UNKNOWN));
    }
  }

  /** One case's outcome: the top actor, the rank of the first correct actor (0 if absent), its probability. */
  public record CaseResult(String name, Set<String> labels, String predicted, double predictedProbability,
      int rank, double trueProbability) {
    public CaseResult {
      labels = Set.copyOf(labels);
    }
  }

  /** The figures; {@code unknownPrecision} is NaN when nothing was called UNKNOWN. */
  public record Report(String method, double top1, double top3, double mrr, double unknownPrecision,
      double unknownRecall, double brier, int cases, int knownCases, int unknownCases, List<CaseResult> results) {
    public Report {
      results = List.copyOf(results);
    }
  }

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

  /** Reads {@code dir/labels.csv} and each {@code dir/<case>.json}, resolving evidence against {@code kb}. */
  public static List<Case> load(Path dir, KnowledgeBase kb) throws AttributionException {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir.resolve("labels.csv"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AttributionException("cannot read " + dir.resolve("labels.csv") + ": " + e.getMessage(), e);
    }
    List<Case> cases = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.toLowerCase(Locale.ROOT).startsWith("case,")) {
        continue;
      }
      int comma = l.indexOf(',');
      if (comma < 1) {
        throw new AttributionException("labels.csv: expected \"case,actor\", got \"" + l + "\"");
      }
      String name = l.substring(0, comma).strip();
      Set<String> labels = new LinkedHashSet<>();
      Arrays.stream(l.substring(comma + 1).split("\\|")).map(s -> s.strip().toUpperCase(Locale.ROOT))
          .filter(s -> !s.isEmpty()).forEach(labels::add);
      Path file = dir.resolve(name.endsWith(".json") ? name : name + ".json");
      cases.add(new Case(name, Incidents.read(file, kb), labels));
    }
    return cases;
  }

  public static Report run(List<Case> cases, Method method) {
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
      results.add(new CaseResult(c.name(), c.labels(), predicted, ranking.get(0).probability(), rank, pTrue));
    }
    double k = Math.max(1, known);
    return new Report(method.name(), top1 / k, top3 / k, rr / k,
        calledUnknown == 0 ? Double.NaN : (double) correctUnknown / calledUnknown,
        unknown == 0 ? Double.NaN : (double) correctUnknown / unknown,
        cases.isEmpty() ? Double.NaN : brier / cases.size(), cases.size(), known, unknown, results);
  }
}
