package org.parley.extract.internal;

import java.util.Locale;
import java.util.Set;
import org.parley.extract.IndicatorType;

/**
 * Values reports name as sources, references or tools far more often than as indicators of compromise: government
 * and national CERT sites, standards bodies, ATT&CK, security vendors' and platform vendors' own domains, and the
 * hashes of an empty file. They are kept and flagged {@code well-known}, never dropped: a domain of a vendor can be
 * abused too (a consumer decides), but an advisory's "see https://www.cisa.gov/…" is not an IOC of the incident.
 * Code and file hosts (github.com, pastebin.com, cloud storage) are deliberately absent: attackers host payloads
 * there, and a URL on them is often the indicator.
 */
public final class WellKnown {
  private WellKnown() {}

  /** Registrable domains (and their subdomains) of reference sites. */
  private static final Set<String> REFERENCE_DOMAINS = Set.of(
      // governments, CERTs, standards bodies
      "cisa.gov", "us-cert.gov", "nist.gov", "fbi.gov", "ic3.gov", "nsa.gov", "ncsc.gov.uk", "cert.europa.eu",
      "enisa.europa.eu", "bsi.bund.de", "cert.org.cn", "cnvd.org.cn", "cnnvd.org.cn", "twcert.org.tw",
      "nics.nat.gov.tw", "jpcert.or.jp", "krcert.or.kr", "auscert.org.au", "cyber.gov.au", "cyber.gc.ca",
      "first.org", "cve.org", "mitre.org", "oasis-open.org", "ietf.org", "rfc-editor.org", "iana.org", "w3.org",
      // platform and security vendors' own sites
      "microsoft.com", "msrc.microsoft.com", "apple.com", "google.com", "cloud.google.com", "mozilla.org",
      "cisco.com", "talosintelligence.com", "paloaltonetworks.com", "fortinet.com", "fortiguard.com", "citrix.com",
      "vmware.com", "broadcom.com", "ivanti.com", "oracle.com", "adobe.com", "kaspersky.com", "securelist.com",
      "crowdstrike.com", "mandiant.com", "fireeye.com", "eset.com", "welivesecurity.com", "trendmicro.com",
      "sophos.com", "symantec.com", "checkpoint.com", "recordedfuture.com", "proofpoint.com", "virustotal.com",
      "qianxin.com", "threatbook.cn", "360.cn", "360.net", "antiy.com", "nsfocus.com", "venustech.com.cn",
      // references
      "wikipedia.org", "attack.mitre.org", "exploit-db.com", "nvd.nist.gov");

  /** MD5, SHA-1 and SHA-256 of zero bytes: a file that is empty, not a sample. */
  private static final Set<String> EMPTY_FILE_HASHES = Set.of("d41d8cd98f00b204e9800998ecf8427e",
      "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  /** Whether the indicator is a well-known reference site (domain, URL or e-mail on it) or an empty file's hash. */
  public static boolean is(IndicatorType type, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    String host = switch (type) {
      case DOMAIN -> v;
      case URL -> {
        int scheme = v.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        int end = from;
        while (end < v.length() && "/?#:".indexOf(v.charAt(end)) < 0) {
          end++;
        }
        String authority = v.substring(from, end);
        yield authority.substring(authority.lastIndexOf('@') + 1);
      }
      case EMAIL -> v.substring(v.lastIndexOf('@') + 1);
      case MD5, SHA1, SHA256 -> null;
      default -> "";
    };
    if (host == null) {
      return EMPTY_FILE_HASHES.contains(v);
    }
    for (String h = host; !h.isEmpty(); h = h.indexOf('.') < 0 ? "" : h.substring(h.indexOf('.') + 1)) {
      if (REFERENCE_DOMAINS.contains(h)) {
        return true;
      }
    }
    return false;
  }
}
