package org.parley.node.taxii;

import java.util.Locale;

/** TAXII 2.1 §1.6.8 media types and the Accept/Content-Type checks (406/415). */
final class MediaTypes {
  static final String TAXII = "application/taxii+json;version=2.1";
  static final String STIX = "application/stix+json;version=2.1";

  private MediaTypes() {}

  /** Whether an Accept header admits TAXII 2.1 JSON. A missing header admits anything (RFC 9110 §12.5.1). */
  static boolean accepts(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";", -1);
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      String version = param(parts, "version");
      String q = param(parts, "q");
      if (q != null && q.matches("0(\\.0*)?")) {
        continue;
      }
      if (type.equals("*/*") || type.equals("application/*")) {
        return true;
      }
      if (type.equals("application/taxii+json") && (version == null || version.equals("2.1"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a request Content-Type is TAXII 2.1 JSON (version omitted means the latest, 2.1). */
  static boolean isTaxii(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    String version = param(parts, "version");
    return parts[0].trim().toLowerCase(Locale.ROOT).equals("application/taxii+json")
        && (version == null || version.equals("2.1"));
  }

  private static String param(String[] parts, String name) {
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase(name)) {
        return kv[1].trim().replace("\"", "");
      }
    }
    return null;
  }
}
