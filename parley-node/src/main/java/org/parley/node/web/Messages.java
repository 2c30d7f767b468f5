package org.parley.node.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console's texts in every {@link Language}, read once from UTF-8 {@code messages_<tag>.properties} files
 * beside this class. Loaded explicitly rather than through {@code ResourceBundle} fallback chains, so that a
 * missing key is a test failure, never a silent English word on a Chinese page.
 */
final class Messages {
  private final Map<Language, Map<String, String>> texts;

  private Messages(Map<Language, Map<String, String>> texts) {
    this.texts = texts;
  }

  static Messages load() {
    Map<Language, Map<String, String>> all = new EnumMap<>(Language.class);
    for (Language l : Language.values()) {
      all.put(l, read(bundleName(l)));
    }
    return new Messages(all);
  }

  static String bundleName(Language l) {
    return "messages_" + l.tag().replace('-', '_') + ".properties";
  }

  private static Map<String, String> read(String name) {
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> m = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
      return Map.copyOf(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Set<String> keys(Language l) {
    return texts.get(l).keySet();
  }

  /**
   * The text of {@code key} in {@code l}, with {@code {0}}, {@code {1}}… replaced by the arguments. The result is
   * plain text, to be escaped like any other: arguments are often untrusted.
   *
   * @throws IllegalArgumentException for an unknown key, a programming error caught by the bundle tests
   */
  String get(Language l, String key, Object... args) {
    String t = texts.get(l).get(key);
    if (t == null) {
      throw new IllegalArgumentException("no message " + key + " in " + l.tag());
    }
    // One pass, so that an argument containing "{1}" is never itself substituted.
    StringBuilder b = new StringBuilder(t.length() + 32);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '{' && i + 2 < t.length() && Character.isDigit(t.charAt(i + 1)) && t.charAt(i + 2) == '}'
          && t.charAt(i + 1) - '0' < args.length) {
        b.append(args[t.charAt(i + 1) - '0']);
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
