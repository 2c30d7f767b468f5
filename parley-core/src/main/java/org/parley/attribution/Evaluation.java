package org.parley.attribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
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
   * at least as uneven if both were equally good); {@code ahead}/{@code behind}: the issue's figures on which the
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
    List<String> lines = labelLines(dir.resolve("labels.csv"));
    List<Case> cases = new ArrayList<>();
    Map<String, Integer> caseLine = new java.util.HashMap<>();
    AttributionException firstUnreadable = null;
    int unreadable = 0;
    int lineNo = 0;
    boolean seenRow = false;
    for (String line : lines) {
      lineNo++;
      String l = (lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      List<String> fields = csvFields(l);
      if (fields.size() < 2 || fields.get(0).isEmpty()) {
        throw new AttributionException("labels.csv line " + lineNo + ": expected \"case,actor\", got \"" + l + "\"");
      }
      String name = fields.get(0);
      boolean first = !seenRow;
      seenRow = true;
      if (first && isHeader(name, fields.get(1), dir, kb)) {
        continue; // a header is the first row only: a later case may be named "case"
      }
      List<String> written = Arrays.stream(fields.get(1).split("\\|")).map(String::strip)
          .filter(x -> !x.isEmpty()).toList();
      if (written.isEmpty()) {
        throw new AttributionException("labels.csv line " + lineNo + ": case " + name + " has no actor");
      }
      Set<String> labels = new LinkedHashSet<>();
      List<String> notes = new ArrayList<>();
      for (String w : written) {
        String up = w.toUpperCase(Locale.ROOT);
        if (up.equals(Hypothesis.UNKNOWN) || kb.groupByExternalId(up).isPresent()) {
          labels.add(up);
          continue;
        }
        Optional<Group> replaced = kb.replacement(up).flatMap(kb::group);
        if (replaced.isPresent()) { // a group id ATT&CK revoked and merged into another
          labels.add(replaced.get().externalId().toUpperCase(Locale.ROOT));
          notes.add(w + " is revoked in ATT&CK, read as " + replaced.get().externalId());
          continue;
        }
        List<Group> named = kb.groups().stream().filter(g -> Names.key(g.name()).equals(Names.key(w))
            || g.aliases().stream().anyMatch(a -> Names.key(a).equals(Names.key(w)))).toList();
        if (named.size() == 1) {
          labels.add(named.get(0).externalId().toUpperCase(Locale.ROOT));
          notes.add(w + " read as " + named.get(0).externalId());
        } else {
          labels.add(Hypothesis.UNKNOWN);
          notes.add(w + " is not in the knowledge base: scored as UNKNOWN");
        }
      }
      if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")
          || Path.of(name).isAbsolute()) {
        throw new AttributionException("labels.csv line " + lineNo + ": case " + name + " is not a file name in "
            + dir + " (a case is <case>.json beside labels.csv)");
      }
      Integer earlier = caseLine.putIfAbsent(name.replaceFirst("\\.json(\\.gz)?$", ""), lineNo);
      if (earlier != null) {
        throw new AttributionException("labels.csv line " + lineNo + ": case " + name + " is listed twice (first on"
            + " line " + earlier + "); list each case once, alternatives joined by |");
      }
      Path file = bundleOf(dir, name);
      Incident incident;
      try {
        if (!Files.isRegularFile(file)) {
          throw new AttributionException("no bundle " + file + " (each case of labels.csv needs DIR/<case>.json or"
              + " <case>.json.gz)");
        }
        incident = Incidents.read(file, kb);
      } catch (AttributionException e) {
        // scored on no evidence, never dropped and never the end of the run: one broken file among hundreds must
        // neither stop the evaluation nor flatter it (a dropped case is a miss nobody sees)
        incident = new Incident(name, name, List.of(), List.of(new UnresolvedEvidence(name, "bundle", name,
            e.getMessage())));
        notes.add("labels.csv line " + lineNo + ": unreadable, scored on no evidence: " + e.getMessage()
            + " (fix the bundle, or take the case out of labels.csv)");
        if (firstUnreadable == null) {
          firstUnreadable = new AttributionException("labels.csv line " + lineNo + ": case " + name + ": "
              + e.getMessage() + " — and no case of " + dir + " could be read (is it the right directory?)", e);
        }
        unreadable++;
      }
      cases.add(new Case(name, incident, labels, String.join("; ", notes)));
    }
    if (!cases.isEmpty() && unreadable == cases.size()) {
      throw firstUnreadable; // nothing to evaluate: the wrong directory, not one broken file
    }
    if (cases.isEmpty()) {
      throw new AttributionException(dir.resolve("labels.csv") + " lists no case (expected lines \"case,actor\","
          + " each naming a <case>.json beside it)");
    }
    return cases;
  }

  /**
   * The lines of labels.csv: UTF-8 (a byte-order mark allowed), or UTF-16 with its byte-order mark as Windows tools
   * save it; anything else is refused naming the encoding problem ("Input length = 1" said nothing).
   */
  private static List<String> labelLines(Path file) throws AttributionException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AttributionException("cannot read " + file + ": " + AttributionException.reason(e)
          + " (expected a labels.csv with lines \"case,actor\" beside the case bundles)", e);
    }
    java.nio.charset.Charset cs = raw.length >= 2 && ((raw[0] == (byte) 0xFF && raw[1] == (byte) 0xFE)
        || (raw[0] == (byte) 0xFE && raw[1] == (byte) 0xFF)) ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
    try {
      String text = cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw))
          .toString();
      return List.of(text.split("\r?\n|\r", -1));
    } catch (java.nio.charset.CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < raw.length && raw[i] != 0; i++) { // the line of the first byte that is not UTF-8
        line += raw[i] == '\n' ? 1 : 0;
        if ((raw[i] & 0x80) != 0) {
          break;
        }
      }
      throw new AttributionException(file + " is not UTF-8 text (near line " + line + "): save it as UTF-8", e);
    }
  }

  /** A case's bundle: {@code <case>.json}, else {@code <case>.json.gz} when only that exists (the name may end in either). */
  private static Path bundleOf(Path dir, String name) {
    if (name.endsWith(".json") || name.endsWith(".json.gz")) {
      return dir.resolve(name);
    }
    Path plain = dir.resolve(name + ".json");
    Path gz = dir.resolve(name + ".json.gz");
    return !Files.isRegularFile(plain) && Files.isRegularFile(gz) ? gz : plain;
  }

  /**
   * Whether the first row is a header: "case,actor" as documented, or any row naming no bundle whose actor field
   * is no label ("id,group", "case_id,label"): not UNKNOWN, not a group id, not a name the knowledge base knows.
   */
  private static boolean isHeader(String name, String actor, Path dir, KnowledgeBase kb) {
    if (name.equalsIgnoreCase("case")) {
      return true;
    }
    if (Files.isRegularFile(bundleOf(dir, name))) {
      return false;
    }
    String a = actor.strip();
    return !a.isEmpty() && !a.equalsIgnoreCase(Hypothesis.UNKNOWN) && !a.contains("|") && !GROUP_ID.matcher(a).matches()
        && kb.groups().stream().noneMatch(g -> Names.key(g.name()).equals(Names.key(a))
            || g.aliases().stream().anyMatch(x -> Names.key(x).equals(Names.key(a))));
  }

  /** An ATT&CK group id as labels write it (G0016, g1015). */
  private static final java.util.regex.Pattern GROUP_ID = java.util.regex.Pattern.compile("(?i)G\\d{4}");

  /** The fields of one CSV line (RFC 4180 quoting: "a, b","say ""x""" → [a, b], [say "x"]), each stripped. */
  static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          f.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(f.toString().strip());
        f.setLength(0);
      } else {
        f.append(ch);
      }
    }
    out.add(f.toString().strip());
    return out;
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
    List<CalibrationBin> bins = calibration(results, CaseResult::predictedProbability,
        r -> r.labels().contains(r.predicted()));
    List<CalibrationBin> unknownBins = calibration(results, CaseResult::unknownProbability,
        r -> r.labels().equals(Set.of(Hypothesis.UNKNOWN)));
    return new Report(method.name(), top1 / k, top3 / k, rr / k,
        calledUnknown == 0 ? Double.NaN : (double) correctUnknown / calledUnknown,
        unknown == 0 ? Double.NaN : (double) correctUnknown / unknown,
        cases.isEmpty() ? Double.NaN : brier / cases.size(), cases.size(), known, unknown, results,
        bins, ece(bins, results.size()), unknownCurve(results, unknown), unknownBins,
        ece(unknownBins, results.size()));
  }

  /** Five bins of 0.2 of {@code probability}, each with its mean and how often {@code cameTrue}. */
  private static List<CalibrationBin> calibration(List<CaseResult> results,
      java.util.function.ToDoubleFunction<CaseResult> probability, java.util.function.Predicate<CaseResult> cameTrue) {
    int bins = 5;
    int[] n = new int[bins];
    double[] conf = new double[bins];
    double[] right = new double[bins];
    for (CaseResult r : results) {
      double p = probability.applyAsDouble(r);
      int b = Math.max(0, Math.min(bins - 1, (int) (p * bins)));
      n[b]++;
      conf[b] += p;
      right[b] += cameTrue.test(r) ? 1 : 0;
    }
    List<CalibrationBin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      out.add(new CalibrationBin(b / (double) bins, (b + 1) / (double) bins, n[b],
          n[b] == 0 ? Double.NaN : conf[b] / n[b], n[b] == 0 ? Double.NaN : right[b] / n[b]));
    }
    return out;
  }

  private static double ece(List<CalibrationBin> bins, int cases) {
    if (cases == 0) {
      return Double.NaN;
    }
    double e = 0;
    for (CalibrationBin b : bins) {
      e += b.cases() == 0 ? 0 : b.cases() / (double) cases * Math.abs(b.accuracy() - b.meanProbability());
    }
    return e;
  }

  private static List<UnknownPoint> unknownCurve(List<CaseResult> results, int unknownCases) {
    List<CaseResult> byP = new ArrayList<>(results);
    byP.sort((a, b) -> Double.compare(b.unknownProbability(), a.unknownProbability()));
    List<UnknownPoint> out = new ArrayList<>();
    int called = 0;
    int right = 0;
    for (int i = 0; i < byP.size(); i++) {
      CaseResult r = byP.get(i);
      called++;
      right += r.labels().equals(Set.of(Hypothesis.UNKNOWN)) ? 1 : 0;
      boolean lastOfTies = i + 1 == byP.size() || byP.get(i + 1).unknownProbability() < r.unknownProbability();
      if (unknownCases > 0 && lastOfTies) {
        out.add(new UnknownPoint(r.unknownProbability(), right / (double) called, right / (double) unknownCases));
      }
    }
    return out;
  }
}
