package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Type rules of §6 SCOs and of the predefined SCO extensions (§6.x.2). */
final class ScoRules {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(?::[0-9a-f]{2}){5,7}");
  private static final Pattern BASE64 =
      Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
  private static final Set<String> ID_ONLY = Set.of("type", "id", "spec_version");
  private static final Set<String> X509_PROPERTIES = Set.of("is_self_signed", "hashes", "version", "serial_number",
      "signature_algorithm", "issuer", "validity_not_before", "validity_not_after", "subject",
      "subject_public_key_algorithm", "subject_public_key_modulus", "subject_public_key_exponent", "x509_v3_extensions");

  /** encryption-algorithm-enum (§10, closed; the property is §6.1 artifact's). */
  private static final Set<String> ENCRYPTION = Set.of("AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");
  /** network-socket-address-family-enum (§10, closed; §6.12.4 socket-ext). */
  private static final Set<String> ADDRESS_FAMILY = Set.of("AF_UNSPEC", "AF_INET", "AF_IPX", "AF_APPLETALK",
      "AF_NETBIOS", "AF_INET6", "AF_IRDA", "AF_BTH");
  /**
   * network-socket-type-enum (§10, closed). The published table reads "AF_ISOCK_DGRAMNET" where SOCK_DGRAM is meant (an
   * editing slip the OASIS libraries copied); both are accepted, so neither a spec-literal producer nor a sane one
   * is refused.
   */
  private static final Set<String> SOCKET_TYPE = Set.of("SOCK_STREAM", "SOCK_DGRAM", "AF_ISOCK_DGRAMNET", "SOCK_RAW",
      "SOCK_RDM", "SOCK_SEQPACKET");
  /** windows-integrity-level-enum (§10, closed; §6.13.2 windows-process-ext). */
  private static final Set<String> INTEGRITY = Set.of("low", "medium", "high", "system");
  /** windows-service-start-type-, -type- and -status-enum (§10, closed; §6.13.3 windows-service-ext). */
  private static final Set<String> SERVICE_START = Set.of("SERVICE_AUTO_START", "SERVICE_BOOT_START",
      "SERVICE_DEMAND_START", "SERVICE_DISABLED", "SERVICE_SYSTEM_ALERT");
  private static final Set<String> SERVICE_TYPE = Set.of("SERVICE_KERNEL_DRIVER", "SERVICE_FILE_SYSTEM_DRIVER",
      "SERVICE_WIN32_OWN_PROCESS", "SERVICE_WIN32_SHARE_PROCESS");
  private static final Set<String> SERVICE_STATUS = Set.of("SERVICE_CONTINUE_PENDING", "SERVICE_PAUSE_PENDING",
      "SERVICE_PAUSED", "SERVICE_RUNNING", "SERVICE_START_PENDING", "SERVICE_STOP_PENDING", "SERVICE_STOPPED");
  /** windows-registry-datatype-enum (§10, closed; §6.16.2 windows-registry-value-type). */
  private static final Set<String> REGISTRY_TYPE = Set.of("REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY",
      "REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN", "REG_LINK", "REG_MULTI_SZ", "REG_RESOURCE_LIST",
      "REG_FULL_RESOURCE_DESCRIPTION", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD", "REG_INVALID_TYPE");

  private ScoRules() {}

  static void check(String type, ObjectNode o, Problems problems) {
    switch (type) {
      case "artifact":
        artifact(o, problems);
        break;
      case "autonomous-system":
        Values.checkRange(o, "$", "number", 0, 4_294_967_295L, problems); // RFC 6793: 32-bit AS numbers
        break;
      case "email-message":
        if (TypeRules.isTrue(o, "is_multipart") && o.has("body")) { // §6.6
          problems.add("$.body", "mutually-exclusive", "a multipart message must not have body (use body_multipart)");
        }
        if (TypeRules.isFalse(o, "is_multipart") && o.has("body_multipart")) {
          problems.add("$.body_multipart", "mutually-exclusive", "a message that is not multipart must not have body_multipart");
        }
        mimeParts(o, problems);
        break;
      case "file":
        TypeRules.requireOneOf(o, "$", problems, "hashes", "name"); // §6.7
        Values.checkRange(o, "$", "size", 0, Long.MAX_VALUE, problems);
        fileExtensions(o, problems);
        break;
      case "mac-addr":
        JsonNode mac = o.get("value"); // §6.10: lowercase, colon-delimited, two hex digits per octet
        if (mac != null && mac.isTextual() && !MAC.matcher(mac.textValue()).matches()) {
          problems.add("$.value", "value-format", "a MAC address must be lowercase colon-separated octets such as "
              + "d2:fb:49:24:37:18, got " + Problems.quote(mac.textValue()));
        }
        break;
      case "network-traffic":
        networkTraffic(o, problems);
        break;
      case "process":
        requireMoreThanId(o, "a process", problems); // §6.13
        processExtensions(o, problems);
        break;
      case "windows-registry-key":
        CommonRules.forEachObject(o, "values", (path, value) ->
            TypeRules.oneOf(value, path, "data_type", REGISTRY_TYPE, problems));
        break;
      case "x509-certificate":
        boolean any = false; // §6.17: at least one of the properties of the type
        for (String p : X509_PROPERTIES) {
          any |= o.has(p);
        }
        if (!any) {
          problems.add("$", "required-one-of", "an x509-certificate needs at least one of its own properties");
        }
        break;
      default:
        break;
    }
  }

  /** §6.1: exactly one of payload_bin and url; url requires hashes; decryption_key requires encryption_algorithm. */
  private static void artifact(ObjectNode o, Problems problems) {
    TypeRules.forbidTogether(o, "payload_bin", "url", problems);
    if (o.has("url") && !o.has("hashes")) {
      problems.add("$.hashes", "required-property", "an artifact with url requires hashes");
    }
    if (o.has("decryption_key") && !o.has("encryption_algorithm")) {
      problems.add("$.decryption_key", "required-together", "decryption_key requires encryption_algorithm");
    }
    TypeRules.oneOf(o, "$", "encryption_algorithm", ENCRYPTION, problems);
    JsonNode payload = o.get("payload_bin");
    if (payload != null && payload.isTextual() && !BASE64.matcher(payload.textValue()).matches()) {
      problems.add("$.payload_bin", "value-format", "payload_bin must be base64 (RFC 4648 §4)");
    }
  }

  /** §6.12: src_ref or dst_ref; an active flow has no end; end not before start; ports 0-65535. */
  private static void networkTraffic(ObjectNode o, Problems problems) {
    TypeRules.requireOneOf(o, "$", problems, "src_ref", "dst_ref");
    if (TypeRules.isTrue(o, "is_active") && o.has("end")) {
      problems.add("$.end", "mutually-exclusive", "an active flow (is_active true) must not have end");
    }
    TypeRules.order(o, "start", "end", false, problems);
    Values.checkRange(o, "$", "src_port", 0, 65_535, problems);
    Values.checkRange(o, "$", "dst_port", 0, 65_535, problems);
    for (String n : new String[] {"src_byte_count", "dst_byte_count", "src_packets", "dst_packets"}) {
      Values.checkRange(o, "$", n, 0, Long.MAX_VALUE, problems);
    }
    JsonNode socket = extension(o, "socket-ext");
    if (socket != null) { // §6.12.4
      String path = "$.extensions.socket-ext";
      if (!socket.has("address_family")) {
        problems.add(path + ".address_family", "required-property", "socket-ext requires address_family");
      }
      TypeRules.oneOf(socket, path, "address_family", ADDRESS_FAMILY, problems);
      TypeRules.oneOf(socket, path, "socket_type", SOCKET_TYPE, problems);
    }
  }

  /** §6.13.2–6.13.3: the closed enumerations of windows-process-ext and windows-service-ext. */
  private static void processExtensions(ObjectNode o, Problems problems) {
    JsonNode process = extension(o, "windows-process-ext");
    if (process != null) {
      TypeRules.oneOf(process, "$.extensions.windows-process-ext", "integrity_level", INTEGRITY, problems);
    }
    JsonNode service = extension(o, "windows-service-ext");
    if (service != null) {
      String path = "$.extensions.windows-service-ext";
      TypeRules.oneOf(service, path, "start_type", SERVICE_START, problems);
      TypeRules.oneOf(service, path, "service_type", SERVICE_TYPE, problems);
      TypeRules.oneOf(service, path, "service_status", SERVICE_STATUS, problems);
    }
  }

  private static JsonNode extension(ObjectNode o, String name) {
    JsonNode ext = o.get("extensions");
    JsonNode e = ext != null && ext.isObject() ? ext.get(name) : null;
    return e != null && e.isObject() ? e : null;
  }

  private static void requireMoreThanId(ObjectNode o, String what, Problems problems) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      if (!ID_ONLY.contains(names.next())) {
        return;
      }
    }
    problems.add("$", "required-one-of", what + " must have at least one property besides type, id and spec_version");
  }

  /** §6.6.2 mime-part-type: body or body_raw_ref, not both; body_raw_ref is an artifact or a file. */
  private static void mimeParts(ObjectNode o, Problems problems) {
    CommonRules.forEachObject(o, "body_multipart", (path, part) -> {
      if (part.has("body") == part.has("body_raw_ref")) {
        problems.add(path, "required-one-of", "a MIME part needs exactly one of body and body_raw_ref");
      }
      nestedRef(part, path, "body_raw_ref", Set.of("artifact", "file"), problems);
    });
  }

  /** §6.7.2–6.7.6: the predefined file extensions and the references they hold. */
  private static void fileExtensions(ObjectNode o, Problems problems) {
    JsonNode ext = o.get("extensions");
    if (ext == null || !ext.isObject()) {
      return;
    }
    JsonNode archive = ext.get("archive-ext");
    if (archive != null && archive.isObject()) {
      String path = "$.extensions.archive-ext";
      if (!archive.has("contains_refs")) {
        problems.add(path + ".contains_refs", "required-property", "archive-ext requires contains_refs");
      }
      JsonNode refs = archive.get("contains_refs");
      if (refs != null && refs.isArray()) {
        for (int i = 0; i < refs.size(); i++) {
          nestedRefValue(refs.get(i), Paths.index(path + ".contains_refs", i), Set.of("file", "directory"), problems);
        }
      }
    }
    JsonNode pe = ext.get("windows-pebinary-ext");
    if (pe != null && pe.isObject() && !pe.has("pe_type")) {
      problems.add("$.extensions.windows-pebinary-ext.pe_type", "required-property", "windows-pebinary-ext requires pe_type");
    }
    Iterator<Map.Entry<String, JsonNode>> it = ext.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode hashes = e.getValue().isObject() ? e.getValue().get("hashes") : null;
      if (hashes != null && hashes.isObject()) {
        Hashes.check(Paths.member("$.extensions", e.getKey()) + ".hashes", hashes, problems);
      }
    }
  }

  private static void nestedRef(JsonNode holder, String base, String name, Set<String> targets, Problems problems) {
    JsonNode v = holder.get(name);
    if (v != null) {
      nestedRefValue(v, Paths.member(base, name), targets, problems);
    }
  }

  private static void nestedRefValue(JsonNode v, String path, Set<String> targets, Problems problems) {
    if (!v.isTextual() || !Identifiers.isIdentifier(v.textValue())) {
      problems.add(path, "ref-format", "must be an identifier (type--UUID), got " + Values.describe(v));
    } else if (!targets.contains(Identifiers.typeOf(v.textValue()))) {
      problems.add(path, "ref-type", "must point to " + String.join(" or ", new java.util.TreeSet<>(targets))
          + ", got a reference to " + Problems.quote(Identifiers.typeOf(v.textValue())));
    }
  }
}
