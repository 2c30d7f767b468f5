package org.parley.stix.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.stix.StixException;

/**
 * Deterministic SCO identifiers (STIX 2.1 §2.9): a UUIDv5 (RFC 4122 §4.3) in namespace
 * {@code 00abedb4-aa42-466c-9c01-fed23315a9b7} over the RFC 8785 canonical JSON of the object's
 * ID-contributing properties that are present (listed in each SCO's section of §6). Of {@code hashes},
 * one is used: MD5, else SHA-1, else SHA-256, else SHA-512, else the first given.
 */
public final class ScoIds {
  private static final UUID NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> HASH_PREFERENCE = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

  /** §6.x "ID Contributing Properties"; process (§6.13) has none: its ids are UUIDv4. */
  private static final Map<String, List<String>> CONTRIBUTING = Map.ofEntries(
      Map.entry("artifact", List.of("hashes", "payload_bin")),
      Map.entry("autonomous-system", List.of("number")),
      Map.entry("directory", List.of("path")),
      Map.entry("domain-name", List.of("value")),
      Map.entry("email-addr", List.of("value")),
      Map.entry("email-message", List.of("from_ref", "subject", "body")),
      Map.entry("file", List.of("hashes", "name", "extensions", "parent_directory_ref")),
      Map.entry("ipv4-addr", List.of("value")),
      Map.entry("ipv6-addr", List.of("value")),
      Map.entry("mac-addr", List.of("value")),
      Map.entry("mutex", List.of("name")),
      Map.entry("network-traffic", List.of("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions")),
      Map.entry("software", List.of("name", "cpe", "swid", "vendor", "version")),
      Map.entry("url", List.of("value")),
      Map.entry("user-account", List.of("account_type", "user_id", "account_login")),
      Map.entry("windows-registry-key", List.of("key", "values")),
      Map.entry("x509-certificate", List.of("hashes", "serial_number")));

  private ScoIds() {}

  public static String fromProperties(String type, Map<String, ?> properties) throws StixException {
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(properties);
    } catch (IllegalArgumentException e) {
      throw new StixException("$", "property-type", "properties must be JSON values (String, Number, Boolean, List, Map)");
    }
    return fromTree(type, (ObjectNode) tree);
  }

  public static String fromJson(byte[] json) throws StixException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(Json.parser(json));
    } catch (java.io.IOException e) {
      throw Json.syntax(e);
    }
    if (tree == null || !tree.isObject() || !tree.path("type").isTextual()) {
      throw new StixException("$.type", "required-property", "an SCO needs a type string");
    }
    return fromTree(tree.get("type").textValue(), (ObjectNode) tree);
  }

  private static String fromTree(String type, ObjectNode properties) throws StixException {
    List<String> names = CONTRIBUTING.get(type);
    if (names == null) {
      throw new StixException("$.type", "no-deterministic-id",
          Problems.quote(type) + " has no ID-contributing properties (STIX 2.1 §2.9: use a UUIDv4)");
    }
    ObjectNode contributing = MAPPER.createObjectNode();
    for (String name : names) {
      JsonNode v = properties.get(name);
      if (v != null && !v.isNull()) {
        contributing.set(name, "hashes".equals(name) ? oneHash(v) : v);
      }
    }
    if (contributing.isEmpty()) {
      throw new StixException("$", "no-deterministic-id",
          type + " has none of its ID-contributing properties " + names + " (STIX 2.1 §2.9: use a UUIDv4)");
    }
    byte[] name;
    try {
      name = Canonical.canonicalize(MAPPER.writeValueAsBytes(contributing));
    } catch (JsonProcessingException e) {
      throw new StixException("$", "json-syntax", e.getOriginalMessage());
    }
    return type + "--" + uuid5(NAMESPACE, name);
  }

  private static JsonNode oneHash(JsonNode hashes) throws StixException {
    if (!hashes.isObject() || hashes.isEmpty()) {
      throw new StixException("$.hashes", "property-type", "hashes must be a non-empty object");
    }
    String chosen = HASH_PREFERENCE.stream().filter(hashes::has).findFirst().orElseGet(() -> hashes.fieldNames().next());
    ObjectNode one = MAPPER.createObjectNode();
    one.set(chosen, hashes.get(chosen));
    return one;
  }

  /** RFC 4122 §4.3 name-based UUID, SHA-1 (version 5). */
  static UUID uuid5(UUID namespace, byte[] name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] h = sha1.digest(name);
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

}
