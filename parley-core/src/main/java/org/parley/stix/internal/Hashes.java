package org.parley.stix.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STIX 2.1 §2.7 hashes: a dictionary whose keys are dictionary keys (§2.7: 1–250 ASCII characters of
 * {@code a-z A-Z 0-9 - _}), drawn from hashing-algorithm-ov (§10.7) or custom, and whose values are the
 * hash in the algorithm's own format: hexadecimal of the digest length, SSDEEP's
 * {@code blocksize:hash:hash}, TLSH's 70 hex digits with an optional {@code T1} version prefix.
 */
final class Hashes {
  private static final Pattern SSDEEP = Pattern.compile("[0-9]{1,10}:[A-Za-z0-9/+]{0,64}:[A-Za-z0-9/+]{0,64}(?:,\"?[^\"]*\"?)?");
  private static final Pattern TLSH = Pattern.compile("(?:T1)?[0-9A-Fa-f]{70}");

  private Hashes() {}

  static void check(String path, JsonNode hashes, Problems problems) {
    Iterator<Map.Entry<String, JsonNode>> it = hashes.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String at = Paths.member(path, key);
      checkDictionaryKey(at, key, problems);
      if (!key.isEmpty() && key.length() < 3) { // §2.7 hashes: keys of at least 3 characters (dictionaries have none)
        problems.add(at, "dictionary-key", "a hashes key must have at least 3 characters (STIX 2.1 §2.7), got "
            + Problems.quote(key));
      }
      if (!e.getValue().isTextual()) {
        problems.add(at, "property-type", "a hash value must be a string, got " + Values.describe(e.getValue()));
        continue;
      }
      String value = e.getValue().textValue();
      String expected = expectedFormat(key, value);
      if (expected != null) {
        problems.add(at, "hash-value", key + " must be " + expected + ", got " + Problems.quote(value));
      }
    }
    if (hashes.isEmpty()) {
      problems.add(path, "empty-dictionary", "hashes must not be empty (STIX 2.1 §2.7)");
    }
  }

  /** A description of the expected format when {@code value} does not fit {@code algorithm}, else null. */
  private static String expectedFormat(String algorithm, String value) {
    switch (algorithm) {
      case "MD5":
        return hex(value, 32) ? null : "32 hexadecimal digits";
      case "SHA-1":
        return hex(value, 40) ? null : "40 hexadecimal digits";
      case "SHA-256":
      case "SHA3-256":
        return hex(value, 64) ? null : "64 hexadecimal digits";
      case "SHA-512":
      case "SHA3-512":
        return hex(value, 128) ? null : "128 hexadecimal digits";
      case "SSDEEP":
        return value.length() <= 300 && SSDEEP.matcher(value).matches() ? null : "an SSDEEP hash (blocksize:hash:hash)";
      case "TLSH":
        return TLSH.matcher(value).matches() ? null : "a TLSH hash (70 hexadecimal digits, optionally prefixed T1)";
      default:
        return null; // custom algorithm: its format is its own
    }
  }

  private static boolean hex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  static void checkDictionaryKey(String path, String key, Problems problems) {
    boolean ok = !key.isEmpty() && key.length() <= 250;
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
    if (!ok) {
      problems.add(path, "dictionary-key",
          "dictionary keys must be 1-250 characters of a-z, A-Z, 0-9, '-' and '_' (STIX 2.1 §2.7), got " + Problems.quote(key));
    }
  }
}
