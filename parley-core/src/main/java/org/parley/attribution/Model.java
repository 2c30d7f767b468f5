package org.parley.attribution;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Likelihoods p(evidence | hypothesis) for every intrusion set and UNKNOWN: a smoothed multinomial per group
 * (Dirichlet prior = the background distribution of the whole knowledge base), UNKNOWN = the background itself,
 * so a rare technique or a group's own malware weighs far more than a commodity technique or public tool.
 */
final class Model {
  final Profiles profiles;
  final ModelParams params;
  private final KnowledgeBase kb;
  private final Map<String, Integer> techIndex = new HashMap<>();
  private final float[][] techWeight; // [group][technique] in [0, 1]
  private final double[] techBackground;
  private final double[] techTotal;
  private final double[] techUsers;
  private final double meanTechTotal;
  private final int maxTechUsers;
  final double[] logPrior; // groups then UNKNOWN
  private final Map<String, Double> idf = new HashMap<>(); // technique and software ids, TF-IDF overlap feature
  private final double[] overlapNorm; // per group: Euclidean norm of its idf vector
  private final Map<String, int[]> reportsWith = new HashMap<>(); // item → reports documenting it
  private final double[] reportNorm; // per report: Euclidean norm of its idf vector
  final int[][] reportsOf; // per group: its reports
  final double[] reportVolume; // per group: ln(1 + number of its reports), how much is written about it

  Model(KnowledgeBase kb, ModelParams params) {
    this.kb = kb;
    this.params = params;
    this.profiles = new Profiles(kb);
    List<Technique> ts = List.copyOf(kb.techniques());
    for (int i = 0; i < ts.size(); i++) {
      techIndex.put(ts.get(i).id(), i);
    }
    int g = profiles.size();
    techWeight = new float[g][ts.size()];
    techTotal = new double[g];
    double[] df = new double[ts.size()];
    for (int i = 0; i < g; i++) {
      fillTechniqueWeights(i, ts);
      for (int t = 0; t < ts.size(); t++) {
        techTotal[i] += techWeight[i][t];
        df[t] += techWeight[i][t];
      }
    }
    double sum = 0;
    for (double d : df) {
      sum += d;
    }
    techUsers = df;
    double meanTotal = 0;
    for (int i = 0; i < g; i++) {
      meanTotal += techTotal[i] / g;
    }
    meanTechTotal = Math.max(1, meanTotal);
    techBackground = new double[ts.size()];
    int max = 1;
    for (int t = 0; t < ts.size(); t++) {
      techBackground[t] = (df[t] + 0.5) / (sum + 0.5 * ts.size());
      max = Math.max(max, (int) Math.ceil(df[t]));
    }
    maxTechUsers = max;
    logPrior = priors();
    overlapNorm = overlapIndex();
    int reports = profiles.reportItems.size();
    reportNorm = new double[reports];
    Map<String, List<Integer>> with = new HashMap<>();
    List<List<Integer>> of = new java.util.ArrayList<>();
    for (int i = 0; i < g; i++) {
      of.add(new java.util.ArrayList<>());
    }
    for (int r = 0; r < reports; r++) {
      double n2 = 0;
      for (String item : profiles.reportItems.get(r)) {
        double w = idf.getOrDefault(item, 0.0);
        n2 += w * w;
        with.computeIfAbsent(item, k -> new java.util.ArrayList<>()).add(r);
      }
      reportNorm[r] = Math.sqrt(n2);
      of.get(profiles.reportGroup.get(r)).add(r);
    }
    with.forEach((item, rs) -> reportsWith.put(item, rs.stream().mapToInt(Integer::intValue).toArray()));
    reportsOf = of.stream().map(rs -> rs.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    reportVolume = java.util.Arrays.stream(reportsOf).mapToDouble(rs -> Math.log1p(rs.length)).toArray();
    softwareIndex = SetIndex.of(profiles.software);
    artifactIndex = SetIndex.of(profiles.artifacts);
    victimIndex = SetIndex.of(profiles.victims);
  }

  int reports() {
    return reportNorm.length;
  }

  /**
   * Item {@code e}'s terms of the TF-IDF dot products between the incident and each known report (over the
   * report's norm): the reports documenting it, and idf² / |report| for each (techniques and software only).
   */
  int[] reportsWith(Evidence e) {
    if (e.kind() != Evidence.Kind.TECHNIQUE && e.kind() != Evidence.Kind.SOFTWARE) {
      return new int[0];
    }
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (String id : e.matches()) {
      for (int r : reportsWith.getOrDefault(id, new int[0])) {
        out.add(r);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  double reportTerm(Evidence e, int report) {
    double w = idf(e);
    return reportNorm[report] > 0 ? w * w / reportNorm[report] : 0;
  }

  /** idf = ln((N + 1) / (df + 1)) + 1 over the groups' technique and software sets, as the TF-IDF baseline. */
  private double[] overlapIndex() {
    int g = profiles.size();
    Map<String, Integer> df = new HashMap<>();
    for (int i = 0; i < g; i++) {
      profiles.techniques.get(i).forEach(t -> df.merge(t, 1, Integer::sum));
      profiles.software.get(i).forEach(s -> df.merge(s, 1, Integer::sum));
    }
    df.forEach((t, c) -> idf.put(t, Math.log((g + 1.0) / (c + 1.0)) + 1));
    double[] norms = new double[g];
    for (int i = 0; i < g; i++) {
      double s = 0;
      for (String t : profiles.techniques.get(i)) {
        s += idf.get(t) * idf.get(t);
      }
      for (String t : profiles.software.get(i)) {
        s += idf.get(t) * idf.get(t);
      }
      norms[i] = Math.sqrt(s);
    }
    return norms;
  }

  /**
   * Item {@code e}'s term of the TF-IDF dot product between the incident and each group, over the group's norm:
   * idf² / |g| for a group known to use it, else 0 (techniques and software only). Summed over the incident's items
   * it is the baseline's cosine times the incident's norm, which is the same for every group; being a sum over
   * items, leaving an item out removes exactly its term (what the sensitivity analysis relies on).
   */
  double[] overlap(Evidence e) {
    int g = profiles.size();
    double[] out = new double[g];
    if (e.kind() != Evidence.Kind.TECHNIQUE && e.kind() != Evidence.Kind.SOFTWARE) {
      return out;
    }
    for (String id : e.matches()) {
      Double w = idf.get(id);
      if (w == null) {
        continue; // no group uses it: no overlap with anyone
      }
      for (int i = 0; i < g; i++) {
        boolean has = e.kind() == Evidence.Kind.TECHNIQUE ? profiles.techniques.get(i).contains(id)
            : profiles.software.get(i).contains(id);
        if (has && overlapNorm[i] > 0) {
          out[i] = Math.max(out[i], w * w / overlapNorm[i]);
        }
      }
    }
    return out;
  }

  /** The item's idf (largest over its matches); an item no group uses gets the largest idf, as in the baseline. */
  double idf(Evidence e) {
    double w = 0;
    for (String id : e.matches()) {
      w = Math.max(w, idf.getOrDefault(id, Math.log(profiles.size() + 1.0) + 1));
    }
    return w;
  }

  /**
   * Whether group {@code g}'s profile holds one of the item's matches: a technique or software it uses, infrastructure
   * linked to it, a victim or vulnerability it targets (an unknown malware family never).
   */
  boolean knownFor(int g, Evidence e) {
    Set<String> p = switch (e.kind()) {
      case TECHNIQUE -> profiles.techniques.get(g);
      case SOFTWARE -> profiles.software.get(g);
      case INFRASTRUCTURE -> profiles.artifacts.get(g);
      case VICTIM, VULNERABILITY -> profiles.victims.get(g);
      case NOVEL_MALWARE -> Set.of();
    };
    for (String id : e.matches()) {
      if (p.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any group's profile holds the item (any kind; unknown malware never). */
  boolean linksToAGroup(Evidence e) {
    List<Set<String>> profile = switch (e.kind()) {
      case TECHNIQUE -> profiles.techniques;
      case SOFTWARE -> profiles.software;
      case INFRASTRUCTURE -> profiles.artifacts;
      case VICTIM, VULNERABILITY -> profiles.victims; // what a group targets: places, sectors, vulnerabilities
      case NOVEL_MALWARE -> List.of();
    };
    for (Set<String> p : profile) {
      for (String id : e.matches()) {
        if (p.contains(id)) {
          return true;
        }
      }
    }
    return false;
  }

  /** How many groups are known to use the software item (at least 1). */
  int softwareUsers(Evidence e) {
    int users = 1;
    for (String id : e.matches()) {
      users = Math.max(users, profiles.softwareUsers.getOrDefault(id, 0));
    }
    return users;
  }

  private String family(String techniqueId) {
    return kb.technique(techniqueId).flatMap(Technique::parentId).orElse(techniqueId);
  }

  private void fillTechniqueWeights(int g, List<Technique> ts) {
    Set<String> direct = profiles.techniques.get(g);
    Set<String> families = new HashSet<>();
    direct.forEach(t -> families.add(family(t)));
    Set<String> viaSoftware = new HashSet<>();
    profiles.software.get(g).forEach(s -> viaSoftware.addAll(profiles.softwareTechniques.getOrDefault(s, Set.of())));
    for (int t = 0; t < ts.size(); t++) {
      String id = ts.get(t).id();
      double w = direct.contains(id) ? 1
          : families.contains(family(id)) ? params.familyWeight()
          : viaSoftware.contains(id) ? params.softwareTechniqueWeight() : 0;
      techWeight[g][t] = (float) w;
    }
  }

  private double[] priors() {
    int g = profiles.size();
    double[] p = new double[g + 1];
    double total = 0;
    for (int i = 0; i < g; i++) {
      p[i] = Math.pow(1 + profiles.techniques.get(i).size() + profiles.software.get(i).size(),
          params.activityExponent());
      total += p[i];
    }
    double known = g == 0 ? 0 : 1 - params.priorUnknown();
    for (int i = 0; i < g; i++) {
      p[i] = Math.log(known * p[i] / total);
    }
    p[g] = Math.log(g == 0 ? 1 : params.priorUnknown());
    return p;
  }

  int hypotheses() {
    return profiles.size() + 1;
  }

  /**
   * log p(e | h) for every group and UNKNOWN (last), before credibility and temperature: a mixture of the
   * group's profile (weight λ, each item 1/size^β) and the background (1 − λ); UNKNOWN is the background,
   * boosted for items no known group is linked to.
   */
  double[] logLikelihoods(Evidence e) {
    int g = profiles.size();
    double[] out = new double[g + 1];
    switch (e.kind()) {
      case TECHNIQUE -> {
        int t = techIndex.get(e.matches().get(0));
        double bg = techBackground[t];
        double lambda = params.techniqueProfileWeight();
        double beta = params.sizeExponent();
        double scale = Math.pow(meanTechTotal, 1 - beta);
        for (int i = 0; i < g; i++) {
          double u = techWeight[i][t] == 0 ? 0 : techWeight[i][t] / (scale * Math.pow(Math.max(1, techTotal[i]), beta));
          out[i] = Math.log(lambda * u + (1 - lambda) * bg);
        }
        out[g] = Math.log(bg * (techUsers[t] == 0 ? params.orphanBoost() : 1));
      }
      case SOFTWARE -> sets(e, profiles.software, kb.software().size(), out);
      case INFRASTRUCTURE -> sets(e, profiles.artifacts, kb.artifactMap().size(), out);
      case VICTIM, VULNERABILITY -> sets(e, profiles.victims, kb.victimMap().size(), out);
      case NOVEL_MALWARE -> out[g] = Math.log(params.novelMalwareBoost());
    }
    return out;
  }

  /** Per profile kind (software, infrastructure, victims): which groups hold each item, and the total links. */
  private record SetIndex(Map<String, int[]> groups, long totalLinks) {
    static SetIndex of(List<Set<String>> profile) {
      Map<String, List<Integer>> with = new HashMap<>();
      long links = 0;
      for (int i = 0; i < profile.size(); i++) {
        links += profile.get(i).size();
        for (String item : profile.get(i)) {
          with.computeIfAbsent(item, k -> new java.util.ArrayList<>()).add(i);
        }
      }
      Map<String, int[]> out = new HashMap<>();
      with.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
      return new SetIndex(out, links);
    }
  }

  private final SetIndex softwareIndex;
  private final SetIndex artifactIndex;
  private final SetIndex victimIndex;

  private SetIndex index(Evidence.Kind kind) {
    return switch (kind) {
      case SOFTWARE -> softwareIndex;
      case INFRASTRUCTURE -> artifactIndex;
      default -> victimIndex;
    };
  }

  private void sets(Evidence e, List<Set<String>> profile, int vocabulary, double[] out) {
    int g = profiles.size();
    SetIndex index = index(e.kind());
    boolean[] has = new boolean[g];
    int users = 0;
    for (String m : e.matches()) {
      for (int i : index.groups().getOrDefault(m, new int[0])) {
        if (!has[i]) {
          has[i] = true;
          users++;
        }
      }
    }
    double meanSize = Math.max(1, (double) index.totalLinks() / Math.max(1, g));
    double denominator = index.totalLinks() + 0.5 * Math.max(1, vocabulary);
    if (e.kind() == Evidence.Kind.INFRASTRUCTURE) {
      // The hosts and addresses a working group has shared are a sliver of those an actor could use: over that
      // vocabulary alone (three shared C2 domains: bg = 1/3) a domain only one group is known for said almost
      // nothing. Its background is at most a software family's, so such a match weighs like the group's own malware.
      denominator = Math.max(denominator, softwareIndex.totalLinks() + 0.5 * Math.max(1, kb.software().size()));
    }
    double bg = (users + 0.5) / denominator;
    double lambda = e.kind() == Evidence.Kind.SOFTWARE && isTool(e) ? params.toolProfileWeight()
        : params.softwareProfileWeight();
    double beta = params.sizeExponent();
    double scale = Math.pow(meanSize, 1 - beta);
    for (int i = 0; i < g; i++) {
      double u = has[i] ? 1 / (scale * Math.pow(Math.max(1, profile.get(i).size()), beta)) : 0;
      out[i] = Math.log(lambda * u + (1 - lambda) * bg);
    }
    out[g] = Math.log(bg * (users == 0 ? params.orphanBoost() : 1));
  }

  private boolean isTool(Evidence e) {
    return kb.softwareById(e.matches().get(0)).map(Software::tool).orElse(false);
  }

  /**
   * How cheap the item is to fake, in [0, 1]: public tools and commodity techniques are cheap, a malware
   * family known with one actor or a rarely seen technique is costly; victims are not planted.
   */
  double easeOfFaking(Evidence e) {
    return switch (e.kind()) {
      case TECHNIQUE -> {
        int t = techIndex.get(e.matches().get(0));
        double users = 0;
        for (float[] w : techWeight) {
          users += w[t];
        }
        yield 0.2 + 0.7 * Math.sqrt(Math.min(1, users / maxTechUsers));
      }
      case SOFTWARE -> {
        Software s = kb.softwareById(e.matches().get(0)).orElseThrow();
        int users = profiles.softwareUsers.getOrDefault(s.id(), 0);
        yield s.tool() ? 0.9 : users >= 4 ? 0.6 : users >= 2 ? 0.3 : 0.1;
      }
      case INFRASTRUCTURE -> 0.2;
      case VICTIM -> 0.0;
      case VULNERABILITY -> 0.5; // a public exploit is there for anyone to use, a framer too
      case NOVEL_MALWARE -> 0.2;
    };
  }

  /** Specificity in [0, 1]: 1 for an item no other group shares, near 0 for one everyone uses (ACH relevance). */
  double specificity(double[] logLikelihoods) {
    double bg = Math.exp(logLikelihoods[logLikelihoods.length - 1]);
    double max = 0;
    for (int i = 0; i < logLikelihoods.length - 1; i++) {
      max = Math.max(max, Math.exp(logLikelihoods[i]));
    }
    return max <= 0 ? 0 : Math.max(0, Math.min(1, 1 - bg / max));
  }

  /** Techniques and software a group is known for, in the knowledge base's order (to say what would support it). */
  Set<String> knownItems(int group) {
    Set<String> out = new HashSet<>(profiles.techniques.get(group));
    out.addAll(profiles.software.get(group));
    return out;
  }
}
