package org.parley.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * An {@link Extraction} as plain JSON ({@code indicators}, {@code techniques}, {@code victims}, {@code software}) or as text for a
 * terminal.
 */
public final class Extractions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Extractions() {}

  /** {@code {"document":{...}, "indicators":[{type,value,flags,spans}], "techniques":[{external_id,...}]}}. */
  public static ObjectNode toJson(Extraction e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode doc = root.putObject("document");
    doc.put("name", e.document().name());
    doc.put("format", e.document().format().name().toLowerCase(Locale.ROOT));
    doc.put("characters", e.document().text().length());
    ArrayNode inds = root.putArray("indicators");
    for (Indicator i : e.indicators()) {
      ObjectNode o = inds.addObject();
      o.put("type", i.type().label());
      o.put("value", i.value());
      ArrayNode f = o.putArray("flags");
      i.flags().stream().map(IndicatorFlag::label).sorted().forEach(f::add);
      o.set("spans", StixEvidence.spans(i.spans()));
    }
    ArrayNode techs = root.putArray("techniques");
    for (TechniqueMatch t : e.techniques()) {
      ObjectNode o = techs.addObject();
      o.put("external_id", t.externalId());
      o.put("name", t.name());
      o.put("confidence", Math.round(t.confidence() * 1000) / 1000.0);
      o.put("method", t.method().name().toLowerCase(Locale.ROOT));
      t.stixId().ifPresent(s -> o.put("stix_id", s));
      o.set("spans", StixEvidence.spans(t.spans()));
    }
    ArrayNode victims = root.putArray("victims");
    for (Victim v : e.victims()) {
      ObjectNode o = victims.addObject();
      o.put("kind", v.kind());
      o.put("value", v.value());
      o.set("spans", StixEvidence.spans(v.spans()));
    }
    ArrayNode software = root.putArray("software");
    for (SoftwareMatch m : e.software()) {
      ObjectNode o = software.addObject();
      o.put("external_id", m.externalId());
      o.put("name", m.name());
      o.put("type", m.type());
      o.set("spans", StixEvidence.spans(m.spans()));
    }
    return root;
  }

  /** One line per item; report text is escaped so control characters cannot reach the terminal. */
  public static String toText(Extraction e) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(escape(e.document().name())).append(" (")
        .append(e.document().format().name().toLowerCase(Locale.ROOT)).append(", ")
        .append(e.document().text().length()).append(" characters)\n");
    sb.append("## indicators (").append(e.indicators().size()).append(")\n");
    for (Indicator i : e.indicators()) {
      sb.append(String.format(Locale.ROOT, "%-17s %s", i.type().label(), escape(i.value())));
      if (!i.flags().isEmpty()) {
        sb.append("  [");
        sb.append(String.join(",", i.flags().stream().map(IndicatorFlag::label).sorted().toList()));
        sb.append(']');
      }
      sb.append("  @").append(i.spans().get(0).start());
      if (i.spans().size() > 1) {
        sb.append(" (+").append(i.spans().size() - 1).append(')');
      }
      sb.append('\n');
    }
    sb.append("## techniques (").append(e.techniques().size()).append(")\n");
    for (TechniqueMatch t : e.techniques()) {
      sb.append(String.format(Locale.ROOT, "%-10s %.2f %-10s %s", t.externalId(), t.confidence(),
          t.method().name().toLowerCase(Locale.ROOT), escape(t.name())));
      Span s = t.spans().get(0);
      String ctx = s.text().length() > 90 ? s.text().substring(0, 90) + "…" : s.text();
      sb.append("  «").append(escape(ctx)).append("»\n");
    }
    sb.append("## victims (").append(e.victims().size()).append(")\n");
    for (Victim v : e.victims()) {
      sb.append(String.format(Locale.ROOT, "%-8s %-24s «%s»", v.kind(), v.value(), escape(v.spans().get(0).text())));
      if (v.spans().size() > 1) {
        sb.append(" (+").append(v.spans().size() - 1).append(')');
      }
      sb.append('\n');
    }
    sb.append("## software (").append(e.software().size()).append(")\n");
    for (SoftwareMatch m : e.software()) {
      sb.append(String.format(Locale.ROOT, "%-10s %-8s %-24s «%s»", m.externalId(), m.type(), escape(m.name()),
          escape(m.spans().get(0).text())));
      if (m.spans().size() > 1) {
        sb.append(" (+").append(m.spans().size() - 1).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u202e' || c == '\u202d') {
        sb.append(c == '\n' ? " " : String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
