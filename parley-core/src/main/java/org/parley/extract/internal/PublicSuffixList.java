package org.parley.extract.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Mozilla's Public Suffix List (ICANN section), per the algorithm at https://publicsuffix.org/list/: the
 * matching rule with most labels wins, exception rules ({@code !}) beat wildcards ({@code *}), and an unlisted
 * TLD is not a suffix at all (we deliberately do not apply the implicit "*" rule: a token ending in an unknown
 * TLD such as {@code .exe} is not a domain).
 */
public final class PublicSuffixList {
  private static final String RESOURCE = "/org/parley/extract/public_suffix_list.dat";
  private static volatile PublicSuffixList bundled;

  private final Set<String> rules = new HashSet<>();
  private final Set<String> wildcards = new HashSet<>();
  private final Set<String> exceptions = new HashSet<>();

  /** The list shipped in the jar, loaded once. */
  public static PublicSuffixList bundled() {
    PublicSuffixList p = bundled;
    if (p == null) {
      synchronized (PublicSuffixList.class) {
        if (bundled == null) {
          try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE);
            }
            bundled = parse(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        p = bundled;
      }
    }
    return p;
  }

  static PublicSuffixList parse(InputStream in) throws IOException {
    PublicSuffixList p = new PublicSuffixList();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      line = line.strip();
      if (line.startsWith("// ===END ICANN DOMAINS===")) {
        break;
      }
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      // An internationalised suffix ("рф", "中国") is kept as its A-label (RFC 5890): hosts are checked in that form.
      if (!isAscii(line)) {
        try {
          line = java.net.IDN.toASCII(line, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
          continue;
        }
      }
      if (line.startsWith("!")) {
        p.exceptions.add(line.substring(1));
      } else if (line.startsWith("*.")) {
        p.wildcards.add(line.substring(2));
      } else {
        p.rules.add(line);
      }
    }
    return p;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * Number of labels of the public suffix of {@code host} (lower-case, no trailing dot), or 0 if its TLD is
   * not on the list.
   */
  public int suffixLabels(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    int labels = 1;
    for (int i = 0; i < h.length(); i++) {
      if (h.charAt(i) == '.') {
        labels++;
      }
    }
    // walk from the longest candidate suffix to the shortest; the first (longest) match wins
    int pos = -1;
    for (int k = labels; k >= 1; k--) {
      String suffix = h.substring(pos + 1);
      if (exceptions.contains(suffix)) {
        return k - 1;
      }
      if (rules.contains(suffix)) {
        return k;
      }
      int dot = suffix.indexOf('.');
      if (dot > 0 && wildcards.contains(suffix.substring(dot + 1))) {
        return k;
      }
      pos = h.indexOf('.', pos + 1);
      if (pos < 0) {
        break;
      }
    }
    return 0;
  }

  /** True if {@code host} has a listed public suffix and at least one label in front of it. */
  public boolean isRegistrable(String host) {
    int labels = 1;
    for (int i = 0; i < host.length(); i++) {
      if (host.charAt(i) == '.') {
        labels++;
      }
    }
    int s = suffixLabels(host);
    return s > 0 && labels > s;
  }
}
