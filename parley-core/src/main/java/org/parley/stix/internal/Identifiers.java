package org.parley.stix.internal;

/** STIX 2.1 §2.9 identifiers ({@code type--UUID}) and §3.1 type names. */
public final class Identifiers {
  private Identifiers() {}

  /** §3.1 (type): 3–250 characters, only lowercase ASCII {@code a-z}, {@code 0-9} and hyphen. */
  public static boolean isTypeName(String type) {
    int n = type.length();
    if (n < 3 || n > 250) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = type.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Index of the {@code --} separating type and UUID in a well-formed identifier, else -1. */
  public static int separator(String id) {
    int sep = id.length() - 38;
    if (sep < 3 || !id.startsWith("--", sep) || !isTypeName(id.substring(0, sep)) || !isUuid(id, sep + 2)) {
      return -1;
    }
    return sep;
  }

  public static boolean isIdentifier(String id) {
    return separator(id) > 0;
  }

  /** The type part of a well-formed identifier. */
  public static String typeOf(String id) {
    return id.substring(0, id.length() - 38);
  }

  /**
   * RFC 4122 §3 string form (hex case-insensitive on input) with the RFC 4122 variant bits ({@code 10xx}),
   * which §2.9 requires ("an RFC 4122-compliant UUID").
   */
  public static boolean isUuid(String s, int at) {
    if (s.length() - at != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(at + i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    char variant = Character.toLowerCase(s.charAt(at + 19));
    return variant == '8' || variant == '9' || variant == 'a' || variant == 'b';
  }
}
