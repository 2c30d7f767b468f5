package org.parley.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.extract.internal.Negation;
import org.parley.extract.internal.Sentences;
import org.parley.extract.internal.TermMatcher;
import org.parley.extract.internal.TextFeatures;

/** Technique recognition over one document: explicit ids, names and lexicon terms, then the sentence classifier. */
final class Techniques {
  static final double NAME_CONFIDENCE = 0.8;
  static final double LEXICON_CONFIDENCE = 0.7;
  static final int MAX_SPANS = 50;
  /** At most this many classifier labels per sentence: a sentence rarely describes more. */
  static final int PER_SENTENCE = 2;
  /** Content words a sentence needs before the classifier judges it. */
  static final int MIN_WORDS = 3;

  private Techniques() {}

  private static final class Acc {
    final String id;
    double confidence;
    TechniqueMatch.Method method;
    final List<Span> spans = new ArrayList<>();

    Acc(String id) {
      this.id = id;
    }

    void add(double c, TechniqueMatch.Method m, Span s) {
      if (c > confidence) {
        confidence = c;
        method = m;
      }
      if (spans.size() < MAX_SPANS) {
        spans.add(s);
      }
    }
  }

  static List<TechniqueMatch> recognise(TechniqueModel model, String original, List<Indicator> explicit) {
    return recognise(model, original, Negation.mask(original), explicit);
  }

  /**
   * As {@link #recognise(TechniqueModel, String, List)} with the text's negated clause parts already blanked
   * ({@code text}, same offsets as {@code original}): what the report says did not happen names no technique.
   */
  static List<TechniqueMatch> recognise(TechniqueModel model, String original, String text, List<Indicator> explicit) {
    Map<String, Acc> acc = new LinkedHashMap<>();
    for (Indicator i : explicit) {
      if (i.type() == IndicatorType.ATTACK_TECHNIQUE) {
        for (Span s : i.spans()) {
          if (s.start() < text.length() && text.charAt(s.start()) != ' ') {
            acc.computeIfAbsent(i.value(), Acc::new).add(1.0, TechniqueMatch.Method.EXPLICIT_ID, s);
          }
        }
      }
    }
    for (TermMatcher.Hit<TechniqueModel.Term> h : model.terms().find(text, 0, text.length())) {
      double c = h.value().method() == TechniqueMatch.Method.NAME ? NAME_CONFIDENCE : LEXICON_CONFIDENCE;
      acc.computeIfAbsent(h.value().techniqueId(), Acc::new).add(c, h.value().method(),
          Span.of(original, h.start(), h.end()));
    }
    if (model.classifier().isPresent()) {
      for (int[] r : Sentences.split(text)) {
        String sentence = text.substring(r[0], r[1]);
        if (TextFeatures.words(sentence).size() < MIN_WORDS) {
          continue; // table cells, headings, command lines: too little prose to judge
        }
        Map<String, Double> scores = model.classifier().get().scores(sentence);
        scores.entrySet().stream()
            .filter(e -> e.getValue() >= model.threshold())
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(PER_SENTENCE)
            .forEach(e -> acc.computeIfAbsent(e.getKey(), Acc::new)
                .add(e.getValue(), TechniqueMatch.Method.CLASSIFIER, Span.of(original, r[0], r[1])));
      }
    }
    // a parent found only in words ("spearphishing") says less than its sub-technique found beside it
    // ("spearphishing attachment"): keep the specific one, unless the report names the parent's id
    acc.values().removeIf(a -> a.id.indexOf('.') < 0 && a.method != TechniqueMatch.Method.EXPLICIT_ID
        && acc.keySet().stream().anyMatch(k -> k.startsWith(a.id + ".")));
    List<TechniqueMatch> out = new ArrayList<>();
    for (Acc a : acc.values()) {
      Optional<String> stixId = model.knowledge().flatMap(k -> k.technique(a.id)).map(AttackKnowledge.Technique::stixId);
      if (model.knowledge().isPresent() && stixId.isEmpty()) {
        continue; // an id this ATT&CK release does not know (typo, revoked or future technique)
      }
      a.spans.sort(Comparator.comparingInt(Span::start));
      out.add(new TechniqueMatch(a.id, model.nameOf(a.id), stixId, a.confidence, a.method, a.spans));
    }
    out.sort(Comparator.comparingDouble(TechniqueMatch::confidence).reversed().thenComparing(TechniqueMatch::externalId));
    return out;
  }
}
