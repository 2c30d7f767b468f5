package org.parley.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline every report is compared with: TF-IDF cosine between the incident's technique and software set
 * and each group's (binary term frequency, idf = ln((N + 1) / (df + 1)) + 1). UNKNOWN is a pseudo-group of
 * constant similarity {@link #UNKNOWN_SIMILARITY}; probabilities are the similarities normalised to sum to 1.
 */
final class TfidfBaseline implements Evaluation.Method {
  /** Chosen on the tune-2019 split, like the model's parameters. */
  static final double UNKNOWN_SIMILARITY = 0.15;
  private final Profiles profiles;
  private final Map<String, Double> idf = new HashMap<>();
  private final List<Set<String>> docs = new ArrayList<>();
  private final double[] norms;
  private final double unknownSimilarity;

  TfidfBaseline(KnowledgeBase kb) {
    this(kb, UNKNOWN_SIMILARITY);
  }

  TfidfBaseline(KnowledgeBase kb, double unknownSimilarity) {
    this.unknownSimilarity = unknownSimilarity;
    profiles = new Profiles(kb);
    Map<String, Integer> df = new HashMap<>();
    for (int g = 0; g < profiles.size(); g++) {
      Set<String> d = new HashSet<>(profiles.techniques.get(g));
      d.addAll(profiles.software.get(g));
      docs.add(d);
      d.forEach(t -> df.merge(t, 1, Integer::sum));
    }
    int n = profiles.size();
    df.forEach((t, c) -> idf.put(t, Math.log((n + 1.0) / (c + 1.0)) + 1));
    norms = new double[n];
    for (int g = 0; g < n; g++) {
      double s = 0;
      for (String t : docs.get(g)) {
        s += idf.get(t) * idf.get(t);
      }
      norms[g] = Math.sqrt(s);
    }
  }

  @Override
  public String name() {
    return "tfidf";
  }

  @Override
  public List<Hypothesis> rank(Incident incident) {
    Set<String> q = new HashSet<>();
    for (Evidence e : incident.evidence()) { // the technique and software set: victims and infrastructure are not terms
      if (e.kind() == Evidence.Kind.TECHNIQUE || e.kind() == Evidence.Kind.SOFTWARE
          || e.kind() == Evidence.Kind.NOVEL_MALWARE) {
        q.addAll(e.matches());
      }
    }
    double qn = 0;
    for (String t : q) {
      double w = idf.getOrDefault(t, Math.log(profiles.size() + 1.0) + 1);
      qn += w * w;
    }
    qn = Math.sqrt(qn);
    List<Hypothesis> out = new ArrayList<>();
    double[] sim = new double[profiles.size()];
    double total = unknownSimilarity;
    for (int g = 0; g < profiles.size(); g++) {
      double dot = 0;
      for (String t : q) {
        if (docs.get(g).contains(t)) {
          dot += idf.get(t) * idf.get(t);
        }
      }
      sim[g] = qn == 0 || norms[g] == 0 ? 0 : dot / (qn * norms[g]);
      total += sim[g];
    }
    for (int g = 0; g < profiles.size(); g++) {
      Group x = profiles.groups.get(g);
      out.add(new Hypothesis(Hypothesis.Kind.GROUP, x.externalId(), x.name(), sim[g] / total));
    }
    out.add(new Hypothesis(Hypothesis.Kind.UNKNOWN, Hypothesis.UNKNOWN, "UNKNOWN", unknownSimilarity / total));
    out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    return out;
  }
}
