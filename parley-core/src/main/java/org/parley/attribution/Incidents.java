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
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an incident (a STIX 2.1 bundle) and resolves its evidence against a knowledge base. */
public final class Incidents {
  /** Credibility of an object that states no {@code confidence} (STIX 2.1 §3.2: confidence is optional). */
  public static final double DEFAULT_CREDIBILITY = 0.9;
  private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SOFTWARE_ID = Pattern.compile("S\\d{4}", Pattern.CASE_INSENSITIVE);
  private static final Pattern SOFTWARE_ID_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])S\\d{4}(?![0-9])");
  private static final Pattern ATTACK_ID_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])T\\d{4}([./]\\d{3})?(?![0-9])");
  /** Malpedia's names: a platform prefix and underscores ("win.cobalt_strike", "elf.bpfdoor"). */
  private static final Pattern MALPEDIA = Pattern.compile(
      "(?i)(win|elf|osx|apk|ios|jar|js|ps1|py|vbs|php|asp|aspx|fas|symbian|lnk|doc|xls)\\.([a-z0-9_.-]+)");
  /** A file name given for a tool or malware: "mimikatz.exe", "PsExec64.exe". */
  private static final Pattern EXECUTABLE = Pattern.compile("(?i)(.+?)(64)?\\.(exe|dll|sys|ps1|bat|vbs|jar|bin|elf)");
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
    Set<String> markings = new java.util.HashSet<>();
    Map<String, org.parley.marking.Tlp> defined = new java.util.HashMap<>();
    for (JsonNode o : objects) {
      authors.add(KbBuilder.text(o, "created_by_ref"));
      o.path("object_marking_refs").forEach(m -> markings.add(m.asText()));
      o.path("granular_markings").forEach(g -> markings.add(g.path("marking_ref").asText()));
      if (KbBuilder.text(o, "type").equals("marking-definition")) {
        definedTlp(o).ifPresent(t -> defined.put(KbBuilder.text(o, "id"), t));
      }
    }
    Set<String> targeted = targeted(objects);
    Set<String> inBundle = new java.util.HashSet<>();
    objects.forEach(o -> inBundle.add(KbBuilder.text(o, "id")));
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
      references(o, kb, credibility, inBundle, evidence);
      switch (type) {
        case "attack-pattern" -> technique(o, oid, kb, credibility, evidence, unresolved);
        case "malware", "tool" -> software(o, oid, type, kb, credibility, evidence, unresolved);
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
        case "sighting" -> sighting(o, oid, kb, credibility, inBundle, evidence, unresolved);
        case "vulnerability" -> vulnerability(o, oid, kb, credibility, evidence, unresolved);
        case "intrusion-set", "threat-actor", "campaign" -> // someone's attribution: the question, not evidence for it
            unresolved.add(new UnresolvedEvidence(oid, type, KbBuilder.text(o, "name"),
                EvidenceText.en(EvidenceText.Template.CLAIM)));
        case "identity", "location" -> {
          if (authors.contains(oid)) { // the producer's own identity is not a victim
            continue;
          }
          if (targeted.isEmpty() || targeted.contains(oid)) {
            victim(o, oid, type, kb, credibility, evidence, unresolved);
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
    return new Incident(id, name.isEmpty() ? id : name, new ArrayList<>(evidence.values()), unresolved,
        // a known TLP id means its level whatever a definition in the bundle says (a "TLP:RED" id redefined as
        // CLEAR would have lowered the assessment's marking); a definition only names a level for an id of its own
        markings.stream().map(m -> org.parley.marking.Tlp.fromMarkingRef(m).or(() -> Optional.ofNullable(defined.get(m))))
            .flatMap(Optional::stream).max(Enum::compareTo));
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

  /**
   * The TLP level a marking definition in the bundle states, whatever its id: STIX 2.1 §7.2.1.4's
   * {@code definition_type: "tlp"} with {@code definition.tlp}, or a name such as {@code "TLP:AMBER+STRICT"}
   * (TLP 2.0 definitions, OpenCTI's own). Producers mint ids of their own for the levels; an object marked with
   * one was read as unmarked and the assessment of it came out unmarked too.
   */
  static Optional<org.parley.marking.Tlp> definedTlp(JsonNode o) {
    String stated = KbBuilder.text(o, "definition_type").equalsIgnoreCase("tlp")
        ? KbBuilder.text(o.path("definition"), "tlp") : "";
    String name = KbBuilder.text(o, "name");
    for (String t : List.of(stated, name.regionMatches(true, 0, "TLP:", 0, 4) ? name : "")) {
      if (!t.isBlank()) {
        try {
          return Optional.of(org.parley.marking.Tlp.parse(t));
        } catch (IllegalArgumentException e) {
          // not a TLP level: another statement
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The identities and locations the bundle states were targeted: {@code targets} relationships (STIX 2.1 §4: attack-pattern,
   * campaign, intrusion-set, malware, threat-actor and tool may target an identity or location), objects our extractor marks
   * {@code x_parley_role: targeted}, and the locations a targeted identity is {@code located-at}. Empty when the
   * bundle states no target: every identity and location other than the producer's is then read as a victim.
   */
  private static Set<String> targeted(List<JsonNode> objects) {
    Set<String> out = new java.util.HashSet<>();
    for (JsonNode o : objects) {
      String type = KbBuilder.text(o, "type");
      if (type.equals("relationship") && KbBuilder.text(o, "relationship_type").equals("targets")) {
        out.add(KbBuilder.text(o, "target_ref"));
      } else if ((type.equals("identity") || type.equals("location"))
          && KbBuilder.text(o, "x_parley_role").equals("targeted")) {
        out.add(KbBuilder.text(o, "id"));
      }
    }
    for (JsonNode o : objects) {
      if (KbBuilder.text(o, "type").equals("relationship") && KbBuilder.text(o, "relationship_type").equals("located-at")
          && out.contains(KbBuilder.text(o, "source_ref"))) {
        out.add(KbBuilder.text(o, "target_ref"));
      }
    }
    out.removeIf(id -> !id.startsWith("identity--") && !id.startsWith("location--"));
    Set<String> held = new java.util.HashSet<>();
    objects.forEach(o -> held.add(KbBuilder.text(o, "id")));
    out.retainAll(held); // a target the bundle does not hold says nothing about which of its own are victims
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

  /**
   * ATT&CK external_id first; a sub-technique this knowledge base does not have (added in a later ATT&CK release)
   * counts as its parent technique; then the STIX id (producers use their own ids); then the name, when exactly one
   * technique has it.
   */
  private static void technique(JsonNode o, String oid, KnowledgeBase kb, double cred, Map<String, Evidence> out,
      List<UnresolvedEvidence> unresolved) {
    String ext = "";
    for (JsonNode ref : o.path("external_references")) {
      String e = KbBuilder.text(ref, "external_id");
      if (ATTACK_ID.matcher(e).matches()) {
        ext = e;
        break;
      }
    }
    String name = KbBuilder.text(o, "name");
    if (ext.isEmpty() && ATTACK_ID.matcher(KbBuilder.text(o, "x_mitre_id")).matches()) {
      ext = KbBuilder.text(o, "x_mitre_id"); // OpenCTI and other platforms carry the ATT&CK id here
    }
    Matcher inName = ATTACK_ID_IN_TEXT.matcher(name);
    boolean fromName = ext.isEmpty();
    while (fromName && !ext.contains(".")) { // "T1059.001 - PowerShell", "PowerShell (T1059.001)", "T1003/001"
      if (!inName.find()) {
        break;
      }
      String found = inName.group().replace('/', '.');
      // several ids ("Command and Scripting Interpreter (T1059) - PowerShell (T1059.001)"): the sub-technique
      if (ext.isEmpty() || found.startsWith(ext + ".")) {
        ext = found;
      }
    }
    Optional<Technique> t = ext.isEmpty() ? Optional.empty() : kb.techniqueByExternalId(ext);
    String note = "";
    if (t.isEmpty() && !ext.isEmpty()) { // an id ATT&CK has since revoked: its replacement
      t = kb.replacement(ext).flatMap(kb::technique);
      note = t.isPresent() ? EvidenceText.en(EvidenceText.Template.REVOKED, ext.toUpperCase(java.util.Locale.ROOT),
          t.get().externalId()) : "";
    }
    if (t.isEmpty() && ext.contains(".")) {
      t = kb.techniqueByExternalId(ext.substring(0, ext.indexOf('.')));
      note = t.isPresent() ? EvidenceText.en(EvidenceText.Template.PARENT_NEWER,
          ext.toUpperCase(java.util.Locale.ROOT)) : "";
    }
    if (t.isEmpty()) {
      t = kb.technique(oid);
    }
    if (t.isEmpty() && ext.isEmpty()) {
      t = kb.techniqueByName(name);
      List<Technique> named = kb.techniquesNamed(name);
      if (t.isEmpty() && named.size() > 1) {
        SharedName read = sharedName(named, KbBuilder.tactics(o), kb);
        t = Optional.of(read.technique());
        String ids = String.join(", ", named.stream().map(Technique::externalId).toList());
        note = read.byPhase() ? EvidenceText.en(EvidenceText.Template.SHARED_BY_PHASE, ids)
            : EvidenceText.en(EvidenceText.Template.SHARED_MOST_USED, ids);
      }
      int colon = name.indexOf(':');
      if (t.isEmpty() && colon > 0) { // "Process Injection: DLL Injection": a sub-technique named otherwise
        t = kb.techniqueByName(name.substring(0, colon).strip()).filter(x -> x.parentId().isEmpty());
        note = t.isPresent() ? EvidenceText.en(EvidenceText.Template.PARENT_NAMED, name.substring(colon + 1).strip())
            : "";
      }
    }
    String label = (ext.isEmpty() ? "" : ext + " ") + name;
    if (t.isPresent()) {
      add(out, new Evidence(oid, Evidence.Kind.TECHNIQUE, t.get().externalId() + " " + t.get().name() + note,
          List.of(t.get().id()), cred));
    } else {
      unresolved.add(new UnresolvedEvidence(oid, "attack-pattern", label.strip(),
          EvidenceText.en(ext.isEmpty() ? EvidenceText.Template.NO_TECHNIQUE
              : kb.isDeprecated(ext) ? EvidenceText.Template.DEPRECATED : EvidenceText.Template.NO_TECHNIQUE_ID)));
    }
  }

  /**
   * One of the techniques ATT&CK gives this name: the only one of the object's kill chain phases, else — no phase,
   * or one that does not decide — the one most groups are known for.
   */
  private static SharedName sharedName(List<Technique> named, List<String> phases, KnowledgeBase kb) {
    List<Technique> byPhase = named.stream().filter(x -> x.tactics().stream().anyMatch(phases::contains)).toList();
    if (byPhase.size() == 1) {
      return new SharedName(byPhase.get(0), true);
    }
    return new SharedName((byPhase.isEmpty() ? named : byPhase).stream()
        .max(java.util.Comparator.comparingInt((Technique x) -> kb.techniqueUsers(x.id()))
            .thenComparing(Technique::externalId, java.util.Comparator.reverseOrder())).orElseThrow(), false);
  }

  private record SharedName(Technique technique, boolean byPhase) {}

  private static void software(JsonNode o, String oid, String type, KnowledgeBase kb, double cred,
      Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    String name = KbBuilder.text(o, "name");
    List<String> names = new ArrayList<>();
    names.add(name);
    o.path("aliases").forEach(a -> names.add(a.asText()));
    o.path("x_mitre_aliases").forEach(a -> names.add(a.asText()));
    Software match = kb.softwareById(oid).orElse(null);
    String readAs = "";
    List<String> ids = new ArrayList<>();
    for (JsonNode ref : o.path("external_references")) { // ATT&CK's own id (S0154), when the producer gives it
      String e = KbBuilder.text(ref, "external_id");
      if (SOFTWARE_ID.matcher(e).matches()) {
        ids.add(e);
      }
    }
    Matcher idInName = SOFTWARE_ID_IN_TEXT.matcher(name + " " + KbBuilder.text(o, "x_mitre_id"));
    if (idInName.find()) { // MISP's galaxy form "PlugX - S0013", OpenCTI's x_mitre_id
      ids.add(idInName.group());
    }
    for (String e : ids) {
      if (match == null) {
        match = kb.softwareByExternalId(e).orElse(null);
      }
      if (match == null) { // an id ATT&CK has since revoked: its replacement
        match = kb.replacement(e).flatMap(kb::softwareById).orElse(null);
        readAs = match == null ? "" : EvidenceText.en(EvidenceText.Template.REVOKED,
            e.toUpperCase(java.util.Locale.ROOT), match.externalId());
      }
    }
    for (String n : names) {
      if (match != null) {
        break;
      }
      match = byName(kb, n, type);
    }
    for (String n : names) { // then as Malpedia or a file name writes it, and without words saying what kind it is
      for (String core : readings(n)) {
        if (match != null) {
          break;
        }
        match = byName(kb, core, type);
        readAs = match == null ? "" : EvidenceText.en(EvidenceText.Template.READ_AS, n, core);
      }
    }
    for (String n : names) { // last, against the knowledge base's names without such words: "gh0st" is "gh0st RAT"
      List<String> cores = new ArrayList<>(List.of(n));
      cores.addAll(readings(n));
      for (int k = 0; k < cores.size() && match == null; k++) {
        List<Software> found = kb.softwareByCoreName(cores.get(k));
        if (found.size() == 1) {
          match = found.get(0);
          readAs = EvidenceText.en(EvidenceText.Template.READ_AS, n, match.name());
        }
      }
    }
    if (match != null) {
      String known = match.externalId().equals(match.id()) ? match.name() : match.externalId() + " " + match.name();
      add(out, new Evidence(oid, Evidence.Kind.SOFTWARE, known + readAs, // shared software has no ATT&CK id
          List.of(match.id()), cred));
    } else {
      String family = novelKey(name);
      unresolved.add(new UnresolvedEvidence(oid, type, name, EvidenceText.en(type.equals("malware") && family.isEmpty()
          ? EvidenceText.Template.GENERIC_NAME : EvidenceText.Template.NO_SOFTWARE)));
      if (type.equals("malware") && !family.isEmpty()) {
        add(out, new Evidence(oid, Evidence.Kind.NOVEL_MALWARE, name, List.of(family), cred));
      }
    }
  }

  private static Software byName(KnowledgeBase kb, String name, String type) {
    List<Software> found = kb.softwareByName(name);
    return found.stream().filter(s -> s.tool() == type.equals("tool")).findFirst()
        .orElse(found.isEmpty() ? null : found.get(0));
  }

  /**
   * Other ways to read a software name, in order: Malpedia's form without its platform prefix and underscores
   * ("win.cobalt_strike" → "cobalt strike"), a file name without its extension ("mimikatz.exe" → "mimikatz",
   * "PsExec64.exe" → "PsExec"), and each of these and the name without qualifiers.
   */
  static List<String> readings(String name) {
    List<String> base = new ArrayList<>(List.of(name));
    Matcher m = MALPEDIA.matcher(name.strip());
    if (m.matches()) {
      base.add(m.group(2).replace('_', ' '));
    }
    Matcher f = EXECUTABLE.matcher(name.strip());
    if (f.matches()) {
      base.add(f.group(1));
    }
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(base.subList(1, base.size()));
    for (String b : base) {
      String core = Names.withoutQualifiers(b);
      if (!core.isEmpty()) {
        out.add(core);
      }
    }
    out.remove(name);
    return List.copyOf(out);
  }

  /**
   * The key of a malware family the knowledge base does not know: its last reading ("win.toneshell",
   * "TONESHELL backdoor" and "TONESHELL" are one family), else its name.
   */
  static String novelKey(String name) {
    // a name of kind words only ("ransomware", "RAT", "backdoor", "webshell") or a placeholder names no family:
    // read as a family nobody knows, it raised an unknown actor on nothing
    if (Names.withoutQualifiers(name).isEmpty() || GENERIC_NAMES.contains(Names.key(name))) {
      return "";
    }
    List<String> r = readings(name);
    String key = r.isEmpty() ? "" : Names.key(r.get(r.size() - 1));
    key = key.isEmpty() ? Names.key(name) : key;
    return GENERIC_NAMES.contains(key) ? "" : key;
  }

  /** Names producers give malware they could not name (STIX 2.1 lets {@code is_family: false} instances be named so). */
  private static final Set<String> GENERIC_NAMES = Set.of("unknown", "unknownmalware", "na", "none", "other",
      "generic", "unnamed", "malicious", "maliciousfile", "suspicious", "virus", "spyware", "adware", "miner",
      "cryptominer", "coinminer", "wiper", "keylogger", "exploit", "shellcode", "hacktool", "pua", "pup", "grayware",
      "null");

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

  /**
   * A sighting (STIX 2.1 §5.7) of an object the bundle does not hold but shared intel or ATT&CK does — how a party
   * reports "we saw your indicator" by its id: that object is evidence as if the bundle held it ({@link #referenced}).
   * A sighting of an object in the bundle adds nothing to the object itself; of an object known nowhere, it is listed
   * as unresolved.
   */
  private static void sighting(JsonNode o, String oid, KnowledgeBase kb, double cred, Set<String> inBundle,
      Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    String ref = KbBuilder.text(o, "sighting_of_ref");
    if (!ref.isEmpty() && !inBundle.contains(ref)
        && !referenced(ref, oid, EvidenceText.Template.SIGHTED, kb, cred, out)) {
      unresolved.add(new UnresolvedEvidence(oid, "sighting", ref, EvidenceText.en(EvidenceText.Template.NO_SIGHTED)));
    }
  }

  /**
   * The objects a bundle refers to by id without holding them — a report's or grouping's {@code object_refs}, a
   * relationship's ends: producers name ATT&CK's techniques and software, and shared intel's indicators, by their
   * STIX ids. Those the knowledge base holds are evidence, with the referring object's confidence; other dangling
   * references (identities, notes…) are not evidence and are not listed.
   */
  private static void references(JsonNode o, KnowledgeBase kb, double cred, Set<String> inBundle,
      Map<String, Evidence> out) {
    List<String> refs = new ArrayList<>();
    o.path("object_refs").forEach(r -> refs.add(r.asText()));
    if (KbBuilder.text(o, "type").equals("relationship")) {
      refs.add(KbBuilder.text(o, "source_ref"));
      refs.add(KbBuilder.text(o, "target_ref"));
    }
    for (String ref : refs) {
      if (!ref.isEmpty() && !inBundle.contains(ref)) {
        referenced(ref, ref, EvidenceText.Template.REFERRED, kb, cred, out);
      }
    }
  }

  /**
   * Adds the knowledge base's indicator, infrastructure or observable, malware or tool, or technique {@code ref} as
   * evidence carried by {@code carrier}, its label ending in {@code note}; false when the knowledge base holds no such
   * object (groups and campaigns are someone's attribution, not evidence).
   */
  private static boolean referenced(String ref, String carrier, EvidenceText.Template note, KnowledgeBase kb,
      double cred, Map<String, Evidence> out) {
    Set<String> values = kb.artifactMap().get(ref);
    Optional<Software> software = kb.softwareById(ref);
    Optional<Technique> technique = kb.technique(ref);
    String how = EvidenceText.en(note);
    if (values != null) {
      add(out, new Evidence(carrier, Evidence.Kind.INFRASTRUCTURE, kb.artifactTypeMap().get(ref) + " "
          + String.join(", ", values) + how, List.of(ref), cred));
    } else if (software.isPresent()) {
      Software sw = software.get();
      add(out, new Evidence(carrier, Evidence.Kind.SOFTWARE, (sw.externalId().equals(sw.id()) ? ""
          : sw.externalId() + " ") + sw.name() + how, List.of(sw.id()), cred));
    } else if (technique.isPresent()) {
      add(out, new Evidence(carrier, Evidence.Kind.TECHNIQUE, technique.get().externalId() + " "
          + technique.get().name() + how, List.of(technique.get().id()), cred));
    } else {
      Optional<Map.Entry<String, String>> replaced = kb.replacementOfStixId(ref); // e.g. T1086, revoked by T1059.001
      if (replaced.isEmpty() || replaced.get().getValue().equals(ref)) {
        return false;
      }
      String by = replaced.get().getValue();
      Optional<Technique> t = kb.technique(by);
      Optional<Software> s = kb.softwareById(by);
      String ext = replaced.get().getKey().toUpperCase(java.util.Locale.ROOT);
      if (t.isPresent()) {
        add(out, new Evidence(carrier, Evidence.Kind.TECHNIQUE, t.get().externalId() + " " + t.get().name()
            + EvidenceText.en(EvidenceText.Template.REVOKED, ext, t.get().externalId()) + how, List.of(by), cred));
      } else if (s.isPresent()) {
        add(out, new Evidence(carrier, Evidence.Kind.SOFTWARE, s.get().externalId() + " " + s.get().name()
            + EvidenceText.en(EvidenceText.Template.REVOKED, ext, s.get().externalId()) + how, List.of(by), cred));
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * A vulnerability (by its CVE: name or {@code cve} external reference) meets the groups the knowledge base says
   * exploited it ({@link Victims#cveKeys}: ATT&CK's descriptions and procedures, shared intel's {@code targets}).
   */
  private static void vulnerability(JsonNode o, String oid, KnowledgeBase kb, double cred, Map<String, Evidence> out,
      List<UnresolvedEvidence> unresolved) {
    Set<String> keys = Victims.victimKeys(o);
    Set<String> matches = targetsWithAnyOf(keys, kb);
    String name = KbBuilder.text(o, "name");
    String label = keys.isEmpty() ? (name.isEmpty() ? oid : name) : keys.iterator().next().substring("cve:".length());
    if (matches.isEmpty()) {
      unresolved.add(new UnresolvedEvidence(oid, "vulnerability", label,
          EvidenceText.en(keys.isEmpty() ? EvidenceText.Template.NO_CVE : EvidenceText.Template.NO_EXPLOIT)));
    } else {
      add(out, new Evidence(oid, Evidence.Kind.VULNERABILITY, "vulnerability " + label, List.copyOf(matches), cred));
    }
  }

  private static void victim(JsonNode o, String oid, String type, KnowledgeBase kb, double cred,
      Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    Set<String> matches = targetsWithAnyOf(Victims.incidentVictimKeys(o), kb);
    String name = KbBuilder.text(o, "name");
    String label = name.isEmpty() ? String.join(", ", Victims.victimKeys(o)) : name;
    if (matches.isEmpty()) {
      unresolved.add(new UnresolvedEvidence(oid, type, label.isEmpty() ? oid : label,
          EvidenceText.en(EvidenceText.Template.NO_VICTIM)));
    } else {
      add(out, new Evidence(oid, Evidence.Kind.VICTIM, type + " " + label, List.copyOf(matches), cred));
    }
  }

  /** What the knowledge base knows groups target (victims, vulnerabilities) under any of {@code keys}. */
  private static Set<String> targetsWithAnyOf(Set<String> keys, KnowledgeBase kb) {
    Set<String> matches = new LinkedHashSet<>();
    kb.victimMap().forEach((vid, vkeys) -> {
      if (vkeys.stream().anyMatch(keys::contains)) {
        matches.add(vid);
      }
    });
    return matches;
  }

  private static void add(Map<String, Evidence> out, Evidence e) {
    out.merge(e.key(), e, (a, b) -> a.credibility() >= b.credibility() ? a : b);
  }
}
