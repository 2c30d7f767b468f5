package org.parley.extract;

import java.util.Locale;

/** Kinds of indicator found in report text; {@link #label()} is the name used in JSON output and golden files. */
public enum IndicatorType {
  IPV4, IPV6, DOMAIN, URL, EMAIL, MD5, SHA1, SHA256, SHA512, CVE,
  ATTACK_TECHNIQUE, ATTACK_TACTIC, ATTACK_GROUP, ATTACK_SOFTWARE, ATTACK_MITIGATION, ATTACK_CAMPAIGN,
  FILE_NAME, FILE_PATH, REGISTRY_KEY, BTC_ADDRESS, ETH_ADDRESS, XMR_ADDRESS, ASN;

  /** Lower-case, hyphenated: {@code ipv4}, {@code attack-technique}, {@code registry-key}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The type whose {@link #label()} is {@code label}. */
  public static IndicatorType fromLabel(String label) {
    for (IndicatorType t : values()) {
      if (t.label().equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown indicator type: expected one of the labels, got '" + label + "'");
  }

  /** True for ATT&CK identifiers (techniques, tactics, groups, software, mitigations, campaigns). */
  public boolean isAttackId() {
    return name().startsWith("ATTACK_");
  }
}
