package org.parley.extract;

import java.util.Locale;

/** Remarks on an indicator that a consumer should weigh; flagged indicators are kept, never silently dropped. */
public enum IndicatorFlag {
  /** RFC 1918 / RFC 4193 private address space: meaningful only inside the victim's network. */
  PRIVATE,
  /** Loopback, link-local, documentation, multicast, shared or other special-purpose ranges (RFC 6890). */
  RESERVED,
  /** The text wrote it defanged ({@code hxxp}, {@code [.]}, full-width punctuation...). */
  DEFANGED,
  /**
   * A well-known reference site (a government or CERT site, ATT&CK, a security or platform vendor's own domain) or
   * an empty file's hash: reports name these as sources far more often than as IOCs ({@code internal.WellKnown}).
   */
  WELL_KNOWN;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
