package org.parley.attribution;

import java.util.List;
import java.util.Locale;

/** The assessment as an analyst would write it, in plain text. */
final class TextReport {
  private TextReport() {}

  static String render(Assessment a, Lang lang) {
    StringBuilder b = new StringBuilder();
    Incident inc = a.incident();
    b.append(Messages.get(lang, "title")).append(" — ").append(clean(inc.name()));
    if (!inc.name().equals(inc.id())) { // a bundle without an incident object is named by its id: say it once
      b.append(" (").append(clean(inc.id())).append(')');
    }
    b.append("\n\n");
    a.marking().ifPresent(tlp -> b.append(String.format(Messages.get(lang, "handling"), tlp.label())).append("\n\n"));
    b.append(Messages.get(lang, "judgement")).append(Messages.colon(lang)).append(clean(ReportModel.judgement(a, lang))).append('\n');
    b.append(clean(ReportModel.confidence(a, lang))).append('\n');
    String share = clean(ReportModel.unknownShare(a, lang));
    b.append(share.isEmpty() ? "" : share + "\n").append('\n');
    String order = ReportModel.callOrderNote(a, lang);
    b.append(Messages.get(lang, "hypotheses")).append(order).append(Messages.colon(lang).strip()).append('\n');
    for (Hypothesis h : ReportModel.shown(a)) {
      // its rank in the call order: UNKNOWN, always listed, may come far below the eight shown before it
      b.append(String.format(Locale.ROOT, "  %2d. %s %7s  %s%n", a.hypotheses().indexOf(h) + 1,
          pad(clean(Messages.hypothesis(lang, h)), 60),
          ReportModel.pct(h.probability()), Estimative.of(h.probability()).term(lang)));
    }
    matrix(b, a, lang);
    b.append('\n').append(Messages.get(lang, "drivers")).append(Messages.colon(lang).strip()).append('\n');
    for (ItemInfluence d : ReportModel.drivers(a)) {
      b.append("  - ").append(clean(EvidenceText.in(lang, d.evidence().label()))).append(Messages.colon(lang))
          .append(clean(String.format(Messages.get(lang, "without"), ReportModel.actorName(a, d.leaderWithout(), lang),
              ReportModel.pct(d.leaderProbabilityWithout())))).append('\n');
    }
    overturn(b, a, lang);
    b.append('\n').append(Messages.get(lang, "unresolved")).append(Messages.colon(lang).strip()).append('\n');
    if (inc.unresolved().isEmpty()) {
      b.append("  ").append(Messages.get(lang, "none")).append('\n');
    }
    for (ReportModel.UnresolvedLine u : ReportModel.unresolvedLines(inc.unresolved())) {
      b.append("  - ").append(clean(u.types())).append(' ').append(clean(u.label())).append(Messages.colon(lang))
          .append(clean(EvidenceText.in(lang, u.reason()))).append('\n');
    }
    b.append('\n').append(Messages.get(lang, "notice")).append('\n');
    // every untrusted piece was cleaned where it was placed (a line break in a name forged a line); this pass keeps
    // the report's own line breaks and nothing else a terminal would act on, whatever a later change forgets
    return clean(b.toString(), true);
  }

  private static void matrix(StringBuilder b, Assessment a, Lang lang) {
    AchMatrix m = a.matrix();
    b.append('\n').append(Messages.get(lang, "matrix")).append(Messages.colon(lang).strip()).append('\n');
    for (int c = 0; c < m.columns().size(); c++) {
      b.append(String.format(Locale.ROOT, "  H%d = %s (%s)%n", c + 1, clean(Messages.hypothesis(lang, m.columns().get(c))),
          ReportModel.pct(m.columns().get(c).probability())));
    }
    b.append("  ").append(pad(Messages.get(lang, "evidence"), 50));
    for (int c = 0; c < m.columns().size(); c++) {
      b.append(String.format(Locale.ROOT, "%4s", "H" + (c + 1)));
    }
    b.append("  ").append(pad(Messages.get(lang, "credShort"), 6)).append(pad(Messages.get(lang, "relShort"), 6))
        .append(Messages.get(lang, "diagShort")).append('\n');
    for (AchRow r : m.rows()) {
      b.append("  ").append(pad(truncate(clean(EvidenceText.in(lang, r.evidence().label())), 50), 50));
      r.ratings().forEach(x -> b.append(String.format(Locale.ROOT, "%4s", x.symbol())));
      b.append(String.format(Locale.ROOT, "  %.2f  %.2f  ×%.1f%n", r.evidence().credibility(), r.relevance(),
          r.diagnosticity()));
    }
    b.append("  ").append(pad(Messages.get(lang, "inconsistency"), 50));
    m.weightedInconsistency().forEach(w -> b.append(String.format(Locale.ROOT, "%4.1f", w)));
    b.append("\n  ").append(Messages.get(lang, "legend")).append('\n');
  }

  private static void overturn(StringBuilder b, Assessment a, Lang lang) {
    Sensitivity s = a.sensitivity();
    b.append('\n').append(Messages.get(lang, "overturn")).append(Messages.colon(lang).strip()).append('\n');
    if (s.overturnSet().isEmpty()) {
      b.append("  ").append(Messages.get(lang, "overturnNone")).append('\n');
    } else {
      b.append("  ").append(clean(String.format(Messages.counted(lang, "overturnSet", s.overturnSet().size()),
          s.overturnSet().size(), ReportModel.actorName(a, s.leaderAfterOverturn(), lang))));
      if (!s.exact()) {
        b.append(' ').append(Messages.get(lang, "notMinimal"));
      }
      b.append('\n');
      s.overturnSet().forEach(e -> b.append("    - ").append(clean(EvidenceText.in(lang, e.label()))).append('\n'));
    }
    List<String> support = s.wouldSupportRunnerUp();
    if (!support.isEmpty() && a.actors().size() > 1) {
      b.append("  ").append(String.format(Messages.get(lang, "support"),
          clean(Messages.hypothesis(lang, a.actors().get(1))))).append('\n');
      support.forEach(x -> b.append("    - ").append(clean(x)).append('\n'));
    }
  }

  /** At most {@code columns} terminal columns (a wide CJK character takes two), "…" marking a cut. */
  static String truncate(String s, int columns) {
    if (width(s) <= columns) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int w = 0;
    for (int c : s.codePoints().toArray()) {
      int cw = width(c);
      if (w + cw > columns - 1) {
        break;
      }
      b.appendCodePoint(c);
      w += cw;
    }
    return b.append('…').toString();
  }

  /** {@code s} padded with spaces to {@code columns} terminal columns (a wide CJK character takes two). */
  static String pad(String s, int columns) {
    return s + " ".repeat(Math.max(0, columns - width(s)));
  }

  /** Terminal columns of {@code s}: two for East Asian wide and fullwidth characters (UAX #11), else one. */
  static int width(String s) {
    return s.codePoints().map(TextReport::width).sum();
  }

  private static int width(int c) {
    Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
    boolean wide = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
            && c < 0xFF61
        || b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA
        || b == Character.UnicodeBlock.HANGUL_SYLLABLES;
    return wide ? 2 : 1;
  }

  /** Untrusted names reach a terminal: control characters (escape sequences) are replaced. */
  static String clean(String s) {
    return clean(s, false);
  }

  private static String clean(String s, boolean keepLineBreaks) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(keepLineBreaks && (c == '\n' || c == '\r') ? c
        : Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
            || (c >= 0x2066 && c <= 0x2069) ? '?' : c));
    return b.toString();
  }
}
