package org.parley.stix.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The JSON type of each property STIX 2.1 defines on its object types (the "Type" column of the property
 * tables). Property names mean the same thing on every type that defines them, so one table serves all.
 */
public final class PropertyTypes {
  public enum Kind {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    TIMESTAMP,
    STRING_LIST,
    OBJECT,
    OBJECT_LIST
  }

  private static final Map<String, Kind> KINDS = new HashMap<>();

  static {
    names(Kind.STRING, "type id spec_version created_by_ref lang name description objective context identity_class"
        + " contact_information pattern pattern_type pattern_version resource_level primary_motivation region"
        + " country administrative_area city street_address postal_code product version configuration_version"
        + " analysis_engine_version analysis_definition_version result_name result host_vm_ref operating_system_ref"
        + " sample_ref abstract content explanation opinion sophistication tool_version relationship_type source_ref"
        + " target_ref sighting_of_ref object_ref definition_type schema mime_type payload_bin url"
        + " encryption_algorithm decryption_key rir path path_enc value display_name belongs_to_ref content_type"
        + " from_ref sender_ref message_id subject body raw_email_ref name_enc magic_number_hex parent_directory_ref"
        + " content_ref src_ref dst_ref src_payload_ref dst_payload_ref encapsulated_by_ref cwd command_line"
        + " creator_user_ref image_ref parent_ref cpe swid vendor user_id credential account_login account_type key"
        + " serial_number signature_algorithm issuer subject_public_key_algorithm subject_public_key_modulus");
    names(Kind.INTEGER, "confidence number_observed count number size src_port dst_port src_byte_count"
        + " dst_byte_count src_packets dst_packets pid number_of_subkeys subject_public_key_exponent");
    names(Kind.NUMBER, "latitude longitude precision");
    names(Kind.BOOLEAN, "revoked defanged is_family summary is_multipart is_active is_hidden is_service_account is_privileged"
        + " can_escalate_privs is_disabled is_self_signed");
    names(Kind.TIMESTAMP, "created modified first_seen last_seen valid_from valid_until submitted analysis_started"
        + " analysis_ended first_observed last_observed published start_time stop_time object_modified ctime mtime"
        + " atime date start end created_time account_created account_expires credential_last_changed"
        + " account_first_login account_last_login modified_time validity_not_before validity_not_after");
    names(Kind.STRING_LIST, "labels object_marking_refs aliases object_refs roles sectors indicator_types"
        + " infrastructure_types goals secondary_motivations malware_types architecture_execution_envs"
        + " implementation_languages capabilities sample_refs operating_system_refs modules installed_software_refs"
        + " analysis_sco_refs authors report_types threat_actor_types personal_motivations tool_types"
        + " observed_data_refs where_sighted_refs extension_types extension_properties contains_refs"
        + " resolves_to_refs to_refs cc_refs bcc_refs received_lines belongs_to_refs protocols encapsulates_refs"
        + " opened_connection_refs child_refs languages");
    names(Kind.OBJECT, "extensions definition contents hashes objects additional_header_fields ipfix"
        + " environment_variables x509_v3_extensions");
    names(Kind.OBJECT_LIST, "external_references granular_markings kill_chain_phases body_multipart values");
  }

  /**
   * The properties each STIX 2.1 type defines beyond the common ones (§4–§7 property tables). A property a type does
   * not define is the producer's — a top-level property extension (§7.3) may add "version" as an integer to an
   * indicator — and is not checked against another type's "version" (a string on malware-analysis and software).
   */
  private static final Map<String, java.util.Set<String>> OWN = new HashMap<>();

  static {
    own("attack-pattern", "name description aliases kill_chain_phases");
    own("campaign", "name description aliases first_seen last_seen objective");
    own("course-of-action", "name description");
    own("grouping", "name description context object_refs");
    own("identity", "name description roles identity_class sectors contact_information");
    own("incident", "name description kill_chain_phases");
    own("indicator", "name description indicator_types pattern pattern_type pattern_version valid_from valid_until"
        + " kill_chain_phases");
    own("infrastructure", "name description infrastructure_types aliases kill_chain_phases first_seen last_seen");
    own("intrusion-set", "name description aliases first_seen last_seen goals resource_level primary_motivation"
        + " secondary_motivations");
    own("location", "name description latitude longitude precision region country administrative_area city"
        + " street_address postal_code");
    own("malware", "name description malware_types is_family aliases kill_chain_phases first_seen last_seen"
        + " operating_system_refs architecture_execution_envs implementation_languages capabilities sample_refs");
    own("malware-analysis", "product version host_vm_ref operating_system_ref installed_software_refs"
        + " configuration_version modules analysis_engine_version analysis_definition_version submitted"
        + " analysis_started analysis_ended result_name result analysis_sco_refs sample_ref");
    own("note", "abstract content authors object_refs");
    own("observed-data", "first_observed last_observed number_observed objects object_refs");
    own("opinion", "explanation authors opinion object_refs");
    own("report", "name description report_types published object_refs");
    own("threat-actor", "name description threat_actor_types aliases first_seen last_seen roles goals sophistication"
        + " resource_level primary_motivation secondary_motivations personal_motivations");
    own("tool", "name description tool_types aliases kill_chain_phases tool_version");
    own("vulnerability", "name description");
    own("relationship", "relationship_type description source_ref target_ref start_time stop_time");
    own("sighting", "description first_seen last_seen count sighting_of_ref observed_data_refs where_sighted_refs"
        + " summary");
    own("marking-definition", "name definition_type definition");
    own("language-content", "object_ref object_modified contents");
    own("extension-definition", "name description schema version extension_types extension_properties");
    own("artifact", "mime_type payload_bin url hashes encryption_algorithm decryption_key");
    own("autonomous-system", "number name rir");
    own("directory", "path path_enc ctime mtime atime contains_refs");
    own("domain-name", "value resolves_to_refs");
    own("email-addr", "value display_name belongs_to_ref");
    own("email-message", "is_multipart date content_type from_ref sender_ref to_refs cc_refs bcc_refs message_id"
        + " subject received_lines additional_header_fields body body_multipart raw_email_ref");
    own("file", "hashes size name name_enc magic_number_hex mime_type ctime mtime atime parent_directory_ref"
        + " contains_refs content_ref");
    own("ipv4-addr", "value resolves_to_refs belongs_to_refs");
    own("ipv6-addr", "value resolves_to_refs belongs_to_refs");
    own("mac-addr", "value");
    own("mutex", "name");
    own("network-traffic", "start end is_active src_ref dst_ref src_port dst_port protocols src_byte_count"
        + " dst_byte_count src_packets dst_packets ipfix src_payload_ref dst_payload_ref encapsulates_refs"
        + " encapsulated_by_ref");
    own("process", "is_hidden pid created_time cwd command_line environment_variables opened_connection_refs"
        + " creator_user_ref image_ref parent_ref child_refs");
    own("software", "name cpe swid languages vendor version");
    own("url", "value");
    own("user-account", "user_id credential account_login account_type display_name is_service_account"
        + " is_privileged can_escalate_privs is_disabled account_created account_expires credential_last_changed"
        + " account_first_login account_last_login");
    own("windows-registry-key", "key values modified_time creator_user_ref number_of_subkeys");
    own("x509-certificate", "is_self_signed hashes version serial_number signature_algorithm issuer"
        + " validity_not_before validity_not_after subject subject_public_key_algorithm subject_public_key_modulus"
        + " subject_public_key_exponent x509_v3_extensions");
  }

  private PropertyTypes() {}

  /**
   * Whether {@code type} defines {@code property} itself (common properties aside); a type without a table here
   * (none of STIX 2.1's) is taken to define every property the global table knows.
   */
  public static boolean definedOn(String type, String property) {
    java.util.Set<String> own = OWN.get(type);
    return own == null || own.contains(property);
  }

  private static void own(String type, String names) {
    for (String n : names.split(" ")) {
      if (!KINDS.containsKey(n)) {
        throw new IllegalStateException(type + "." + n + " has no JSON type in the table");
      }
    }
    OWN.put(type, java.util.Set.of(names.split(" ")));
  }

  /** The JSON type STIX gives {@code property}, or null when STIX does not define it. */
  public static Kind of(String property) {
    return KINDS.get(property);
  }

  private static void names(Kind kind, String names) {
    for (String n : names.split(" ")) {
      if (KINDS.put(n, kind) != null) {
        throw new IllegalStateException("defined twice: " + n);
      }
    }
  }
}
