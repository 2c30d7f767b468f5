package org.parley.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Precision and recall against a corpus directory: every report {@code NAME.EXT} with a golden file
 * {@code NAME.EXT.expected.json} of the form
 * {@code {"indicators":[{"type":"ipv4","value":"..."}], "techniques":["T1566.001"], "victims":["sector:energy"],
 * "software":["S0002"]}} (software: the ATT&CK malware and tools the report names; found only with an ATT&CK bundle).
 * An indicator counts as found when type and normalised value match; a technique when the id matches; a victim
 * when its key ({@link Victim#key}) matches.
 */
public final class CorpusEvaluation {
  /** Counts and the differences, so a regression can be read, not just seen. */
  public record Counts(int truePositives, int falsePositives, int falseNegatives, List<String> missed,
      List<String> spurious) {
    public double precision() {
      return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
      return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", precision(), recall(), f1(),
          truePositives, falsePositives, falseNegatives);
    }
  }

  /** One report's outcome. */
  public record FileResult(String name, Counts indicators, Counts techniques, Counts victims, Counts software) {}

  /** All reports and the totals (micro-averaged). */
  public record Result(List<FileResult> files, Counts indicators, Counts techniques, Counts victims,
      Counts software) {}

  private CorpusEvaluation() {}

  public static Result run(Path dir, Extractor extractor) throws ExtractException {
    List<Path> reports;
    try (Stream<Path> s = Files.list(dir)) {
      reports = s.filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
          .filter(p -> Files.exists(golden(p))).sorted().toList();
    } catch (IOException e) {
      throw new ExtractException("cannot list corpus " + dir + ": " + e.getMessage(), e);
    }
    if (reports.isEmpty()) {
      throw new ExtractException("corpus " + dir + " has no report with a NAME.expected.json golden file");
    }
    ObjectMapper m = new ObjectMapper();
    List<FileResult> files = new ArrayList<>();
    for (Path r : reports) {
      JsonNode g;
      try {
        g = m.readTree(golden(r).toFile());
      } catch (IOException e) {
        throw new ExtractException("malformed golden file " + golden(r) + ": " + e.getMessage(), e);
      }
      Set<String> goldInd = new TreeSet<>();
      g.path("indicators").forEach(i -> goldInd.add(i.path("type").asText() + " " + i.path("value").asText()));
      Set<String> goldTech = new TreeSet<>();
      g.path("techniques").forEach(t -> goldTech.add(t.asText()));
      Set<String> goldVictims = new TreeSet<>();
      g.path("victims").forEach(v -> goldVictims.add(v.asText()));
      Set<String> goldSoftware = new TreeSet<>();
      g.path("software").forEach(v -> goldSoftware.add(v.asText()));
      Extraction e = extractor.extract(Documents.read(r));
      Set<String> gotInd = new TreeSet<>();
      e.indicators().forEach(i -> gotInd.add(i.type().label() + " " + i.value()));
      Set<String> gotTech = new TreeSet<>();
      e.techniques().forEach(t -> gotTech.add(t.externalId()));
      Set<String> gotVictims = new TreeSet<>();
      e.victims().forEach(v -> gotVictims.add(v.key()));
      Set<String> gotSoftware = new TreeSet<>();
      e.software().forEach(x -> gotSoftware.add(x.externalId()));
      files.add(new FileResult(r.getFileName().toString(), compare(goldInd, gotInd), compare(goldTech, gotTech),
          compare(goldVictims, gotVictims), compare(goldSoftware, gotSoftware)));
    }
    return new Result(files, sum(files, FileResult::indicators), sum(files, FileResult::techniques),
        sum(files, FileResult::victims), sum(files, FileResult::software));
  }

  static Path golden(Path report) {
    return report.resolveSibling(report.getFileName() + ".expected.json");
  }

  static Counts compare(Set<String> gold, Set<String> got) {
    List<String> missed = new ArrayList<>();
    List<String> spurious = new ArrayList<>();
    int tp = 0;
    for (String x : gold) {
      if (got.contains(x)) {
        tp++;
      } else {
        missed.add(x);
      }
    }
    for (String x : got) {
      if (!gold.contains(x)) {
        spurious.add(x);
      }
    }
    return new Counts(tp, spurious.size(), missed.size(), missed, spurious);
  }

  private static Counts sum(List<FileResult> files, java.util.function.Function<FileResult, Counts> which) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    List<String> missed = new ArrayList<>();
    List<String> spurious = new ArrayList<>();
    for (FileResult f : files) {
      Counts c = which.apply(f);
      tp += c.truePositives();
      fp += c.falsePositives();
      fn += c.falseNegatives();
      c.missed().forEach(x -> missed.add(f.name() + ": " + x));
      c.spurious().forEach(x -> spurious.add(f.name() + ": " + x));
    }
    return new Counts(tp, fp, fn, missed, spurious);
  }
}
