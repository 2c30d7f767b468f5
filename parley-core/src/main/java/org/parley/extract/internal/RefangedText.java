package org.parley.extract.internal;

/**
 * Text with defanged notation rewritten to its plain form, and the map back to the original offsets.
 *
 * <p>A unit may be empty in the output: an invisible character the scanners must not see (a soft hyphen, a zero-width
 * space) is deleted, and offsets around it still map back to the original.
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

  /**
   * True if the text wrote something inside {@code [start, end)} of the refanged text defanged: a rewritten unit lies
   * there. A deleted invisible character is not a defang (a soft hyphen in "Quarterly.docx" leaves it a file name).
   */
  public boolean rewritten(int start, int end) {
    for (int i = lastAtOrBefore(end - 1); i >= 0 && outEnd[i] > start; i--) {
      if (outEnd[i] > outStart[i]) {
        return true;
      }
    }
    return false;
  }

  /** The last unit starting at or before {@code x} (a deleted character's empty unit may share its start with the next). */
  private int lastAtOrBefore(int x) {
    int lo = 0;
    int hi = count; // answer in [lo - 1, hi - 1]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (outStart[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }
}
