package org.parley.attribution;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Name keys: case- and punctuation-insensitive ("Cobalt Strike", "cobalt-strike" and "COBALTSTRIKE" agree). */
final class Names {
  private Names() {}

  static String key(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(n.length());
    n.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    return b.toString();
  }

  /**
   * Words that say what kind of thing a malware is, or how a report came by it, not which it is: "Cobalt Strike
   * Beacon", "PlugX variant", "Remcos RAT", "TrickBot module", "a customized version of Gh0st RAT".
   */
  private static final Set<String> QUALIFIERS = Set.of("rat", "backdoor", "trojan", "loader", "dropper",
      "downloader", "implant", "beacon", "malware", "variant", "variants", "family", "stealer", "infostealer",
      "ransomware", "worm", "botnet", "payload", "sample", "samples", "toolkit", "framework", "webshell", "rootkit",
      "module", "modules", "plugin", "plugins", "component", "components", "tool", "utility", "script", "binary",
      "the", "a", "an", "of", "new", "modified", "custom", "customized", "customised", "updated", "version");

  /**
   * The name without leading and trailing qualifiers and version numbers ("BlackEnergy 3" → "BlackEnergy"), and
   * without a possessive owner's part ("Impacket's wmiexec" → "Impacket"); empty when nothing else is left.
   */
  static String withoutQualifiers(String name) {
    String n = name.strip();
    int possessive = n.replace('\u2019', '\'').indexOf("'s ");
    if (possessive > 0) {
      n = n.substring(0, possessive);
    }
    List<String> words = new ArrayList<>(List.of(n.split("[\\s_/()\\[\\],:;-]+")));
    words.removeIf(String::isEmpty);
    while (!words.isEmpty() && isQualifier(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    while (!words.isEmpty() && isQualifier(words.get(0))) {
      words.remove(0);
    }
    return String.join(" ", words);
  }

  private static boolean isQualifier(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return QUALIFIERS.contains(w) || w.matches("v?\\d+(\\.\\d+)*[a-z]?");
  }
}
