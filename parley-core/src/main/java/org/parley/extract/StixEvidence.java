package org.parley.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.extract.internal.CanonicalJson;
import org.parley.extract.internal.NameBasedUuids;

/**
 * An {@link Extraction} as a STIX 2.1 bundle: a report whose {@code object_refs} list everything found;
 * locations (country or region) and sector identities for the victims the text says were targeted;
 * SCOs with the deterministic ids of STIX 2.1 §2.9; an indicator with a STIX pattern (§9) per indicator and a
 * {@code related-to} relationship to its SCO; vulnerabilities for CVE ids; attack-patterns that reference the
 * ATT&CK technique; malware and tools for the ATT&CK software the text names. Every item carries {@code x_parley_spans}. SDO/SRO ids are name-based (UUIDv5 in Parley's
 * namespace over the report's text digest and the item), so extracting the same text twice yields the same
 * ids; only the timestamps come from the injected instant.
 */
public final class StixEvidence {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private StixEvidence() {}

  /** The bundle, timestamps set to {@code now}. */
  public static ObjectNode bundle(Extraction e, Instant now) {
    String ts = TS.format(now);
    String digest = sha256(e.document().text());
    Map<String, ObjectNode> objects = new LinkedHashMap<>();
    String identity = "identity--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE, "identity|parley-extract");
    ObjectNode id = sdo("identity", identity, ts);
    id.put("name", "Parley extract");
    id.put("identity_class", "system");
    objects.put(identity, id);
    for (Indicator i : e.indicators()) {
      addIndicator(objects, i, digest, ts, identity);
    }
    for (TechniqueMatch t : e.techniques()) {
      String apId = "attack-pattern--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE,
          "attack-pattern|" + digest + "|" + t.externalId());
      ObjectNode ap = sdo("attack-pattern", apId, ts);
      ap.put("created_by_ref", identity);
      ap.put("name", t.name());
      ObjectNode ref = ap.putArray("external_references").addObject();
      ref.put("source_name", "mitre-attack");
      ref.put("external_id", t.externalId());
      ref.put("url", "https://attack.mitre.org/techniques/" + t.externalId().replace('.', '/'));
      ap.put("confidence", (int) Math.round(t.confidence() * 100));
      t.stixId().ifPresent(s -> ap.put("x_parley_attack_ref", s));
      ap.put("x_parley_method", t.method().name().toLowerCase(java.util.Locale.ROOT));
      ap.set("x_parley_spans", spans(t.spans()));
      objects.put(apId, ap);
    }
    for (SoftwareMatch m : e.software()) { // an ATT&CK malware (STIX 2.1 §4.11, a family) or tool (§4.17) it names
      String sid = m.type() + "--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE,
          "software|" + digest + "|" + m.externalId());
      ObjectNode sw = sdo(m.type(), sid, ts);
      sw.put("created_by_ref", identity);
      sw.put("name", m.name());
      if (m.type().equals("malware")) {
        sw.put("is_family", true);
      }
      ObjectNode ref = sw.putArray("external_references").addObject();
      ref.put("source_name", "mitre-attack");
      ref.put("external_id", m.externalId());
      ref.put("url", "https://attack.mitre.org/software/" + m.externalId());
      sw.set("x_parley_spans", spans(m.spans()));
      objects.put(sid, sw);
    }
    for (Victim v : e.victims()) { // whom the report says was targeted: a location (STIX 2.1 §4.10) or a
      // sector identity (§4.5)
      boolean sector = v.kind().equals("sector");
      String vid = (sector ? "identity--" : "location--") + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE,
          "victim|" + digest + "|" + v.key());
      ObjectNode o = sdo(sector ? "identity" : "location", vid, ts);
      o.put("created_by_ref", identity);
      if (sector) {
        o.put("name", v.value() + " sector");
        o.put("identity_class", "class");
        o.putArray("sectors").add(v.value());
      } else if (v.kind().equals("country")) {
        o.put("name", new java.util.Locale("", v.value()).getDisplayCountry(java.util.Locale.ENGLISH));
        o.put("country", v.value().toUpperCase(java.util.Locale.ROOT));
      } else {
        o.put("name", v.value());
        o.put("region", v.value());
      }
      o.put("x_parley_role", "targeted");
      o.set("x_parley_spans", spans(v.spans()));
      objects.put(vid, o);
    }
    String reportId = "report--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE, "report|" + digest);
    ObjectNode report = sdo("report", reportId, ts);
    report.put("created_by_ref", identity);
    report.put("name", e.document().name());
    report.putArray("report_types").add("threat-report");
    report.put("published", ts);
    ArrayNode refs = report.putArray("object_refs");
    objects.keySet().forEach(refs::add);
    ObjectNode source = report.putObject("x_parley_source");
    source.put("format", e.document().format().name().toLowerCase(java.util.Locale.ROOT));
    source.put("characters", e.document().text().length());
    source.put("text_sha256", digest);
    ArrayNode attackIds = JSON.createArrayNode();
    for (Indicator i : e.indicators()) {
      if (i.type().isAttackId() && i.type() != IndicatorType.ATTACK_TECHNIQUE) {
        ObjectNode a = attackIds.addObject();
        a.put("external_id", i.value());
        a.put("kind", i.type().label().substring("attack-".length()));
        a.set("x_parley_spans", spans(i.spans()));
      }
    }
    if (!attackIds.isEmpty()) { // STIX 2.1 §2.12: no empty list — a node refused the report that had one
      report.set("x_parley_attack_references", attackIds);
    }
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE, "bundle|" + digest));
    ArrayNode arr = bundle.putArray("objects");
    arr.add(report);
    objects.values().forEach(arr::add);
    return bundle;
  }

  private static void addIndicator(Map<String, ObjectNode> objects, Indicator i, String digest, String ts,
      String identity) {
    if (i.type().isAttackId() && i.type() != IndicatorType.ATTACK_TECHNIQUE) {
      return; // groups, software... are listed on the report; techniques become attack-patterns
    }
    if (i.type() == IndicatorType.ATTACK_TECHNIQUE) {
      return;
    }
    if (i.type() == IndicatorType.CVE) {
      String vid = "vulnerability--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE, "vulnerability|" + i.value());
      ObjectNode v = sdo("vulnerability", vid, ts);
      v.put("created_by_ref", identity);
      v.put("name", i.value());
      ObjectNode ref = v.putArray("external_references").addObject();
      ref.put("source_name", "cve");
      ref.put("external_id", i.value());
      v.set("x_parley_spans", spans(i.spans()));
      objects.put(vid, v);
      return;
    }
    Optional<ObjectNode> sco = Observables.sco(i, objects);
    String pattern = Observables.pattern(i);
    String indId = "indicator--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE,
        "indicator|" + digest + "|" + pattern);
    ObjectNode ind = sdo("indicator", indId, ts);
    ind.put("created_by_ref", identity);
    ind.put("name", i.type().label() + ": " + i.value());
    ind.put("pattern", pattern);
    ind.put("pattern_type", "stix");
    ind.put("valid_from", ts);
    ind.putArray("indicator_types").add(i.flags().contains(IndicatorFlag.WELL_KNOWN) ? "benign" // STIX 2.1 §10.11
        : i.flags().contains(IndicatorFlag.PRIVATE) || i.flags().contains(IndicatorFlag.RESERVED)
        ? "anomalous-activity" : "malicious-activity");
    if (!i.flags().isEmpty()) {
      ArrayNode f = ind.putArray("x_parley_flags");
      i.flags().stream().map(IndicatorFlag::label).sorted().forEach(f::add);
    }
    ind.set("x_parley_spans", spans(i.spans()));
    objects.put(indId, ind);
    sco.ifPresent(s -> {
      String rid = "relationship--" + NameBasedUuids.v5(NameBasedUuids.PARLEY_EXTRACT_NAMESPACE,
          "relationship|" + indId + "|" + s.get("id").asText());
      ObjectNode r = sdo("relationship", rid, ts);
      r.put("created_by_ref", identity);
      r.put("relationship_type", "related-to");
      r.put("source_ref", indId);
      r.put("target_ref", s.get("id").asText());
      objects.put(rid, r);
    });
  }

  private static ObjectNode sdo(String type, String id, String ts) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", ts);
    o.put("modified", ts);
    return o;
  }

  static ArrayNode spans(List<Span> spans) {
    ArrayNode a = JSON.createArrayNode();
    for (Span s : spans) {
      ObjectNode o = a.addObject();
      o.put("start", s.start());
      o.put("end", s.end());
      o.put("text", s.text());
    }
    return a;
  }

  /**
   * STIX 2.1 §2.9 deterministic SCO id: UUIDv5 in namespace 00abedb4-... over the RFC 8785 canonical JSON of
   * the object's id-contributing properties.
   */
  public static String scoId(String type, JsonNode idContributingProperties) {
    return type + "--" + NameBasedUuids.v5(NameBasedUuids.STIX_SCO_NAMESPACE, CanonicalJson.of(idContributingProperties));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
