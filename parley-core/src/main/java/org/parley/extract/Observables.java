package org.parley.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** STIX 2.1 cyber-observable objects (§6) and patterns (§9) for indicators. */
final class Observables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Observables() {}

  /** The SCO for {@code i} (added to {@code objects} with any SCO it refers to), if STIX 2.1 defines one. */
  static Optional<ObjectNode> sco(Indicator i, Map<String, ObjectNode> objects) {
    ObjectNode idProps = JSON.createObjectNode();
    String type;
    switch (i.type()) {
      case IPV4 -> { type = "ipv4-addr"; idProps.put("value", i.value()); }
      case IPV6 -> { type = "ipv6-addr"; idProps.put("value", i.value()); }
      case DOMAIN -> { type = "domain-name"; idProps.put("value", i.value()); }
      case URL -> { type = "url"; idProps.put("value", i.value()); }
      case EMAIL -> { type = "email-addr"; idProps.put("value", i.value()); }
      case ASN -> { type = "autonomous-system"; idProps.put("number", Long.parseLong(i.value().substring(2))); }
      case REGISTRY_KEY -> { type = "windows-registry-key"; idProps.put("key", i.value()); }
      case MD5, SHA1, SHA256, SHA512 -> { type = "file"; idProps.putObject("hashes").put(hashName(i.type()), i.value()); }
      case FILE_NAME -> { type = "file"; idProps.put("name", i.value()); }
      case FILE_PATH -> {
        String p = i.value();
        int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        String dir = cut > 0 ? p.substring(0, cut) : p;
        String base = cut >= 0 ? p.substring(cut + 1) : "";
        ObjectNode dirProps = JSON.createObjectNode().put("path", base.isEmpty() ? p : dir);
        ObjectNode d = withId("directory", dirProps);
        objects.putIfAbsent(d.get("id").asText(), d);
        if (base.isEmpty() || base.indexOf('.') < 0) {
          if (!base.isEmpty()) {
            ObjectNode whole = withId("directory", JSON.createObjectNode().put("path", p));
            objects.putIfAbsent(whole.get("id").asText(), whole);
            return Optional.of(whole);
          }
          return Optional.of(d);
        }
        type = "file";
        idProps.put("name", base);
        idProps.put("parent_directory_ref", d.get("id").asText());
      }
      default -> { return Optional.empty(); } // wallets: STIX 2.1 defines no SCO
    }
    ObjectNode o = withId(type, idProps);
    objects.putIfAbsent(o.get("id").asText(), o);
    return Optional.of(o);
  }

  private static ObjectNode withId(String type, ObjectNode idProps) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", StixEvidence.scoId(type, idProps));
    o.setAll(idProps);
    return o;
  }

  /** STIX 2.1 hash algorithm vocabulary names (§10.7 hashing-algorithm-ov). */
  static String hashName(IndicatorType t) {
    return switch (t) {
      case MD5 -> "MD5";
      case SHA1 -> "SHA-1";
      case SHA256 -> "SHA-256";
      case SHA512 -> "SHA-512";
      default -> throw new IllegalArgumentException("not a hash type: " + t);
    };
  }

  /** A STIX pattern (§9) matching the indicator. */
  static String pattern(Indicator i) {
    String v = literal(i.value());
    return switch (i.type()) {
      case IPV4 -> i.value().contains("/") ? "[ipv4-addr:value ISSUBSET " + v + "]" : "[ipv4-addr:value = " + v + "]";
      case IPV6 -> i.value().contains("/") ? "[ipv6-addr:value ISSUBSET " + v + "]" : "[ipv6-addr:value = " + v + "]";
      case DOMAIN -> "[domain-name:value = " + v + "]";
      case URL -> "[url:value = " + v + "]";
      case EMAIL -> "[email-addr:value = " + v + "]";
      case ASN -> "[autonomous-system:number = " + Long.parseLong(i.value().substring(2)) + "]";
      case REGISTRY_KEY -> "[windows-registry-key:key = " + v + "]";
      case MD5 -> "[file:hashes.MD5 = " + v + "]";
      case SHA1 -> "[file:hashes.'SHA-1' = " + v + "]";
      case SHA256 -> "[file:hashes.'SHA-256' = " + v + "]";
      case SHA512 -> "[file:hashes.'SHA-512' = " + v + "]";
      case FILE_NAME -> "[file:name = " + v + "]";
      case FILE_PATH -> filePathPattern(i.value());
      case BTC_ADDRESS, ETH_ADDRESS, XMR_ADDRESS ->
          // no STIX 2.1 SCO for wallets: a custom object type, named in the style of the spec's types
          "[x-cryptocurrency-wallet:address = " + v + " AND x-cryptocurrency-wallet:currency = '"
              + i.type().label().substring(0, 3).toUpperCase(Locale.ROOT) + "']";
      default -> throw new IllegalArgumentException("no pattern for " + i.type());
    };
  }

  private static String filePathPattern(String p) {
    int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
    String base = cut >= 0 ? p.substring(cut + 1) : p;
    if (cut > 0 && base.indexOf('.') > 0) {
      return "[file:name = " + literal(base) + " AND file:parent_directory_ref.path = " + literal(p.substring(0, cut)) + "]";
    }
    return "[directory:path = " + literal(p) + "]";
  }

  /** STIX patterning string literal: single quotes; backslash and quote escaped (§9.3). */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
