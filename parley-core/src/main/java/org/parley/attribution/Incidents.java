package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an incident (a STIX 2.1 bundle) and resolves its evidence against a knowledge base. Techniques
 * ({@link IncidentTechniques}), software ({@link IncidentSoftware}), victims and vulnerabilities
 * ({@link IncidentVictims}), references by id ({@link IncidentReferences}) and the TLP marking
 * ({@link IncidentMarkings}) are read by classes of their own.
 */
public final class Incidents {
  /** Credibility of an object that states no {@code confidence} (STIX 2.1 §3.2: confidence is optional). */
  public static final double DEFAULT_CREDIBILITY = 0.9;
  private static final Set<String> OBSERVABLES = Set.of("domain-name", "ipv4-addr", "ipv6-addr", "url",
      "email-addr", "file", "mac-addr", "x509-certificate");
  private static final Set<String> CONTAINERS = Set.of("incident", "report", "grouping");

  private Incidents() {}

  public static Incident read(Path bundle, KnowledgeBase kb) throws AttributionException {
    try (InputStream in = Files.newInputStream(bundle)) {
      Incident i = read(in, kb);
      return i.id().equals("bundle") && bundle.getFileName() != null // an envelope names nothing: the file does
          ? new Incident(i.id(), bundle.getFileName().toString(), i.evidence(), i.unresolved(), i.marking()) : i;
    } catch (AttributionException e) { // say which file: an evaluation reads hundreds
      throw new AttributionException(bundle + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new AttributionException("cannot read incident " + bundle + ": " + AttributionException.reason(e), e);
    }
  }

  public static Incident read(InputStream bundle, KnowledgeBase kb) throws AttributionException {
    List<JsonNode> objects = new ArrayList<>();
    String[] bundleId = {"bundle"};
    BundleReader.read(bundle, objects::add, id -> bundleId[0] = id, true);
    return resolve(objects, kb, bundleId[0]);
  }

  /** Resolves already-parsed STIX objects (e.g. a node collection's content). */
  static Incident resolve(List<JsonNode> given, KnowledgeBase kb, String fallbackId) {
    List<UnresolvedEvidence> withdrawn = new ArrayList<>();
    List<JsonNode> objects = latestVersions(given, withdrawn);
    String id = fallbackId;
    String name = "";
    int rank = Integer.MAX_VALUE;
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    List<UnresolvedEvidence> unresolved = new ArrayList<>(withdrawn);
    Set<String> authors = new java.util.HashSet<>();
    objects.forEach(o -> authors.add(KbBuilder.text(o, "created_by_ref")));
    Set<String> inBundle = new java.util.HashSet<>();
    objects.forEach(o -> inBundle.add(KbBuilder.text(o, "id")));
    Reading reading = new Reading(kb, inBundle, authors, IncidentVictims.targeted(objects), evidence, unresolved);
    for (JsonNode o : objects) {
      String type = KbBuilder.text(o, "type");
      String oid = KbBuilder.text(o, "id");
      int r = List.of("incident", "report", "grouping").indexOf(type);
      if (CONTAINERS.contains(type) && r < rank) {
        rank = r;
        id = oid;
        name = KbBuilder.text(o, "name");
      }
      if (o.has(BundleReader.NAMED_TWICE)) { // listed, never guessed: another tool may show the other value
        unresolved.add(new UnresolvedEvidence(oid, type, KbBuilder.text(o, "name"),
            EvidenceText.en(EvidenceText.Template.NAMED_TWICE, o.get(BundleReader.NAMED_TWICE).asText())));
        continue;
      }
      double credibility = credibility(o);
      IncidentReferences.references(o, kb, credibility, inBundle, evidence);
      resolveObject(o, type, oid, credibility, reading);
    }
    return new Incident(id, name.isEmpty() ? id : name, new ArrayList<>(evidence.values()), unresolved,
        IncidentMarkings.level(objects));
  }

  /**
   * What reading one bundle shares: its knowledge base, the ids it holds, its producers' identities, the victims it
   * states ({@link IncidentVictims#targeted}), and the evidence and unresolved items found so far.
   */
  private record Reading(KnowledgeBase kb, Set<String> inBundle, Set<String> authors, Set<String> targeted,
      Map<String, Evidence> evidence, List<UnresolvedEvidence> unresolved) {}

  /** Adds what one object of the bundle is evidence of, by its type, or lists why it is none. */
  private static void resolveObject(JsonNode o, String type, String oid, double credibility, Reading reading) {
    KnowledgeBase kb = reading.kb();
    Map<String, Evidence> evidence = reading.evidence();
    List<UnresolvedEvidence> unresolved = reading.unresolved();
    switch (type) {
      case "attack-pattern" -> IncidentTechniques.technique(o, oid, kb, credibility, evidence, unresolved);
      case "malware", "tool" -> IncidentSoftware.software(o, oid, type, kb, credibility, evidence, unresolved);
      case "indicator" -> {
        String language = KbBuilder.text(o, "pattern_type");
        if (!language.isEmpty() && !language.equalsIgnoreCase("stix")) { // Snort, YARA, Sigma...: not read
          unresolved.add(new UnresolvedEvidence(oid, type, KbBuilder.text(o, "name"),
              EvidenceText.en(EvidenceText.Template.NOT_STIX_PATTERN, language)));
        } else {
          artifacts(o, oid, type, ArtifactValues.patternValues(KbBuilder.text(o, "pattern")), kb, credibility, evidence,
              unresolved);
        }
      }
      case "infrastructure" -> artifacts(o, oid, type, ArtifactValues.infrastructureValues(o), kb,
          credibility, evidence, unresolved);
      case "sighting" -> IncidentReferences.sighting(o, oid, kb, credibility, reading.inBundle(), evidence,
          unresolved);
      case "vulnerability" -> IncidentVictims.vulnerability(o, oid, kb, credibility, evidence, unresolved);
      case "intrusion-set", "threat-actor", "campaign" -> // someone's attribution: the question, not evidence for it
          unresolved.add(new UnresolvedEvidence(oid, type, KbBuilder.text(o, "name"),
              EvidenceText.en(EvidenceText.Template.CLAIM)));
      case "identity", "location" -> {
        if (reading.authors().contains(oid)) { // the producer's own identity is not a victim
          return;
        }
        if (reading.targeted().isEmpty() || reading.targeted().contains(oid)) {
          IncidentVictims.victim(o, oid, type, kb, credibility, evidence, unresolved);
        } else {
          unresolved.add(new UnresolvedEvidence(oid, type, KbBuilder.text(o, "name"),
              EvidenceText.en(EvidenceText.Template.NOT_A_VICTIM, type)));
        }
      }
      case "observed-data" -> { // STIX 2.0 embeds its observables (2.1 keeps "objects" as deprecated)
        for (JsonNode embedded : o.path("objects")) {
          String t = KbBuilder.text(embedded, "type");
          if (OBSERVABLES.contains(t)) {
            artifacts(embedded, oid, t, ArtifactValues.observableValues(embedded), kb, credibility, evidence, unresolved);
          }
        }
      }
      default -> {
        if (OBSERVABLES.contains(type)) {
          artifacts(o, oid, type, ArtifactValues.observableValues(o), kb, credibility, evidence, unresolved);
        }
      }
    }
  }

  /**
   * One version of each object: the latest {@code modified} (STIX 2.1 §3.6: a newer version supersedes an older;
   * both counted, an item was evidence twice), the later in the bundle on a tie; an object whose latest version is
   * {@code revoked} is withdrawn by its producer and listed, not used.
   */
  static List<JsonNode> latestVersions(List<JsonNode> objects, List<UnresolvedEvidence> withdrawn) {
    Map<String, Integer> latest = new java.util.HashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      String oid = KbBuilder.text(objects.get(i), "id");
      if (oid.isEmpty()) {
        continue;
      }
      Integer prior = latest.get(oid);
      if (prior == null || KbBuilder.text(objects.get(i), "modified")
          .compareTo(KbBuilder.text(objects.get(prior), "modified")) >= 0) { // RFC 3339 UTC sorts as text
        latest.put(oid, i);
      }
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      String oid = KbBuilder.text(o, "id");
      if (oid.isEmpty() || latest.get(oid) == i) {
        if (o.path("revoked").asBoolean(false)) {
          withdrawn.add(new UnresolvedEvidence(oid, KbBuilder.text(o, "type"), KbBuilder.text(o, "name"),
              EvidenceText.en(EvidenceText.Template.WITHDRAWN)));
        } else {
          out.add(o);
        }
      }
    }
    return out;
  }

  private static double credibility(JsonNode o) {
    JsonNode c = o.get("confidence");
    if (c == null || !c.isNumber()) {
      return DEFAULT_CREDIBILITY;
    }
    // STIX 2.1 §3.2: an integer 0-100. A value outside it is no statement of confidence (asInt wrapped 2^63 to 0,
    // an item then weighed nothing): the default, as for none; a fraction of a percent is rounded.
    double v = c.asDouble();
    return v >= 0 && v <= 100 ? Math.round(v) / 100.0 : DEFAULT_CREDIBILITY;
  }

  private static void artifacts(JsonNode o, String oid, String type, Set<String> values, KnowledgeBase kb,
      double cred, Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    String label = values.isEmpty() || type.equals("infrastructure") ? KbBuilder.text(o, "name")
        : String.join(", ", values);
    Set<String> matches = new LinkedHashSet<>();
    values.forEach(v -> matches.addAll(kb.artifactsWithValue(v)));
    Set<String> via = new LinkedHashSet<>(); // known hosts and networks it lies on or in
    for (String v : values) {
      for (KnowledgeBase.Related r : kb.relatedArtifacts(v)) {
        if (matches.addAll(r.ids())) {
          via.add(r.via());
        }
      }
    }
    if (matches.isEmpty()) {
      unresolved.add(new UnresolvedEvidence(oid, type, label, EvidenceText.en(EvidenceText.Template.NO_INFRASTRUCTURE)));
    } else {
      String note = via.isEmpty() ? "" : EvidenceText.en(EvidenceText.Template.ON_KNOWN, String.join(", ", via));
      add(out, new Evidence(oid, Evidence.Kind.INFRASTRUCTURE, type + " " + label + note, List.copyOf(matches), cred));
    }
  }

  /** Adds {@code e} to {@code out}; of two items of one key, the more credible is kept. */
  static void add(Map<String, Evidence> out, Evidence e) {
    out.merge(e.key(), e, (a, b) -> a.credibility() >= b.credibility() ? a : b);
  }
}
