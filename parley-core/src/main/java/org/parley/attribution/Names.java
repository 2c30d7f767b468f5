package org.parley.attribution;

import java.text.Normalizer;
import java.util.Locale;

/** Name keys: case- and punctuation-insensitive ("Cobalt Strike", "cobalt-strike" and "COBALTSTRIKE" agree). */
final class Names {
  private Names() {}

  static String key(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(n.length());
    n.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    return b.toString();
  }
}
