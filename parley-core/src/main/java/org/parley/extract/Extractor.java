package org.parley.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.parley.extract.internal.IndicatorScanner;
import org.parley.extract.internal.Negation;
import org.parley.extract.internal.PublicSuffixList;
import org.parley.extract.internal.RefangedText;
import org.parley.extract.internal.Refanger;
import org.parley.extract.internal.UrlWrap;

/**
 * Entry point: report text → indicators, ATT&CK techniques and targeted victims, each with its spans in the
 * document text.
 *
 * <pre>{@code
 * Extractor x = Extractor.create(TechniqueModel.train(AttackKnowledge.load(bundle)));
 * Extraction e = x.extract(Documents.read(path));
 * }</pre>
 */
public final class Extractor {
  /** Distinct indicators kept per document; beyond it, extraction fails rather than grow without bound. */
  public static final int MAX_INDICATORS = 200_000;
  static final int MAX_SPANS = 100;

  private final TechniqueModel model;
  private final IndicatorScanner scanner = new IndicatorScanner(PublicSuffixList.bundled());

  /** The ATT&CK software names, when the model was trained from an ATT&CK bundle; else null. */
  private final org.parley.extract.internal.SoftwareNames softwareNames;

  private Extractor(TechniqueModel model) {
    this.model = model;
    this.softwareNames = model.knowledge().map(k -> new org.parley.extract.internal.SoftwareNames(k.software()))
        .orElse(null);
  }

  /** An extractor recognising techniques with {@code model}. */
  public static Extractor create(TechniqueModel model) {
    return new Extractor(Objects.requireNonNull(model, "model"));
  }

  /** An extractor with the built-in lexicon only (no knowledge base). */
  public static Extractor builtIn() {
    return new Extractor(TechniqueModel.builtIn());
  }

  public Extraction extract(SourceDocument doc) throws ExtractException {
    // PDF text joined its wrapped URLs by geometry; HTML's lines are its blocks, not a layout's
    boolean wrapped = doc.format() == SourceDocument.Format.TEXT || doc.format() == SourceDocument.Format.MARKDOWN;
    List<Indicator> indicators = indicators(doc.text(), wrapped);
    String affirmed = Negation.mask(doc.text()); // denied clauses blanked, once for techniques and software
    // an ATT&CK id only a denial names ("not G0007", "T1486 was not observed") is no reference: the techniques
    // left it out, the indicator list and the report's ATT&CK references listed it still
    indicators = indicators.stream().filter(i -> !i.type().isAttackId() || i.spans().stream()
        .anyMatch(sp -> !negated(doc.text(), affirmed, sp.start(), sp.end()))).toList();
    List<TechniqueMatch> techniques = Techniques.recognise(model, doc.text(), affirmed, indicators);
    List<SoftwareMatch> software = softwareNames == null ? List.of() : softwareNames.find(doc.text(), affirmed, MAX_SPANS);
    // victims too: "Turkey was not targeted" names no victim (offsets are the text's: masking keeps its length)
    return new Extraction(doc, indicators, techniques, Victimology.get().victimsIn(affirmed, MAX_SPANS), software);
  }

  /** Whether the masking blanked the whole span: every character of it that was not a space is one now. */
  private static boolean negated(String text, String affirmed, int start, int end) {
    for (int k = start; k < end && k < affirmed.length(); k++) {
      if (affirmed.charAt(k) != ' ' || text.charAt(k) == ' ') {
        if (text.charAt(k) != ' ') {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The indicator pass alone (what the throughput benchmark measures) over plain text: a URL that hard wrapping broke
   * at the right margin is read whole ({@link UrlWrap#joins}).
   */
  public List<Indicator> indicators(String text) throws ExtractException {
    return indicators(text, true);
  }

  private List<Indicator> indicators(String text, boolean hardWrapped) throws ExtractException {
    RefangedText rt = Refanger.refang(text, hardWrapped ? UrlWrap.joins(text) : new int[0]);
    Map<String, Builder> found = new LinkedHashMap<>();
    int[] overflow = {0};
    scanner.scan(rt, (type, value, start, end, flags) -> {
      if (type.isAttackId() && model.knowledge().isPresent() && !model.knowledge().get().knows(value)) {
        return; // "T9999", "S1234" not in this ATT&CK release: most likely not an ATT&CK id at all
      }
      String key = type.label() + '\u0000' + value;
      Builder b = found.get(key);
      if (b == null) {
        if (found.size() >= MAX_INDICATORS) {
          overflow[0] = 1;
          return;
        }
        b = new Builder(type, value);
        if (org.parley.extract.internal.WellKnown.is(type, value)) {
          b.flags.add(IndicatorFlag.WELL_KNOWN);
        }
        found.put(key, b);
      }
      int os = rt.originalStart(start);
      int oe = rt.originalEnd(end);
      if (b.spans.size() < MAX_SPANS) {
        b.spans.add(Span.of(text, os, oe));
      }
      b.flags.addAll(flags);
    });
    if (overflow[0] != 0) {
      throw new ExtractException("too many distinct indicators: at most " + MAX_INDICATORS + " per document");
    }
    List<Indicator> out = new ArrayList<>(found.size());
    for (Builder b : found.values()) {
      out.add(new Indicator(b.type, b.value, b.spans, b.flags));
    }
    out.sort(Comparator.comparingInt(i -> i.spans().get(0).start()));
    return out;
  }

  private static final class Builder {
    final IndicatorType type;
    final String value;
    final List<Span> spans = new ArrayList<>();
    final Set<IndicatorFlag> flags = EnumSet.noneOf(IndicatorFlag.class);

    Builder(IndicatorType type, String value) {
      this.type = type;
      this.value = value;
    }
  }
}
