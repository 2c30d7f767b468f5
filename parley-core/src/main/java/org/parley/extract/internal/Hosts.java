package org.parley.extract.internal;

import java.util.Locale;
import java.util.Set;
import org.parley.extract.IndicatorFlag;

/** Host names as {@link IndicatorScanner} judges them: LDH labels under a registrable public suffix. */
final class Hosts {
  private final PublicSuffixList psl;

  Hosts(PublicSuffixList psl) {
    this.psl = psl;
  }

  /** A dotted-quad address or a domain. */
  boolean validHost(String host) {
    return Addresses.parseIpv4(host, 0, host.length()) >= 0 || isDomain(host);
  }

  /** RFC 1035 §2.3.1 labels (letters, digits, inner hyphens, 1–63 each, 253 in all) under a registrable suffix. */
  boolean isDomain(String host) {
    if (host.length() > 253 || host.indexOf('.') <= 0) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= host.length(); i++) {
      if (i == host.length() || host.charAt(i) == '.') {
        int len = i - labelStart;
        if (len < 1 || len > 63 || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
        continue;
      }
      char c = host.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return psl.isRegistrable(host);
  }

  /**
   * "System.IO" and "Foo.Bar.Net" are .NET names, not domains; real domains are rarely capitalised so. A host in
   * capitals throughout ("UPDATE.MICROSOFT-CDN.ORG", as some advisories print their IOCs) is a domain: .NET names
   * are written in PascalCase.
   */
  static boolean plausibleCase(String host) {
    if (host.chars().allMatch(c -> c < 128) && host.chars().noneMatch(Character::isLowerCase)
        && host.chars().anyMatch(Character::isUpperCase) && host.indexOf('.') > 0) { // ASCII: "GRÖSSE.DE" is a word
      return true;
    }
    String tld = host.substring(host.lastIndexOf('.') + 1);
    for (int i = 0; i < tld.length(); i++) {
      if (Character.isUpperCase(tld.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 2606 §3: example.com/.net/.org are reserved for documentation. */
  static Set<IndicatorFlag> reservedFlags(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("example.com") || h.endsWith(".example.com") || h.equals("example.net")
        || h.endsWith(".example.net") || h.equals("example.org") || h.endsWith(".example.org")) {
      return Set.of(IndicatorFlag.RESERVED);
    }
    return Set.of();
  }
}
