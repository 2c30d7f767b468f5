package org.parley.attribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The assessment as JSON; schema {@code parley-attribution/1} in docs/design/attribution-report.schema.json. */
final class JsonReport {
  static final String SCHEMA = "parley-attribution/1";

  private JsonReport() {}

  static ObjectNode tree(Assessment a) {
    ObjectNode o = BundleReader.MAPPER.createObjectNode();
    o.put("schema", SCHEMA);
    ObjectNode inc = o.putObject("incident");
    inc.put("id", a.incident().id());
    inc.put("name", a.incident().name());
    Hypothesis lead = a.leading();
    ObjectNode l = o.putObject("leading");
    actor(l, lead);
    Estimative est = Estimative.of(lead.probability());
    l.put("estimative", est.term(Lang.EN));
    l.put("range", est.range());
    o.put("confidence", a.confidence().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode hs = o.putArray("hypotheses");
    a.actors().forEach(h -> actor(hs.addObject(), h));
    o.put("unknown_call_ratio", a.unknownCallRatio());
    o.put("unknown_share", a.unknownShare());
    ArrayNode ff = o.putArray("false_flags");
    a.hypotheses().stream().filter(h -> h.kind() == Hypothesis.Kind.FALSE_FLAG).forEach(h -> {
      ObjectNode x = ff.addObject();
      x.put("implicates", h.groupId());
      x.put("name", h.name());
      x.put("probability", h.probability());
    });
    ArrayNode ev = o.putArray("evidence");
    a.incident().evidence().forEach(e -> evidence(ev.addObject(), e));
    ArrayNode un = o.putArray("unresolved_evidence");
    for (UnresolvedEvidence u : a.incident().unresolved()) {
      ObjectNode x = un.addObject();
      x.put("object_id", u.objectId());
      x.put("type", u.type());
      x.put("label", u.label());
      x.put("reason", u.reason());
    }
    matrix(o.putObject("matrix"), a.matrix());
    sensitivity(o.putObject("sensitivity"), a.sensitivity());
    if (a.marking().isPresent()) {
      o.put("marking", a.marking().get().label());
    } else {
      o.putNull("marking");
    }
    o.put("notice", Messages.get(Lang.EN, "notice"));
    return o;
  }

  static String render(Assessment a) {
    try {
      return BundleReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(a));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static void actor(ObjectNode x, Hypothesis h) {
    x.put("external_id", h.actorId());
    x.put("name", h.kind() == Hypothesis.Kind.GROUP ? h.name() : "UNKNOWN");
    x.put("kind", h.kind() == Hypothesis.Kind.GROUP ? "group" : "unknown");
    x.put("probability", h.probability());
  }

  private static void evidence(ObjectNode x, Evidence e) {
    x.put("object_id", e.objectId());
    x.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
    x.put("label", e.label());
    x.put("credibility", e.credibility());
    ArrayNode m = x.putArray("matches");
    e.matches().forEach(m::add);
  }

  private static void matrix(ObjectNode o, AchMatrix m) {
    ArrayNode cols = o.putArray("columns");
    for (Hypothesis h : m.columns()) {
      ObjectNode c = cols.addObject();
      c.put("kind", h.kind().name().toLowerCase(java.util.Locale.ROOT));
      c.put("external_id", h.kind() == Hypothesis.Kind.UNKNOWN ? Hypothesis.UNKNOWN : h.groupId());
      c.put("name", h.name());
      c.put("probability", h.probability());
    }
    ArrayNode rows = o.putArray("rows");
    for (AchRow r : m.rows()) {
      ObjectNode x = rows.addObject();
      x.put("object_id", r.evidence().objectId());
      x.put("label", r.evidence().label());
      ArrayNode ratings = x.putArray("ratings");
      r.ratings().forEach(c -> ratings.add(c.symbol()));
      x.put("credibility", r.evidence().credibility());
      x.put("relevance", r.relevance());
      x.put("diagnosticity", r.diagnosticity());
    }
    ArrayNode wi = o.putArray("weighted_inconsistency");
    m.weightedInconsistency().forEach(wi::add);
  }

  private static void sensitivity(ObjectNode o, Sensitivity s) {
    ArrayNode w = o.putArray("without_each");
    for (ItemInfluence i : s.withoutEach()) {
      ObjectNode x = w.addObject();
      x.put("object_id", i.evidence().objectId());
      x.put("label", i.evidence().label());
      x.put("leader_without", i.leaderWithout());
      x.put("leader_probability_without", i.leaderProbabilityWithout());
      ArrayNode top = x.putArray("leading_without");
      i.leadingWithout().forEach(h -> actor(top.addObject(), h));
    }
    ArrayNode set = o.putArray("overturn_set");
    s.overturnSet().forEach(e -> set.add(e.objectId()));
    o.put("leader_after_overturn", s.leaderAfterOverturn());
    o.put("overturn_set_exact", s.exact());
    ArrayNode sup = o.putArray("would_support_runner_up");
    s.wouldSupportRunnerUp().forEach(sup::add);
  }
}
