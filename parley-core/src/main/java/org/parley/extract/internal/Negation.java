package org.parley.extract.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out what a report says did NOT happen, so that "no PowerShell was used" or "未发现横向移动" names no
 * technique: from a negation cue to the end of its clause ("We found no PowerShell, but ..."), and for a cue that
 * follows what it denies ("PowerShell was not observed", "横向移动未被发现") from the start of its clause to the cue.
 * Offsets are kept: the result has the input's length, negated characters replaced by spaces (a span found in the
 * result is a span of the input). Clause boundaries: , ; : . ! ? and their full-width forms, line breaks, "but",
 * "however", "whereas", "instead", "although", 但, 而是, 然而. Cue lists are small on purpose: a missed negation
 * costs one false technique, a wrong one costs a true one.
 */
public final class Negation {
  private static final String EN_BEFORE = "\\b(?:no|not|never|without|neither|nor|none of|absence of|lack of|"
      + "ruled out|didn't|doesn't|don't|wasn't|weren't|isn't|aren't|cannot|can't|unable to|unlike|rather than)\\b";
  private static final String ZH_BEFORE = "(?:没有|沒有|并未|並未|未曾|未见|未見|未发现|未發現|未使用|未观察到|未觀察到|"
      + "未检测到|未檢測到|无证据|無證據|并非|並非|排除了?)";
  // what a report says was not done, and not there: "Conti was not deployed", "Turkey was not targeted", "X was
  // ruled out", "Y is unrelated" (a first list knew six verbs only: a denied ransomware family decided attributions)
  private static final String EN_AFTER = "\\b(?:was|were|is|are|has been|have been)\\s+(?:(?:not|never)\\s+"
      + "(?:observed|seen|found|used|detected|identified|employed|confirmed|deployed|installed|delivered|executed|"
      + "dropped|leveraged|exploited|present|involved|targeted|affected|compromised|attacked|breached|related|linked|"
      + "associated|attributed)|ruled out|absent|unrelated|excluded)\\b";
  private static final String ZH_AFTER = "(?:未被|没有被|沒有被)(?:发现|發現|观察到|觀察到|使用|检测到|檢測到)";
  /** "not only", "whether or not", "if not", "no longer", "not limited to" negate nothing that is denied here. */
  private static final String EN_EXCEPTIONS = "\\b(?:not only|or not|if not|no longer|not limited to|not least|no doubt)\\b";
  private static final Pattern AFTER = Pattern.compile(EN_AFTER + "|" + ZH_AFTER,
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BEFORE = Pattern.compile(EN_BEFORE + "|" + ZH_BEFORE,
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern EXCEPTION = Pattern.compile(EN_EXCEPTIONS, Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNDARY = Pattern.compile("[,;:.!?\\n，；：。！？]|\\b(?:but|however|whereas|instead|"
      + "although|though)\\b|但|而是|然而", Pattern.CASE_INSENSITIVE);

  /** A clause is looked for within this many characters: bounded work on any input. */
  static final int MAX_CLAUSE = 200;

  private Negation() {}

  /** The text with every negated clause part replaced by spaces (same length). */
  public static String mask(String text) {
    char[] out = text.toCharArray();
    boolean[] excepted = new boolean[text.length() + 1];
    Matcher ex = EXCEPTION.matcher(text);
    while (ex.find()) {
      for (int i = ex.start(); i < ex.end(); i++) {
        excepted[i] = true;
      }
    }
    Matcher after = AFTER.matcher(text);
    while (after.find()) { // the denied thing comes first: blank from the clause start up to the cue's end
      int from = clauseStart(text, after.start());
      blank(out, from, after.end());
    }
    Matcher before = BEFORE.matcher(text);
    while (before.find()) {
      if (excepted[before.start()]) {
        continue;
      }
      blank(out, before.start(), clauseEnd(text, before.end()));
    }
    return new String(out);
  }

  /** The end of the clause that starts at {@code from}, looking at most {@link #MAX_CLAUSE} characters ahead. */
  private static int clauseEnd(String text, int from) {
    int limit = Math.min(text.length(), from + MAX_CLAUSE);
    Matcher b = BOUNDARY.matcher(text).region(from, limit);
    return b.find() ? b.start() : limit;
  }

  /** The start of the clause ending at {@code before}, at most {@link #MAX_CLAUSE} characters back. */
  private static int clauseStart(String text, int before) {
    int limit = Math.max(0, before - MAX_CLAUSE);
    Matcher b = BOUNDARY.matcher(text).region(limit, before);
    int start = limit;
    while (b.find()) {
      start = b.end();
    }
    return start;
  }

  private static void blank(char[] out, int from, int to) {
    for (int i = Math.max(0, from); i < Math.min(out.length, to); i++) {
      out[i] = ' '; // a surrogate pair becomes two spaces: the length stays
    }
  }
}
