package org.parley.extract.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds many fixed terms in one pass (a character trie walked from each position; terms are short, so the walk
 * is bounded). Latin-script terms match case-insensitively on whole words; CJK terms match anywhere.
 */
public final class TermMatcher<T> {
  /** One occurrence. */
  public record Hit<T>(int start, int end, T value) {}

  private static final class Node<T> {
    final Map<Character, Node<T>> next = new HashMap<>(4);
    T value;
  }

  private final Node<T> root = new Node<>();
  private int longest;

  public void add(String term, T value) {
    Node<T> n = root;
    for (int i = 0; i < term.length(); i++) {
      n = n.next.computeIfAbsent(fold(term.charAt(i)), c -> new Node<>());
    }
    if (n.value == null) {
      n.value = value;
    }
    longest = Math.max(longest, term.length());
  }

  private static char fold(char c) {
    return Character.toLowerCase(c);
  }

  /** Longest match at each position, left to right, non-overlapping. */
  public List<Hit<T>> find(CharSequence text, int from, int to) {
    List<Hit<T>> hits = new ArrayList<>();
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      boolean wordStart = i == from || !isAsciiWord(text.charAt(i - 1)) || !isAsciiWord(c);
      Node<T> n = wordStart ? root.next.get(fold(c)) : null;
      int bestEnd = -1;
      T best = null;
      int j = i + 1;
      while (n != null) {
        if (n.value != null && (j == to || !isAsciiWord(text.charAt(j)) || !isAsciiWord(text.charAt(j - 1)))) {
          bestEnd = j;
          best = n.value;
        }
        if (j >= to || j - i >= longest) {
          break;
        }
        n = n.next.get(fold(text.charAt(j)));
        j++;
      }
      if (best != null) {
        hits.add(new Hit<>(i, bestEnd, best));
        i = bestEnd;
      } else {
        i++;
      }
    }
    return hits;
  }

  private static boolean isAsciiWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
