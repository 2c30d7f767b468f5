package org.parley.extract.internal;

import java.util.Set;
import org.parley.extract.IndicatorFlag;
import org.parley.extract.IndicatorType;

/**
 * One linear pass over refanged text: cut maximal runs of token characters, trim punctuation, classify.
 * No regular expressions, so no backtracking: every character is looked at a bounded number of times
 * (tokens longer than {@link #MAX_TOKEN} are skipped whole).
 *
 * <p>This class is the scan loop; {@link Token} classifies what it cuts, with {@link UrlValues} (URLs),
 * {@link DottedValues} (e-mail and IPv4 addresses, domains, file names), {@link GluedRuns} (tokens touching letters
 * outside ASCII: internationalised names) and {@link Identifiers}, {@link Paths} for the rest.
 */
public final class IndicatorScanner {
  /** Receives each hit with its refanged offsets. */
  public interface Sink {
    void hit(IndicatorType type, String value, int start, int end, Set<IndicatorFlag> flags);
  }

  static final int MAX_TOKEN = 4096;
  private final Hosts hosts;

  public IndicatorScanner(PublicSuffixList psl) {
    this.hosts = new Hosts(psl);
  }

  public void scan(RefangedText rt, Sink sink) {
    String t = rt.text();
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (!Tokens.isToken(c)) {
        i++;
        continue;
      }
      int s = i;
      int bits = 0;
      while (i < n && Tokens.isToken(c = t.charAt(i))) {
        bits |= bitsOf(c);
        i++;
      }
      if (i - s > MAX_TOKEN) {
        continue;
      }
      if ((bits & ~LETTER) == 0 && i - s < 26 && !(i - s == 3 && t.startsWith("ASN", s))) {
        continue; // a plain word: the common case, nothing to find
      }
      i = Math.max(i, new Token(rt, s, i, sink, hosts).classify());
    }
  }

  private static final int LETTER = 1;
  private static final int OTHER = 2;

  private static int bitsOf(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? LETTER : OTHER;
  }
}
