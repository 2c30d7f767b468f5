package org.parley.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Attribution by analysis of competing hypotheses: {@code AttributionEngine.create(kb).attribute(incident)}.
 * Thread-safe once created; building it indexes the knowledge base (tens of milliseconds).
 */
public final class AttributionEngine {
  private final KnowledgeBase kb;
  private final Model model;
  private final ActorWeights weights;

  private AttributionEngine(KnowledgeBase kb, ModelParams params, ActorWeights weights) {
    this.kb = kb;
    this.model = new Model(kb, params);
    this.weights = weights;
  }

  public static AttributionEngine create(KnowledgeBase kb) {
    return new AttributionEngine(kb, ModelParams.DEFAULT, ActorWeights.DEFAULT);
  }

  public static AttributionEngine create(KnowledgeBase kb, ModelParams params) {
    return new AttributionEngine(kb, params, ActorWeights.DEFAULT);
  }

  /**
   * For a caseload where {@code unknownShare} of the incidents are by actors absent from the knowledge base (an
   * ISAC seeing mostly unnamed criminals, a CERT pair following a few known state actors); the default is the tune
   * splits' {@value ActorWeights#UNKNOWN_BASE_RATE_TEXT}. Moves P(UNKNOWN) as a prior does, in the probabilities and
   * in which actor is named first.
   *
   * @throws IllegalArgumentException unless 0 &lt; unknownShare &lt; 1
   */
  public static AttributionEngine create(KnowledgeBase kb, double unknownShare) {
    return new AttributionEngine(kb, ModelParams.DEFAULT, ActorWeights.DEFAULT.withUnknownShare(unknownShare));
  }

  /** The share of incidents by actors absent from the knowledge base this engine assumes. */
  public double unknownShare() {
    return weights.unknownShare();
  }

  static AttributionEngine create(KnowledgeBase kb, ModelParams params, ActorWeights weights) {
    return new AttributionEngine(kb, params, weights);
  }

  /** The numbers behind an assessment (features for fitting {@link ActorWeights}). */
  Scores scores(Incident incident) {
    return new Scores(model, weights, incident);
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  /** The full assessment: hypotheses, ACH matrix, sensitivity and confidence. */
  public Assessment attribute(Incident incident) {
    Scores s = scores(incident);
    double[] post = s.posterior(null);
    List<Hypothesis> hypotheses = ranked(s, post);
    List<Hypothesis> actors = actors(s, s.actors(null));
    Sensitivity sensitivity = Sensitivities.of(s, kb);
    AchMatrix matrix = AchMatrices.of(s, post);
    double meanCredibility = incident.evidence().stream().mapToDouble(Evidence::credibility).average().orElse(0);
    int overturn = sensitivity.overturnSet().isEmpty() ? 0 : sensitivity.overturnSet().size();
    return new Assessment(incident, hypotheses, actors,
        Confidence.of(incident.evidence().size(), meanCredibility, overturn), matrix, sensitivity,
        java.util.stream.Stream.of(incident.marking(), kb.marking()).flatMap(java.util.Optional::stream)
            .max(Enum::compareTo), weights.unknownCallRatio(), weights.unknownShare());
  }

  /** Only the ranked actors (a group or UNKNOWN) with probabilities: what evaluation needs, without analysis. */
  public List<Hypothesis> rankActors(Incident incident) {
    Scores s = scores(incident);
    return actors(s, s.actors(null));
  }

  /** Every hypothesis with its probability, in the order of the call (see {@link Scores#callWeight}). */
  static List<Hypothesis> ranked(Scores s, double[] post) {
    return inCallOrder(s, post);
  }

  /** The actors (the first g+1 hypotheses) with their probabilities, in the order of the call. */
  static List<Hypothesis> actors(Scores s, double[] actorPost) {
    return inCallOrder(s, actorPost);
  }

  private static List<Hypothesis> inCallOrder(Scores s, double[] p) {
    return inCallOrder(s, p, s.linked());
  }

  /** The hypotheses (or actors) with probabilities {@code p} in the call's order, given whether evidence links. */
  static List<Hypothesis> inCallOrder(Scores s, double[] p, boolean linked) {
    Integer[] order = new Integer[p.length];
    for (int h = 0; h < p.length; h++) {
      order[h] = h;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer h) -> -p[h] * s.callWeight(h, linked))
        .thenComparingInt(h -> h));
    List<Hypothesis> out = new ArrayList<>();
    for (int h : order) {
      out.add(s.hypotheses.get(h).withProbability(p[h]));
    }
    return out;
  }
}
