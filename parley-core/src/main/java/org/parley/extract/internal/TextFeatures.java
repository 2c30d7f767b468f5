package org.parley.extract.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bag of features of a sentence: stemmed word unigrams and bigrams (stop words removed) plus character bigrams
 * of CJK runs. Deliberately simple and deterministic; shared by training and prediction.
 */
public final class TextFeatures {
  private TextFeatures() {}

  private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "for",
      "with", "by", "from", "as", "at", "into", "onto", "via", "is", "are", "was", "were", "be", "been", "being",
      "has", "have", "had", "do", "does", "did", "it", "its", "this", "that", "these", "those", "which", "who",
      "whom", "can", "could", "will", "would", "may", "might", "also", "such", "other", "than", "then", "their",
      "they", "them", "there", "not", "no", "but", "if", "so", "some", "any", "all", "each", "more", "most",
      "both", "after", "before", "during", "while", "when", "where", "how", "what", "about", "over", "under",
      "up", "out", "we", "our", "he", "she", "his", "her", "one", "two", "new", "following", "including",
      "include", "includes", "used", "use", "uses", "using", "utilized", "utilize", "leveraged", "leverage",
      "employed", "observed", "known", "reported", "identified", "named", "called", "s", "e", "g", "i",
      "variant", "variants", "version", "versions", "sample", "samples", "actor", "actors", "group", "groups",
      "threat", "adversary", "adversaries", "attacker", "attackers", "operator", "operators", "campaign",
      "malware", "tool", "tools", "apt", "citation", "http", "https", "www", "com");

  /** Stemmed, lower-cased word tokens (ASCII letters and digits), stop words removed. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      int s = i;
      while (i < n && isWordChar(text.charAt(i))) {
        i++;
      }
      if (i - s > 40) {
        continue;
      }
      String w = text.substring(s, i).toLowerCase(Locale.ROOT);
      if (STOP.contains(w) || w.length() < 2 || isNumber(w)) {
        continue;
      }
      out.add(stem(w));
    }
    return out;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isNumber(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A light suffix stripper (a small subset of Porter step 1): enough to join "dumps/dumped/dumping". */
  static String stem(String w) {
    int n = w.length();
    if (n > 5 && w.endsWith("ing")) {
      return w.substring(0, n - 3);
    }
    if (n > 4 && w.endsWith("ies")) {
      return w.substring(0, n - 3) + "y";
    }
    if (n > 4 && w.endsWith("ed")) {
      return w.substring(0, n - 2);
    }
    if (n > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
      return w.substring(0, n - 2);
    }
    if (n > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  /** Feature counts: unigrams, bigrams ("a_b"), CJK character bigrams ("#ab"). */
  public static Map<String, Integer> features(String text) {
    Map<String, Integer> f = new HashMap<>();
    List<String> w = words(text);
    for (int i = 0; i < w.size(); i++) {
      f.merge(w.get(i), 1, Integer::sum);
      if (i + 1 < w.size()) {
        f.merge(w.get(i) + "_" + w.get(i + 1), 1, Integer::sum);
      }
    }
    for (int i = 0; i + 1 < text.length(); i++) {
      if (isCjk(text.charAt(i)) && isCjk(text.charAt(i + 1))) {
        f.merge("#" + text.charAt(i) + text.charAt(i + 1), 1, Integer::sum);
      }
    }
    return f;
  }

  public static boolean isCjk(char c) {
    return c >= '\u4e00' && c <= '\u9fff';
  }
}
