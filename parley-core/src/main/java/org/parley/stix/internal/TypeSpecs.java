package org.parley.stix.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.stix.internal.TypeSpec.Kind;

/**
 * The object types of STIX 2.1 (OASIS Standard, 10 June 2021): §4 SDOs, §5 SROs, §6 SCOs, §7 meta objects.
 * Required properties and the allowed targets of each {@code *_ref}/{@code *_refs} come from each type's
 * property table.
 */
public final class TypeSpecs {
  public static final String ANY = "<any>";
  public static final String ANY_SDO = "<sdo>";
  public static final String ANY_SCO = "<sco>";
  public static final String ANY_SRO = "<sro>";

  private static final Map<String, TypeSpec> SPECS = new HashMap<>();

  static {
    // §4 STIX Domain Objects
    sdo("attack-pattern", "name");
    sdo("campaign", "name");
    sdo("course-of-action", "name");
    sdo("grouping", "context object_refs", "object_refs", ANY);
    sdo("identity", "name");
    sdo("incident", "name");
    sdo("indicator", "pattern pattern_type valid_from");
    sdo("infrastructure", "name");
    sdo("intrusion-set", "name");
    sdo("location", "");
    sdo("malware", "is_family", "sample_refs", "file artifact", "operating_system_refs", "software");
    sdo("malware-analysis", "product",
        "host_vm_ref", "software", "operating_system_ref", "software", "installed_software_refs", "software",
        "sample_ref", "file network-traffic artifact", "analysis_sco_refs", ANY_SCO);
    sdo("note", "content object_refs", "object_refs", ANY);
    sdo("observed-data", "first_observed last_observed number_observed", "object_refs", ANY_SCO + " " + ANY_SRO);
    sdo("opinion", "opinion object_refs", "object_refs", ANY);
    sdo("report", "name published object_refs", "object_refs", ANY);
    sdo("threat-actor", "name");
    sdo("tool", "name");
    sdo("vulnerability", "name");
    // §5 STIX Relationship Objects
    put("relationship", Kind.SRO, "relationship_type source_ref target_ref",
        "source_ref", ANY_SDO + " " + ANY_SCO, "target_ref", ANY_SDO + " " + ANY_SCO);
    put("sighting", Kind.SRO, "sighting_of_ref",
        "sighting_of_ref", ANY_SDO, "observed_data_refs", "observed-data", "where_sighted_refs", "identity location");
    // §7 meta objects
    put("language-content", Kind.META, "created modified object_ref contents", "object_ref", ANY);
    put("marking-definition", Kind.META, "created");
    put("extension-definition", Kind.META, "created modified created_by_ref name schema version extension_types");
    // §6 STIX Cyber-observable Objects
    sco("artifact", "");
    sco("autonomous-system", "number");
    sco("directory", "path", "contains_refs", "file directory");
    sco("domain-name", "value", "resolves_to_refs", "ipv4-addr ipv6-addr domain-name");
    sco("email-addr", "value", "belongs_to_ref", "user-account");
    sco("email-message", "is_multipart", "from_ref", "email-addr", "sender_ref", "email-addr",
        "to_refs", "email-addr", "cc_refs", "email-addr", "bcc_refs", "email-addr", "raw_email_ref", "artifact");
    sco("file", "", "parent_directory_ref", "directory", "contains_refs", ANY_SCO, "content_ref", "artifact");
    sco("ipv4-addr", "value", "resolves_to_refs", "mac-addr", "belongs_to_refs", "autonomous-system");
    sco("ipv6-addr", "value", "resolves_to_refs", "mac-addr", "belongs_to_refs", "autonomous-system");
    sco("mac-addr", "value");
    sco("mutex", "name");
    sco("network-traffic", "protocols",
        "src_ref", "ipv4-addr ipv6-addr mac-addr domain-name", "dst_ref", "ipv4-addr ipv6-addr mac-addr domain-name",
        "src_payload_ref", "artifact", "dst_payload_ref", "artifact",
        "encapsulates_refs", "network-traffic", "encapsulated_by_ref", "network-traffic");
    sco("process", "", "opened_connection_refs", "network-traffic", "creator_user_ref", "user-account",
        "image_ref", "file", "parent_ref", "process", "child_refs", "process");
    sco("software", "name");
    sco("url", "value");
    sco("user-account", "");
    sco("windows-registry-key", "", "creator_user_ref", "user-account");
    sco("x509-certificate", "");
  }

  /** Common reference properties (§3.2, §7.2): the same targets on every type. */
  private static final Map<String, Set<String>> COMMON_REFS =
      Map.of("created_by_ref", Set.of("identity"), "object_marking_refs", Set.of("marking-definition"));

  private TypeSpecs() {}

  public static Optional<TypeSpec> of(String type) {
    return Optional.ofNullable(SPECS.get(type));
  }

  /** Allowed target types of {@code property} on {@code type}, or empty when the spec does not constrain it. */
  public static Optional<Set<String>> refTargets(String type, String property) {
    Set<String> common = COMMON_REFS.get(property);
    if (common != null) {
      return Optional.of(common);
    }
    TypeSpec spec = SPECS.get(type);
    return spec == null ? Optional.empty() : Optional.ofNullable(spec.refs().get(property));
  }

  /**
   * Whether an identifier of {@code refType} may appear where {@code targets} are allowed. A type this
   * table does not know (a custom object) satisfies a whole-kind target, since its kind cannot be known.
   */
  public static boolean allows(Set<String> targets, String refType) {
    if (targets.contains(ANY) || targets.contains(refType)) {
      return true;
    }
    TypeSpec spec = SPECS.get(refType);
    if (spec == null) {
      return targets.contains(ANY_SDO) || targets.contains(ANY_SCO) || targets.contains(ANY_SRO);
    }
    return (spec.kind() == Kind.SDO && targets.contains(ANY_SDO))
        || (spec.kind() == Kind.SCO && targets.contains(ANY_SCO))
        || (spec.kind() == Kind.SRO && targets.contains(ANY_SRO));
  }

  private static void sdo(String type, String required, String... refs) {
    put(type, Kind.SDO, required, refs);
  }

  private static void sco(String type, String required, String... refs) {
    put(type, Kind.SCO, required, refs);
  }

  private static void put(String type, Kind kind, String required, String... refs) {
    Map<String, Set<String>> targets = new LinkedHashMap<>();
    for (int i = 0; i < refs.length; i += 2) {
      targets.put(refs[i], Set.of(refs[i + 1].split(" ")));
    }
    List<String> req = required.isEmpty() ? List.of() : List.of(required.split(" "));
    SPECS.put(type, new TypeSpec(type, kind, req, targets));
  }
}
