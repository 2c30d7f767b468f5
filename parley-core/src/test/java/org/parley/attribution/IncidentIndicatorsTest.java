package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading an incident's indicators, observables and infrastructure against shared intel (their pattern values,
 * hashes, hosts and networks), and the objects it refers to by id only: sightings, reports and relationships.
 */
class IncidentIndicatorsTest {
  private final KnowledgeBase kb = Fixtures.mini();

  @Test
  void read_stix20ObservedDataWithEmbeddedObservables_readsThem() throws Exception {
    KnowledgeBase ext = kb.extendedWith(List.of("{\"type\":\"domain-name\",\"id\":\"domain-name--"
        + "bbbbbbbb-0000-4000-8000-000000000077\",\"value\":\"c2.evil.example\"}"));
    Incident i = Fixtures.incident(ext, "{\"type\":\"observed-data\",\"id\":\"" + Fixtures.id("observed-data")
        + "\",\"number_observed\":1,\"objects\":{\"0\":{\"type\":\"domain-name\",\"value\":\"c2.evil.example\"},"
        + "\"1\":{\"type\":\"file\",\"hashes\":{\"MD5\":\"d41d8cd98f00b204e9800998ecf8427e\"}}}}");

    assertThat(i.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.INFRASTRUCTURE);
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::label).contains("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void read_indicatorInSnortOrYara_isListedAsAPatternNotRead_notAsUnknownInfrastructure() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"indicator\",\"id\":\"" + Fixtures.id("indicator") + "\","
        + "\"name\":\"ET TROJAN beacon\",\"pattern_type\":\"snort\",\"pattern\":\"alert tcp any any -> any 443\"}");

    assertThat(i.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.label()).isEqualTo("ET TROJAN beacon");
      assertThat(u.reason()).isEqualTo("a snort pattern: only STIX patterns are read");
    });
  }

  @Test
  void read_indicatorOfSharedInfrastructure_resolvesToIt() throws Exception {
    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"indicator\",\"id\":\"indicator--ffffffff-0000-4000-8000-000000000001\","
            + "\"pattern\":\"[ipv4-addr:value = '203.0.113.7']\"}",
        KnowledgeBaseTest.rel("indicates", "indicator--ffffffff-0000-4000-8000-000000000001",
            kb.groupByExternalId("G0002").orElseThrow().id())));

    Incident i = Fixtures.incident(ext,
        "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--ffffffff-0000-4000-8000-000000000009\",\"value\":\"203.0.113.7\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.INFRASTRUCTURE);
      assertThat(e.matches()).containsExactly("indicator--ffffffff-0000-4000-8000-000000000001");
    });
  }

  @Test
  void read_hashIndicator_matchesSharedIntelByItsHashNotByTheQuotedAlgorithmName() throws Exception {
    String known = "a".repeat(64);
    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"indicator\",\"id\":\"indicator--ffffffff-0000-4000-8000-000000000001\","
            + "\"pattern\":\"[file:hashes.'SHA-256' = '" + known + "']\"}",
        KnowledgeBaseTest.rel("indicates", "indicator--ffffffff-0000-4000-8000-000000000001",
            kb.groupByExternalId("G0002").orElseThrow().id())));

    Incident other = Fixtures.incident(ext, "{\"type\":\"indicator\",\"id\":\""
        + Fixtures.id("indicator") + "\",\"pattern\":\"[file:hashes.'SHA-256' = '" + "b".repeat(64) + "']\"}");
    Incident same = Fixtures.incident(ext, "{\"type\":\"file\",\"id\":\"" + Fixtures.id("file")
        + "\",\"hashes\":{\"SHA-256\":\"" + known.toUpperCase(java.util.Locale.ROOT) + "\"}}");

    assertThat(other.evidence()).isEmpty();
    assertThat(other.unresolved()).singleElement().satisfies(u -> assertThat(u.label()).isEqualTo("b".repeat(64)));
    assertThat(same.evidence()).singleElement().satisfies(e ->
        assertThat(e.matches()).containsExactly("indicator--ffffffff-0000-4000-8000-000000000001"));
  }

  /** A knowledge base whose shared intel says G0002 uses a domain, a URL, an IPv4 and an IPv6 network. */
  private KnowledgeBase sharedInfrastructure() throws Exception {
    String g = kb.groupByExternalId("G0002").orElseThrow().id();
    List<String> objects = new ArrayList<>();
    String[] patterns = {"[domain-name:value = 'evil.co.uk']", "[url:value = 'https://files.example-cdn.net/a/b.php']",
        "[ipv4-addr:value = '203.0.113.0/24']", "[ipv6-addr:value = '2001:db8:77::/48']"};
    for (int k = 0; k < patterns.length; k++) {
      String id = "indicator--ffffffff-0000-4000-8000-00000000000" + (k + 1);
      objects.add("{\"type\":\"indicator\",\"id\":\"" + id + "\",\"pattern\":\"" + patterns[k] + "\"}");
      objects.add(KnowledgeBaseTest.rel("indicates", id, g));
    }
    return kb.extendedWith(objects);
  }

  private static String observable(String type, String value) {
    return "{\"type\":\"" + type + "\",\"id\":\"" + Fixtures.id(type) + "\",\"value\":\"" + value + "\"}";
  }

  @Test
  void read_infrastructureOnOrInWhatSharedIntelKnows_resolvesToItAndSaysThrough() throws Exception {
    KnowledgeBase ext = sharedInfrastructure();

    Incident i = Fixtures.incident(ext, observable("url", "http://cdn.evil.co.uk:8080/gate.php?id=1"),
        observable("domain-name", "files.example-cdn.net"), observable("ipv4-addr", "203.0.113.77"),
        observable("ipv6-addr", "2001:db8:77:1::5"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "url http://cdn.evil.co.uk:8080/gate.php?id=1 (on infrastructure known in shared intel: evil.co.uk)",
        "domain-name files.example-cdn.net (on infrastructure known in shared intel: files.example-cdn.net)",
        "ipv4-addr 203.0.113.77 (on infrastructure known in shared intel: 203.0.113.0/24)",
        "ipv6-addr 2001:db8:77:1::5 (on infrastructure known in shared intel: 2001:db8:77::/48)");
    assertThat(i.evidence()).allSatisfy(e -> assertThat(e.matches()).hasSize(1));
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_infrastructureNamedAfterAHost_meetsIndicatorsOfThatHost_andSharedInfrastructureMeetsObservables()
      throws Exception {
    KnowledgeBase ext = sharedInfrastructure();
    String shared = "infrastructure--ffffffff-0000-4000-8000-000000000041";
    KnowledgeBase more = ext.extendedWith(List.of("{\"type\":\"infrastructure\",\"id\":\"" + shared
        + "\",\"name\":\"relay.badhost.example.com\"}",
        KnowledgeBaseTest.rel("uses", kb.groupByExternalId("G0001").orElseThrow().id(), shared)));

    Incident i = Fixtures.incident(more, "{\"type\":\"infrastructure\",\"id\":\"" + Fixtures.id("infrastructure")
        + "\",\"name\":\"mail.evil.co.uk\"}", observable("domain-name", "relay.badhost.example.com"));

    assertThat(i.evidence()).extracting(Evidence::label, Evidence::matches).containsExactly(
        org.assertj.core.groups.Tuple.tuple(
            "infrastructure mail.evil.co.uk (on infrastructure known in shared intel: evil.co.uk)",
            List.of("indicator--ffffffff-0000-4000-8000-000000000001")),
        org.assertj.core.groups.Tuple.tuple("domain-name relay.badhost.example.com", List.of(shared)));
  }

  @Test
  void read_infrastructureBesideWhatSharedIntelKnows_staysUnresolved() throws Exception {
    KnowledgeBase ext = sharedInfrastructure();

    Incident i = Fixtures.incident(ext, observable("domain-name", "other.co.uk"), // same public suffix only
        observable("domain-name", "example-cdn.net"), // the parent of a known URL's host is not on it
        observable("ipv4-addr", "203.0.114.1"), observable("url", "https://evil.co.uk.attacker.example/x"),
        observable("ipv4-addr", "999.1.1.1"));

    assertThat(i.evidence()).isEmpty();
    assertThat(i.unresolved()).hasSize(5);
  }

  private static String sighting(String ref) {
    return "{\"type\":\"sighting\",\"id\":\"" + Fixtures.id("sighting") + "\",\"sighting_of_ref\":\"" + ref
        + "\",\"confidence\":70}";
  }

  @Test
  void read_sightingOfAnObjectOnlySharedIntelOrAttackHolds_isThatObjectsEvidence() throws Exception {
    KnowledgeBase ext = sharedInfrastructure();
    KnowledgeBase real = Fixtures.real();
    String wellMess = real.softwareByName("WellMess").get(0).id();

    Incident shared = Fixtures.incident(ext, sighting("indicator--ffffffff-0000-4000-8000-000000000001"),
        sighting("indicator--ffffffff-0000-4000-8000-0000000000ff"));
    Incident attack = Fixtures.incident(real, sighting(wellMess));

    assertThat(shared.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.INFRASTRUCTURE);
      assertThat(e.label()).isEqualTo("indicator evil.co.uk (sighted: the bundle refers to it by id)");
      assertThat(e.matches()).containsExactly("indicator--ffffffff-0000-4000-8000-000000000001");
      assertThat(e.credibility()).isEqualTo(0.7);
    });
    assertThat(shared.unresolved()).singleElement().satisfies(u -> assertThat(u.label())
        .isEqualTo("indicator--ffffffff-0000-4000-8000-0000000000ff"));
    assertThat(attack.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.SOFTWARE);
      assertThat(e.label()).isEqualTo("S0514 WellMess (sighted: the bundle refers to it by id)");
    });
  }

  @Test
  void read_attackObjectsAReportOrRelationshipRefersToById_areEvidence_andOtherDanglingRefsAreNot() {
    KnowledgeBase real = Fixtures.real();
    String wellMess = real.softwareByName("WellMess").get(0).id();
    String powerShell = real.techniqueByExternalId("T1059.001").orElseThrow().id();
    String phishing = real.techniqueByExternalId("T1566.001").orElseThrow().id();
    String malware = Fixtures.id("malware");

    Incident i = Fixtures.incident(real, "{\"type\":\"report\",\"id\":\"" + Fixtures.id("report")
        + "\",\"name\":\"r\",\"confidence\":60,\"object_refs\":[\"" + wellMess + "\",\"" + powerShell + "\",\""
        + Fixtures.id("identity") + "\",\"" + malware + "\"]}",
        "{\"type\":\"malware\",\"id\":\"" + malware + "\",\"name\":\"SomethingNew\",\"is_family\":true}",
        "{\"type\":\"relationship\",\"id\":\"" + Fixtures.id("relationship") + "\",\"relationship_type\":"
            + "\"uses\",\"source_ref\":\"" + malware + "\",\"target_ref\":\"" + phishing + "\"}");

    assertThat(i.evidence()).extracting(Evidence::label).containsExactlyInAnyOrder(
        "S0514 WellMess (referred to by id: the bundle does not hold it)",
        "T1059.001 PowerShell (referred to by id: the bundle does not hold it)",
        "T1566.001 Spearphishing Attachment (referred to by id: the bundle does not hold it)",
        "SomethingNew");
    assertThat(i.evidence()).filteredOn(e -> e.label().startsWith("S0514"))
        .singleElement().satisfies(e -> assertThat(e.credibility()).isEqualTo(0.6));
  }

  @Test
  void read_aReportReferringToARevokedTechniqueByItsStixId_readsItsReplacement_alsoFromTheCompactFile()
      throws Exception {
    String t1086 = "attack-pattern--f4882e23-8aa7-4b12-b28a-b349c12ee9e0"; // v12.1: revoked by T1059.001
    KnowledgeBase real = Fixtures.real();
    String report = "{\"type\":\"report\",\"id\":\"" + Fixtures.id("report") + "\",\"name\":\"r\","
        + "\"object_refs\":[\"" + t1086 + "\"]}";

    for (KnowledgeBase kb : List.of(real, KnowledgeBaseTest.roundTripped(real))) {
      assertThat(Fixtures.incident(kb, report).evidence()).singleElement().satisfies(e -> {
        assertThat(e.label()).startsWith("T1059.001 PowerShell (T1086 is revoked in ATT&CK, replaced by T1059.001)");
        assertThat(e.kind()).isEqualTo(Evidence.Kind.TECHNIQUE);
      });
    }
  }

  @Test
  void read_sightingOfAnObjectInTheBundle_addsNothingToIt() {
    String indicator = Fixtures.id("indicator");
    Incident i = Fixtures.incident(kb, "{\"type\":\"indicator\",\"id\":\"" + indicator + "\",\"pattern\":"
        + "\"[ipv4-addr:value = '198.51.100.7']\"}", sighting(indicator));

    assertThat(i.evidence()).isEmpty();
    assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.objectId()).isEqualTo(indicator));
  }

  @Test
  void patternValues_areTheComparedConstants_notQuotedPropertyNames() {
    assertThat(ArtifactValues.patternValues("[file:hashes.'SHA-256' = 'AB' OR file:hashes.MD5 != 'cd'] AND "
        + "[process:name IN ('x.exe', 'y.exe')] AND [url:value LIKE 'http://e.example/%'] AND "
        + "[windows-registry-key:values[*].'name' MATCHES '^run$']"))
        .containsExactly("ab", "cd", "x.exe", "y.exe", "http://e.example/%", "^run$");
  }

  @Test
  void patternValues_aLiteralOfAHundredThousandCharacters_andEscapes_areReadWithoutOverflowingTheStack() {
    String encoded = "A".repeat(100_000); // an encoded PowerShell command line overflowed the old regex at ~1,500
    assertThat(ArtifactValues.patternValues("[process:command_line = 'powershell -enc " + encoded + "']"))
        .singleElement().asString().hasSize("powershell -enc ".length() + encoded.length());
    assertThat(ArtifactValues.patternValues("[file:name = 'it\\'s \\\\ here'] AND [file:name = 'unterminated"))
        .containsExactly("it's \\ here");
  }
}
