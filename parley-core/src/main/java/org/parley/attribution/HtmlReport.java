package org.parley.attribution;

import java.util.Locale;

/** The assessment as a self-contained HTML page; every untrusted string is escaped. */
final class HtmlReport {
  private HtmlReport() {}

  /** HTML escaping for text and attribute values (OWASP: & < > " '). */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        // controls, and the bidirectional overrides and isolates that make untrusted text read backwards ("\u202E"),
        // replaced as the text report replaces them
        default -> b.append(Character.isISOControl(c) && c != '\n' && c != '\t' || (c >= 0x202A && c <= 0x202E)
            || (c >= 0x2066 && c <= 0x2069) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  static String render(Assessment a, Lang lang) {
    StringBuilder b = new StringBuilder();
    Incident inc = a.incident();
    String title = Messages.get(lang, "title") + " — " + inc.name();
    b.append("<!DOCTYPE html>\n<html lang=\"").append(lang.tag()).append("\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(esc(title)).append("</title>")
        .append("<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse}"
            + "td,th{border:1px solid #999;padding:.2em .5em}td.r{text-align:right}.I,.II{background:#fdd}"
            + ".CC,.C{background:#dfd}.note{color:#555;font-size:.9em}</style></head><body>\n");
    b.append("<h1>").append(esc(title)).append("</h1>\n<p><code>").append(esc(inc.id())).append("</code></p>\n");
    a.marking().ifPresent(tlp -> b.append("<p class=\"tlp\"><strong>")
        .append(esc(String.format(Messages.get(lang, "handling"), tlp.label()))).append("</strong></p>\n"));
    b.append("<p><strong>").append(esc(Messages.get(lang, "judgement"))).append(":</strong> ")
        .append(esc(ReportModel.judgement(a, lang))).append("</p>\n<p>").append(esc(ReportModel.confidence(a, lang)))
        .append("</p>\n");
    String share = ReportModel.unknownShare(a, lang);
    if (!share.isEmpty()) {
      b.append("<p>").append(esc(share)).append("</p>\n");
    }
    b.append("<h2>").append(esc(Messages.get(lang, "hypotheses"))).append("</h2>\n");
    String order = ReportModel.callOrderNote(a, lang);
    if (!order.isEmpty()) {
      String plain = order.strip().replaceAll("^[(（]|[)）]$", ""); // a sentence of its own here
      b.append("<p class=\"note\">").append(esc(plain)).append("</p>\n");
    }
    b.append("<table>\n");
    for (Hypothesis h : ReportModel.shown(a)) {
      b.append("<tr><td>").append(esc(Messages.hypothesis(lang, h))).append("</td><td class=\"r\">")
          .append(ReportModel.pct(h.probability())).append("</td><td>")
          .append(esc(Estimative.of(h.probability()).term(lang))).append("</td></tr>\n");
    }
    b.append("</table>\n");
    matrix(b, a, lang);
    b.append("<h2>").append(esc(Messages.get(lang, "drivers"))).append("</h2>\n<ul>\n");
    for (ItemInfluence d : ReportModel.drivers(a)) {
      b.append("<li>").append(esc(EvidenceText.in(lang, d.evidence().label()))).append(": ").append(esc(String.format(
          Messages.get(lang, "without"), ReportModel.actorName(a, d.leaderWithout(), lang),
          ReportModel.pct(d.leaderProbabilityWithout())))).append("</li>\n");
    }
    b.append("</ul>\n<h2>").append(esc(Messages.get(lang, "overturn"))).append("</h2>\n");
    Sensitivity s = a.sensitivity();
    if (s.overturnSet().isEmpty()) {
      b.append("<p>").append(esc(Messages.get(lang, "overturnNone"))).append("</p>\n");
    } else {
      b.append("<p>").append(esc(String.format(Messages.counted(lang, "overturnSet", s.overturnSet().size()), s.overturnSet().size(),
          ReportModel.actorName(a, s.leaderAfterOverturn(), lang))));
      b.append(s.exact() ? "" : " " + esc(Messages.get(lang, "notMinimal"))).append("</p>\n<ul>\n");
      s.overturnSet().forEach(e -> b.append("<li>").append(esc(EvidenceText.in(lang, e.label()))).append("</li>\n"));
      b.append("</ul>\n");
    }
    if (!s.wouldSupportRunnerUp().isEmpty() && a.actors().size() > 1) {
      b.append("<p>").append(esc(String.format(Messages.get(lang, "support"),
          Messages.hypothesis(lang, a.actors().get(1))))).append("</p>\n<ul>\n");
      s.wouldSupportRunnerUp().forEach(x -> b.append("<li>").append(esc(x)).append("</li>\n"));
      b.append("</ul>\n");
    }
    b.append("<h2>").append(esc(Messages.get(lang, "unresolved"))).append("</h2>\n<ul>\n");
    for (ReportModel.UnresolvedLine u : ReportModel.unresolvedLines(inc.unresolved())) {
      b.append("<li>").append(esc(u.types() + " " + u.label() + ": " + EvidenceText.in(lang, u.reason())))
          .append("</li>\n");
    }
    b.append("</ul>\n<footer><small>").append(esc(Messages.get(lang, "notice"))).append("</small></footer>\n")
        .append("</body></html>\n");
    return b.toString();
  }

  private static void matrix(StringBuilder b, Assessment a, Lang lang) {
    AchMatrix m = a.matrix();
    b.append("<h2>").append(esc(Messages.get(lang, "matrix"))).append("</h2>\n<table>\n<tr><th>")
        .append(esc(Messages.get(lang, "evidence"))).append("</th>");
    for (Hypothesis h : m.columns()) {
      b.append("<th>").append(esc(Messages.hypothesis(lang, h))).append("<br>").append(ReportModel.pct(h.probability()))
          .append("</th>");
    }
    b.append("<th>").append(esc(Messages.get(lang, "credibility"))).append("</th><th>")
        .append(esc(Messages.get(lang, "relevance"))).append("</th><th>")
        .append(esc(Messages.get(lang, "diagnosticity"))).append("</th></tr>\n");
    for (AchRow r : m.rows()) {
      b.append("<tr><td>").append(esc(EvidenceText.in(lang, r.evidence().label()))).append("</td>");
      r.ratings().forEach(x -> b.append("<td class=\"").append(x.symbol()).append("\">").append(x.symbol())
          .append("</td>"));
      b.append(String.format(Locale.ROOT, "<td class=\"r\">%.2f</td><td class=\"r\">%.2f</td><td class=\"r\">×%.1f</td></tr>%n",
          r.evidence().credibility(), r.relevance(), r.diagnosticity()));
    }
    b.append("<tr><th>").append(esc(Messages.get(lang, "inconsistency"))).append("</th>");
    m.weightedInconsistency().forEach(w -> b.append(String.format(Locale.ROOT, "<td class=\"r\">%.2f</td>", w)));
    b.append("<td></td><td></td><td></td></tr>\n</table>\n<p><small>").append(esc(Messages.get(lang, "legend")))
        .append("</small></p>\n");
  }
}
