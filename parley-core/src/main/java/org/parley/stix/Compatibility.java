package org.parley.stix;

/**
 * How strictly parsing reads content written before STIX 2.1 was final. {@link #STRICT} is STIX 2.1 as
 * written and is what a TAXII server must apply to what it is sent.
 */
public enum Compatibility {
  /** Every MUST rule of STIX 2.1. */
  STRICT,
  /**
   * As {@link #STRICT}, except that the properties STIX 2.1 newly requires may be absent, as in STIX 2.0
   * content: {@code spec_version} (2.0 kept it on the bundle; the object is read as 2.1),
   * {@code is_family} on malware and {@code pattern_type} on indicators. MITRE ATT&CK bundles up to v13
   * (v12.1 included) are written this way. For importing trusted knowledge bases, never for TAXII input.
   */
  TOLERATE_2_0_OMISSIONS
}
