package org.parley.extract.internal;

import java.util.Arrays;

/**
 * Text with defanged notation rewritten to its plain form, and the map back to the original offsets.
 *
 * <p>Only rewritten units are recorded (sorted by output position), so memory is proportional to the number of
 * rewrites, not to the text; mapping an offset is a binary search.
 */
public final class RefangedText {
  private final String text;
  private final int[] outStart;
  private final int[] outEnd;
  private final int[] origStart;
  private final int[] origEnd;
  private final int count;

  RefangedText(String text, int[] outStart, int[] outEnd, int[] origStart, int[] origEnd, int count) {
    this.text = text;
    this.outStart = outStart;
    this.outEnd = outEnd;
    this.origStart = origStart;
    this.origEnd = origEnd;
    this.count = count;
  }

  /** The refanged text the scanners read. */
  public String text() {
    return text;
  }

  /** Original offset of refanged start offset {@code x}. */
  public int originalStart(int x) {
    int i = lastAtOrBefore(x);
    if (i < 0) {
      return x;
    }
    return x < outEnd[i] ? origStart[i] : origEnd[i] + (x - outEnd[i]);
  }

  /** Original offset of refanged (exclusive) end offset {@code e}. */
  public int originalEnd(int e) {
    int i = lastAtOrBefore(e - 1);
    if (i < 0) {
      return e;
    }
    return e <= outEnd[i] ? origEnd[i] : origEnd[i] + (e - outEnd[i]);
  }

  /** True if any rewritten unit lies inside {@code [start, end)} of the refanged text. */
  public boolean rewritten(int start, int end) {
    int i = lastAtOrBefore(end - 1);
    return i >= 0 && outEnd[i] > start;
  }

  private int lastAtOrBefore(int x) {
    int i = Arrays.binarySearch(outStart, 0, count, x);
    if (i >= 0) {
      return i;
    }
    return -i - 2;
  }
}
