package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves an incident's {@code attack-pattern} to an ATT&CK technique of the knowledge base: by ATT&CK id, by STIX
 * id, by name (a name several techniques share read by kill chain phase); part of {@link Incidents}.
 */
final class IncidentTechniques {
  private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTACK_ID_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])T\\d{4}([./]\\d{3})?(?![0-9])");

  private IncidentTechniques() {}

  /**
   * ATT&CK external_id first; a sub-technique this knowledge base does not have (added in a later ATT&CK release)
   * counts as its parent technique; then the STIX id (producers use their own ids); then the name, when exactly one
   * technique has it.
   */
  static void technique(JsonNode o, String oid, KnowledgeBase kb, double cred, Map<String, Evidence> out,
      List<UnresolvedEvidence> unresolved) {
    String name = KbBuilder.text(o, "name");
    String ext = attackId(o, name);
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
      Incidents.add(out, new Evidence(oid, Evidence.Kind.TECHNIQUE, t.get().externalId() + " " + t.get().name() + note,
          List.of(t.get().id()), cred));
    } else {
      unresolved.add(new UnresolvedEvidence(oid, "attack-pattern", label.strip(),
          EvidenceText.en(ext.isEmpty() ? EvidenceText.Template.NO_TECHNIQUE
              : kb.isDeprecated(ext) ? EvidenceText.Template.DEPRECATED : EvidenceText.Template.NO_TECHNIQUE_ID)));
    }
  }

  /** The ATT&CK id the object states (an external reference, {@code x_mitre_id} or its name), else "". */
  private static String attackId(JsonNode o, String name) {
    String ext = "";
    for (JsonNode ref : o.path("external_references")) {
      String e = KbBuilder.text(ref, "external_id");
      if (ATTACK_ID.matcher(e).matches()) {
        ext = e;
        break;
      }
    }
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
    return ext;
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
}
