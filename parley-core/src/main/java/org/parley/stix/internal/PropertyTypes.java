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

  private PropertyTypes() {}

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
