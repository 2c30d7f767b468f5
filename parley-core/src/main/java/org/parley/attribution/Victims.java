package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.extract.Victimology;

/**
 * The victims of a knowledge base being built: the keys an identity, location or vulnerability is matched under, and
 * the {@code targets} relationships that ATT&CK only states in words, read from actors' descriptions and procedures.
 */
final class Victims {
  /** Description of a {@code targets} relationship read in an actor's description ({@link #addTargets}). */
  static final String MINED_TARGET = "victimology stated in the actor's description";
  /** Description of a {@code targets} relationship to a vulnerability a group's procedure exploited ({@link #addExploited}). */
  static final String MINED_EXPLOIT = "vulnerability exploited per a procedure's description";
  /** A CVE id (cve.org: CVE-YYYY-NNNN, four or more digits). */
  private static final Pattern CVE = Pattern.compile("(?i)\\bCVE-(\\d{4})-(\\d{4,7})\\b");
  private final Map<String, Relationship> relationships;
  private final Map<String, Set<String>> victims;

  /** Victims that add to a builder's relationships and victims (its own tables, not copies). */
  Victims(Map<String, Relationship> relationships, Map<String, Set<String>> victims) {
    this.relationships = relationships;
    this.victims = victims;
  }

  void addVictim(JsonNode o, String id) {
    Set<String> keys = o.has("x_parley_keys") ? KbBuilder.strings(o, "x_parley_keys") : victimKeys(o);
    if (!keys.isEmpty()) {
      victims.put(id, keys);
    }
  }

  /**
   * The victimology an intrusion set's or campaign's description states (ATT&CK has no {@code targets}
   * relationships; its descriptions say "has targeted government entities in South Korea"): one {@code targets}
   * relationship per country, region or sector, to a victim entry of that single key. A newer version of the object
   * replaces what its older description said.
   */
  void addTargets(String actor, String description) {
    relationships.values().removeIf(r -> r.type().equals("targets") && r.sourceId().equals(actor)
        && r.description().equals(MINED_TARGET));
    for (String key : Victimology.get().targetsIn(description)) {
      mined(actor, (key.startsWith("sector:") ? "identity--" : "location--"), key, MINED_TARGET);
    }
    addExploited(actor, description, MINED_TARGET);
  }

  /**
   * The vulnerabilities a text says an actor exploited: ATT&CK links no group to a vulnerability, but its group and
   * campaign descriptions and procedure examples name CVEs ("has exploited CVE-2019-19781"). One {@code targets}
   * relationship (STIX 2.1 allows an intrusion set or campaign to target a vulnerability) per CVE, to a
   * {@code vulnerability} entry keyed by it — matched by an incident's vulnerability as victims are.
   */
  void addExploited(String actor, String text, String how) {
    for (String key : cveKeys(text)) {
      mined(actor, "vulnerability--", key, how);
    }
  }

  private void mined(String actor, String prefix, String key, String how) {
    String target = prefix + java.util.UUID.nameUUIDFromBytes(("parley-victimology/" + key)
        .getBytes(StandardCharsets.UTF_8));
    victims.putIfAbsent(target, new LinkedHashSet<>(Set.of(key)));
    Relationship r = new Relationship("targets", actor, target, how);
    relationships.putIfAbsent(KbBuilder.relKey(r), r);
  }

  /** The CVE keys ({@code cve:CVE-2019-19781}) a text names. */
  static Set<String> cveKeys(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CVE.matcher(text);
    while (m.find()) {
      out.add("cve:CVE-" + m.group(1) + "-" + m.group(2));
    }
    return out;
  }

  /** Keys under which a victim identity or location is matched: name, sectors, country, region. */
  static Set<String> victimKeys(JsonNode o) {
    Set<String> keys = new LinkedHashSet<>();
    if ("vulnerability".equals(KbBuilder.text(o, "type"))) { // its name, or its cve external reference (STIX 2.1 §4.18)
      keys.addAll(cveKeys(KbBuilder.text(o, "name")));
      for (JsonNode r : o.path("external_references")) {
        keys.addAll(cveKeys(KbBuilder.text(r, "external_id")));
      }
    } else if ("identity".equals(KbBuilder.text(o, "type"))) {
      String name = KbBuilder.text(o, "name");
      if (!name.isEmpty()) {
        keys.add("name:" + Names.key(name));
      }
      o.path("sectors").forEach(s -> keys.add(Victimology.get().sectorKeys(s.asText()).get(0)));
    } else {
      String country = KbBuilder.text(o, "country");
      if (!country.isEmpty()) {
        keys.add("country:" + country.toLowerCase(Locale.ROOT));
      }
      String region = KbBuilder.text(o, "region");
      if (!region.isEmpty()) {
        keys.add("region:" + region.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-'));
      }
    }
    return keys;
  }

  /**
   * Keys an incident's victim is matched by: its own keys, every country, region and sector its name states, and
   * the wider keys they imply (a country's region and continent, a sector's family), so a victim in South Korea meets an
   * actor known to target South Korea, East Asia or Asia.
   */
  static Set<String> incidentVictimKeys(JsonNode o) {
    Set<String> narrow = new LinkedHashSet<>(victimKeys(o));
    Victimology v = Victimology.get();
    narrow.addAll(v.keysOfName(KbBuilder.text(o, "name")));
    // Producers also write names where STIX wants vocabulary: country "Ukraine", region "Middle East", sector "Oil & Gas".
    narrow.addAll(v.keysOfName(KbBuilder.text(o, "country")));
    narrow.addAll(v.keysOfName(KbBuilder.text(o, "region").replace('-', ' ')));
    o.path("sectors").forEach(s -> {
      narrow.addAll(v.sectorKeys(s.asText()));
      narrow.addAll(v.keysOfName(s.asText().replace('-', ' ')));
    });
    Set<String> keys = new LinkedHashSet<>();
    narrow.forEach(k -> keys.addAll(v.widen(k)));
    return keys;
  }
}
