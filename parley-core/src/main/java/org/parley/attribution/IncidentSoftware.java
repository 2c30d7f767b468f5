package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves an incident's {@code malware} or {@code tool} to software of the knowledge base: by ATT&CK or STIX id,
 * by name or alias, as Malpedia or a file name writes it; a malware family nobody knows is novel malware, a generic
 * name none; part of {@link Incidents}.
 */
final class IncidentSoftware {
  private static final Pattern SOFTWARE_ID = Pattern.compile("S\\d{4}", Pattern.CASE_INSENSITIVE);
  private static final Pattern SOFTWARE_ID_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])S\\d{4}(?![0-9])");
  /** Malpedia's names: a platform prefix and underscores ("win.cobalt_strike", "elf.bpfdoor"). */
  private static final Pattern MALPEDIA = Pattern.compile(
      "(?i)(win|elf|osx|apk|ios|jar|js|ps1|py|vbs|php|asp|aspx|fas|symbian|lnk|doc|xls)\\.([a-z0-9_.-]+)");
  /** A file name given for a tool or malware: "mimikatz.exe", "PsExec64.exe". */
  private static final Pattern EXECUTABLE = Pattern.compile("(?i)(.+?)(64)?\\.(exe|dll|sys|ps1|bat|vbs|jar|bin|elf)");

  private IncidentSoftware() {}

  static void software(JsonNode o, String oid, String type, KnowledgeBase kb, double cred,
      Map<String, Evidence> out, List<UnresolvedEvidence> unresolved) {
    String name = KbBuilder.text(o, "name");
    List<String> names = new ArrayList<>();
    names.add(name);
    o.path("aliases").forEach(a -> names.add(a.asText()));
    o.path("x_mitre_aliases").forEach(a -> names.add(a.asText()));
    Match found = byId(o, oid, name, kb);
    Match m = found.software() != null ? found : byNames(names, type, kb);
    Software match = m.software();
    String readAs = m.readAs();
    if (match != null) {
      String known = match.externalId().equals(match.id()) ? match.name() : match.externalId() + " " + match.name();
      Incidents.add(out, new Evidence(oid, Evidence.Kind.SOFTWARE, known + readAs, // shared software has no ATT&CK id
          List.of(match.id()), cred));
    } else {
      String family = novelKey(name);
      unresolved.add(new UnresolvedEvidence(oid, type, name, EvidenceText.en(type.equals("malware") && family.isEmpty()
          ? EvidenceText.Template.GENERIC_NAME : EvidenceText.Template.NO_SOFTWARE)));
      if (type.equals("malware") && !family.isEmpty()) {
        Incidents.add(out, new Evidence(oid, Evidence.Kind.NOVEL_MALWARE, name, List.of(family), cred));
      }
    }
  }

  /** Software found, and the note saying how its name was read ("" when as given); {@code software} null if none. */
  private record Match(Software software, String readAs) {}

  /** The software the object's STIX id or ATT&CK id names. */
  private static Match byId(JsonNode o, String oid, String name, KnowledgeBase kb) {
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
    return new Match(match, readAs);
  }

  /** The software one of {@code names} (the object's name and aliases) names, however written. */
  private static Match byNames(List<String> names, String type, KnowledgeBase kb) {
    Software match = null;
    String readAs = "";
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
    return new Match(match, readAs);
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
}
