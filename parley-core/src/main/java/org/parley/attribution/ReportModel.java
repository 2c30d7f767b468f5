package org.parley.attribution;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What text, HTML and STIX reports share: the judgement sentence and the drivers. */
final class ReportModel {
  private ReportModel() {}

  /**
   * The leading actor's likelihood; when the call names a group although an unknown actor is more probable (a right
   * name is worth more than a right "unknown", ActorWeights), a second sentence says so with its calibrated
   * probability.
   */
  static String judgement(Assessment a, Lang lang) {
    Hypothesis lead = a.leading();
    Estimative likelihood = Estimative.of(lead.probability());
    String sentence = String.format(Messages.get(lang, likelihood.chance() ? "conductedChance" : "conducted"),
        (lang == Lang.EN && likelihood == Estimative.ROUGHLY_EVEN ? "a " : "") + likelihood.phrase(lang),
        Messages.hypothesis(lang, lead)); // "There is a roughly even chance", "There is almost no chance"
    if (a.incident().evidence().isEmpty()) { // an empty bundle, or nothing in it resolved: say so, not a judgement alone
      return withPlantedShare(sentence, a, lead.probability(), lang) + Messages.get(lang, "noEvidence");
    }
    if (lead.kind() == Hypothesis.Kind.UNKNOWN) {
      return withPlantedShare(sentence, a, lead.probability(), lang);
    }
    Hypothesis unknown = a.actors().stream().filter(h -> h.kind() == Hypothesis.Kind.UNKNOWN).findFirst()
        .orElse(null);
    if (unknown == null || unknown.probability() <= lead.probability()) {
      return sentence;
    }
    return sentence + String.format(Messages.get(lang, "unknownMoreProbable"),
        Estimative.of(unknown.probability()).phrase(lang), Messages.get(lang, "unknownActor"),
        plantedShare(a, unknown.probability(), lang), String.format(Locale.ROOT, "%.1f", a.unknownCallRatio()));
  }

  /**
   * An unknown actor's share includes the false flags (an actor absent from the knowledge base planting evidence
   * against a known group): the judgement says how much of it they are, so that it matches the per-hypothesis list.
   */
  private static String withPlantedShare(String sentence, Assessment a, double unknownActor, Lang lang) {
    String share = plantedShare(a, unknownActor, lang);
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) + share + "."
        : sentence.endsWith("。") ? sentence.substring(0, sentence.length() - 1) + share + "。" : sentence + share;
  }

  private static String plantedShare(Assessment a, double unknownActor, Lang lang) {
    double planted = a.hypotheses().stream().filter(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG)
        .mapToDouble(Hypothesis::probability).sum();
    return planted < 0.001 ? "" : String.format(Messages.get(lang, "plantedShare"), pct(planted),
        pct(Math.max(0, unknownActor - planted)));
  }

  /** A line saying which share of unknown actors the probabilities assume, when it is not the model's own; else "". */
  static String unknownShare(Assessment a, Lang lang) {
    if (pct(a.unknownShare()).equals(pct(ActorWeights.UNKNOWN_BASE_RATE))) {
      return ""; // the model's own, as far as the report shows it
    }
    return String.format(Messages.get(lang, "unknownShareLine"), pct(a.unknownShare()),
        pct(ActorWeights.UNKNOWN_BASE_RATE));
  }

  static String confidence(Assessment a, Lang lang) {
    if (a.incident().evidence().isEmpty()) {
      return Messages.get(lang, "confidence") + Messages.colon(lang) + Messages.get(lang, a.confidence().name())
          + Messages.parenthesised(lang, Messages.get(lang, "confidenceNoEvidence"));
    }
    double cred = a.incident().evidence().stream().mapToDouble(Evidence::credibility).average().orElse(0);
    int k = a.sensitivity().overturnSet().size();
    String overturn = k == 0 ? Messages.get(lang, "overturnNone")
        : String.format(Messages.counted(lang, "overturnBy", k), k);
    int n = a.incident().evidence().size();
    return Messages.get(lang, "confidence") + Messages.colon(lang) + Messages.get(lang, a.confidence().name())
        + Messages.parenthesised(lang, String.format(Locale.ROOT, Messages.counted(lang, "confidenceBasis", n), n,
            cred, overturn));
  }

  /** Items whose removal costs the leader most, largest drop first (at most five, only real drops). */
  static List<ItemInfluence> drivers(Assessment a) {
    double p = a.leading().probability();
    return a.sensitivity().withoutEach().stream()
        .filter(i -> i.leaderProbabilityWithout() < p - 1e-4)
        .sorted(Comparator.comparingDouble(ItemInfluence::leaderProbabilityWithout)
            .thenComparing(i -> i.evidence().label()))
        .limit(5).toList();
  }

  /**
   * When the list below is not in order of probability (an unknown actor or a false flag after a less probable
   * group, by the call's rule), the rule in a phrase; else "".
   */
  static String callOrderNote(Assessment a, Lang lang) {
    List<Hypothesis> shown = shown(a);
    for (int i = 1; i < shown.size(); i++) {
      if (shown.get(i).probability() > shown.get(i - 1).probability() + 1e-12) {
        return String.format(Messages.get(lang, "callOrder"), String.format(Locale.ROOT, "%.1f",
            a.unknownCallRatio()));
      }
    }
    return "";
  }

  /** The hypotheses worth showing: the first eight, UNKNOWN, and any false flag above 0.5%. */
  static List<Hypothesis> shown(Assessment a) {
    return a.hypotheses().stream().filter(h -> a.hypotheses().indexOf(h) < 8 || h.kind() == Hypothesis.Kind.UNKNOWN
        || (h.kind() == Hypothesis.Kind.FALSE_FLAG && h.probability() > 0.005)).toList();
  }

  /** Unresolved items as a report lists them: one line per label and reason, with every type that carried it. */
  record UnresolvedLine(String types, String label, String reason) {}

  /**
   * One line for the objects that say the same thing: an extracted report gives each indicator as an observable and
   * as an indicator ("file msupdate.dll" and "indicator msupdate.dll"), which would list every value twice. The JSON
   * keeps one entry per object.
   */
  static List<UnresolvedLine> unresolvedLines(List<UnresolvedEvidence> unresolved) {
    java.util.Map<List<String>, java.util.LinkedHashSet<String>> types = new java.util.LinkedHashMap<>();
    for (UnresolvedEvidence u : unresolved) {
      types.computeIfAbsent(List.of(u.label(), u.reason()), k -> new java.util.LinkedHashSet<>()).add(u.type());
    }
    List<UnresolvedLine> out = new java.util.ArrayList<>();
    types.forEach((k, t) -> out.add(new UnresolvedLine(String.join(", ", t), k.get(0), k.get(1))));
    return out;
  }

  static String pct(double p) {
    return String.format(Locale.ROOT, "%.1f%%", p * 100);
  }

  static String actorName(Assessment a, String actorId, Lang lang) {
    if (actorId.equals(Hypothesis.UNKNOWN)) {
      return Messages.get(lang, "unknownActor") + " (UNKNOWN)";
    }
    return a.actors().stream().filter(h -> h.groupId().equals(actorId)).findFirst()
        .map(h -> Messages.hypothesis(lang, h)).orElse(actorId);
  }
}
