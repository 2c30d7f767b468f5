package org.parley.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.parley.extract.internal.Procedures;

/**
 * Honest measurement of technique recognition on ATT&CK itself: groups are split into folds; for each fold the
 * model is trained WITHOUT the fold's groups, the software they use and the campaigns attributed to them, and
 * tested on pseudo-reports (one report per group and cited
 * source, gold = the techniques of those examples). The threshold is chosen on the validation folds and the
 * figure is reported on the other (test) folds only.
 */
public final class TechniqueEvaluation {
  /** Micro- and macro-averaged report-level scores. */
  public record Scores(int reports, double precision, double recall, double f1, double macroF1) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "reports=%d P=%.3f R=%.3f F1=%.3f macroF1=%.3f",
          reports, precision, recall, f1, macroF1);
    }
  }

  /** Outcome of {@link #holdoutByGroup}. */
  public record Result(int folds, int validationFolds, double threshold, Scores validation, Scores test,
      Scores baselineTest, Map<Double, Scores> testByThreshold) {}

  /** One report's predictions: techniques found without the classifier and the classifier's best scores. */
  record Prediction(Set<String> gold, Set<String> fixed, Set<String> baseline, Map<String, Double> classifier) {}

  private TechniqueEvaluation() {}

  public static Result holdoutByGroup(AttackKnowledge kb, int folds, int validationFolds, long seed) {
    List<String> groups = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AttackKnowledge.Procedure p : kb.procedures()) {
      if (p.sourceType().equals("intrusion-set") && seen.add(p.sourceStixId())) {
        groups.add(p.sourceStixId());
      }
    }
    Collections.sort(groups);
    Collections.shuffle(groups, new Random(seed));
    List<Prediction> validation = new ArrayList<>();
    List<Prediction> test = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      Set<String> held = new HashSet<>();
      for (int g = f; g < groups.size(); g += folds) {
        held.add(groups.get(g));
      }
      Set<String> excluded = new HashSet<>(held);
      for (String g : held) {
        excluded.addAll(kb.relatedTo(g));
      }
      TechniqueModel model = TechniqueModel.train(kb, p -> !excluded.contains(p.sourceStixId()), 0.0);
      List<Prediction> out = f < validationFolds ? validation : test;
      for (Map.Entry<String, List<AttackKnowledge.Procedure>> r : pseudoReports(kb, held).entrySet()) {
        String group = r.getKey().substring(0, r.getKey().indexOf('|'));
        out.add(predict(model, kb.descriptionOf(group).map(Procedures::plain).orElse(""), r.getValue()));
      }
    }
    double bestT = 0;
    double bestF = -1;
    Map<Double, Scores> byT = new TreeMap<>();
    for (int i = 5; i <= 80; i += 5) {
      double t = i / 100.0;
      Scores v = score(validation, t, false);
      if (v.f1() > bestF) {
        bestF = v.f1();
        bestT = t;
      }
      byT.put(t, score(test, t, false));
    }
    return new Result(folds, validationFolds, bestT, score(validation, bestT, false), score(test, bestT, false),
        score(test, 0, true), byT);
  }

  /** Held-out groups' procedures grouped by (group, first cited source); reports of ≥ 2 examples. */
  static Map<String, List<AttackKnowledge.Procedure>> pseudoReports(AttackKnowledge kb, Set<String> held) {
    Map<String, List<AttackKnowledge.Procedure>> reports = new LinkedHashMap<>();
    for (AttackKnowledge.Procedure p : kb.procedures()) {
      if (!held.contains(p.sourceStixId())) {
        continue;
      }
      int c = p.text().indexOf("(Citation: ");
      int e = c < 0 ? -1 : p.text().indexOf(')', c);
      String source = c < 0 || e < 0 ? "(none)" : p.text().substring(c + 11, e);
      reports.computeIfAbsent(p.sourceStixId() + "|" + source, k -> new ArrayList<>()).add(p);
    }
    reports.values().removeIf(l -> l.size() < 2);
    return reports;
  }

  /**
   * Runs the model over a pseudo-report: the group's own description first (prose about the actor that names
   * few techniques, as a real report's introduction does), then the procedure examples.
   */
  private static Prediction predict(TechniqueModel model, String intro, List<AttackKnowledge.Procedure> procedures) {
    StringBuilder text = new StringBuilder(intro).append("\n\n");
    Set<String> gold = new HashSet<>();
    for (AttackKnowledge.Procedure p : procedures) {
      text.append(Procedures.plain(p.text())).append("\n\n");
      gold.add(p.techniqueId());
    }
    String t = text.toString();
    List<Indicator> ids = new ArrayList<>();
    try {
      ids = Extractor.create(model).indicators(t);
    } catch (ExtractException e) {
      throw new IllegalStateException("pseudo-report is small: " + e.getMessage(), e);
    }
    Set<String> fixed = new HashSet<>();
    Set<String> baseline = new HashSet<>();
    Map<String, Double> cls = new HashMap<>();
    for (TechniqueMatch m : Techniques.recognise(model, t, ids)) {
      switch (m.method()) {
        case EXPLICIT_ID, NAME -> {
          fixed.add(m.externalId());
          baseline.add(m.externalId());
        }
        case LEXICON -> fixed.add(m.externalId());
        case CLASSIFIER -> cls.put(m.externalId(), m.confidence());
      }
    }
    return new Prediction(gold, fixed, baseline, cls);
  }

  static Scores score(List<Prediction> preds, double threshold, boolean baselineOnly) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    double macro = 0;
    for (Prediction p : preds) {
      Set<String> predicted = new HashSet<>(baselineOnly ? p.baseline() : p.fixed());
      if (!baselineOnly) {
        p.classifier().forEach((id, s) -> {
          if (s >= threshold) {
            predicted.add(id);
          }
        });
      }
      int t = 0;
      for (String id : predicted) {
        t += p.gold().contains(id) ? 1 : 0;
      }
      tp += t;
      fp += predicted.size() - t;
      fn += p.gold().size() - t;
      double pr = predicted.isEmpty() ? 0 : (double) t / predicted.size();
      double rc = p.gold().isEmpty() ? 0 : (double) t / p.gold().size();
      macro += pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc);
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new Scores(preds.size(), precision, recall, f1, preds.isEmpty() ? 0 : macro / preds.size());
  }
}
