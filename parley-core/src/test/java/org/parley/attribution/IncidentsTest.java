package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private final KnowledgeBase kb = Fixtures.mini();

  @Test
  void read_techniqueWithProducerOwnId_resolvesByAttackExternalId() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("t1059.001"));

    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.TECHNIQUE);
      assertThat(e.matches()).containsExactly(kb.techniqueByExternalId("T1059.001").orElseThrow().id());
    });
  }

  @Test
  void read_techniqueWithoutExternalId_resolvesByStixId() {
    String id = kb.techniqueByExternalId("T1600").orElseThrow().id();

    Incident i = Fixtures.incident(kb, "{\"type\":\"attack-pattern\",\"id\":\"" + id + "\",\"name\":\"w\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.matches()).containsExactly(id));
  }

  @Test
  void read_subTechniqueNewerThanTheKnowledgeBase_countsAsItsParentAndSaysSo() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T1059.010"));

    assertThat(i.unresolved()).isEmpty();
    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.matches()).containsExactly(kb.techniqueByExternalId("T1059").orElseThrow().id());
      assertThat(e.label()).contains("T1059.010 is not in the knowledge base");
    });
  }

  @Test
  void read_techniqueWithNeitherAttackIdNorKnownStixId_resolvesByItsUniqueName() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern")
        + "\",\"name\":\"weaken  ENCRYPTION\"}");

    assertThat(i.evidence()).singleElement().satisfies(e ->
        assertThat(e.matches()).containsExactly(kb.techniqueByExternalId("T1600").orElseThrow().id()));
  }

  @Test
  void read_malwareWithAttackSoftwareIdButAnotherName_resolvesByTheId() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware")
        + "\",\"name\":\"Renamed Door\",\"is_family\":true,\"external_references\":[{\"source_name\":"
        + "\"mitre-attack\",\"external_id\":\"s0001\"}]}");

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly("S0001 RedDoor");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_intrusionSetNamedInTheBundle_isListedAsAClaimAndWeighsNothing() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"intrusion-set\",\"id\":\"" + Fixtures.id("intrusion-set")
        + "\",\"name\":\"Alpha Bear\"}", Fixtures.technique("T1566"));

    assertThat(i.evidence()).hasSize(1);
    assertThat(i.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.type()).isEqualTo("intrusion-set");
      assertThat(u.reason()).contains("attribution claim");
    });
  }

  @Test
  void read_campaignNamedInTheBundle_isListedAsAClaimToo() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"campaign\",\"id\":\"" + Fixtures.id("campaign")
        + "\",\"name\":\"Operation Alpha\"}", Fixtures.technique("T1566"));

    assertThat(i.evidence()).hasSize(1);
    assertThat(i.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.type()).isEqualTo("campaign");
      assertThat(u.reason()).contains("attribution claim");
    });
  }

  @Test
  void read_malwareByAliasWithOtherCaseAndPunctuation_resolves() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("RED DOOR x"), Fixtures.tool("mimi-katz"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly("S0001 RedDoor", "S0002 Mimikatz");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_unknownItems_areListedAsUnresolvedNeverFatal() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T9999"), Fixtures.tool("NoSuchTool"),
        "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--eeeeeeee-0000-4000-8000-000000000001\",\"name\":\"own\"}",
        "{\"type\":\"indicator\",\"id\":\"indicator--eeeeeeee-0000-4000-8000-000000000002\","
            + "\"pattern\":\"[domain-name:value = 'nowhere.example']\"}");

    assertThat(i.evidence()).isEmpty();
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::type)
        .containsExactly("attack-pattern", "tool", "attack-pattern", "indicator");
  }

  @Test
  void read_novelMalware_isUnresolvedAndCountsAsNovelMalwareEvidence() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("BrandNewRAT"));

    assertThat(i.unresolved()).extracting(UnresolvedEvidence::label).containsExactly("BrandNewRAT");
    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Evidence.Kind.NOVEL_MALWARE));
  }

  @Test
  void read_malwareWithAGenericNameOrNone_isNoFamilyNobodyKnows() {
    for (String name : List.of("ransomware", "RAT", "Unknown", "webshell", "Trojan", "n/a", "custom backdoor")) {
      Incident i = Fixtures.incident(kb, Fixtures.malware(name));
      assertThat(i.evidence()).as(name).isEmpty(); // it raised an unknown actor on nothing
      assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).contains("generic name"));
    }
    Incident nameless = Fixtures.incident(kb, "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware")
        + "\",\"name\":null,\"is_family\":false}");
    assertThat(nameless.evidence()).isEmpty();
    assertThat(nameless.unresolved()).extracting(UnresolvedEvidence::label).doesNotContain("null");
  }

  @Test
  void read_twoVersionsOfAnObject_countTheLatestOnce_andARevokedOneIsListedNotUsed() {
    String id = Fixtures.id("malware");
    String v1 = "{\"type\":\"malware\",\"id\":\"" + id + "\",\"name\":\"BlueShell\",\"is_family\":true,"
        + "\"modified\":\"2020-01-01T00:00:00.000Z\"}";
    String v2 = "{\"type\":\"malware\",\"id\":\"" + id + "\",\"name\":\"RedDoor\",\"is_family\":true,"
        + "\"modified\":\"2021-01-01T00:00:00.000Z\"}";
    String revoked = "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware") + "\",\"name\":\"BlueShell\","
        + "\"is_family\":true,\"revoked\":true}";

    Incident i = Fixtures.incident(kb, v2, v1, revoked);

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.label()).contains("RedDoor"));
    assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).contains("revoked by its producer"));
  }

  @Test
  void read_confidenceOutsideZeroToHundred_isNoStatement_theDefaultCredibility_notZero() {
    String huge = Fixtures.technique("T1027").replaceFirst("}$", ",\"confidence\":9223372036854775808}");
    Incident i = Fixtures.incident(kb, huge, Fixtures.withConfidence(Fixtures.technique("T1105"), 101),
        Fixtures.withConfidence(Fixtures.technique("T1600"), -5));

    assertThat(i.evidence()).extracting(Evidence::credibility).containsOnly(Incidents.DEFAULT_CREDIBILITY);
  }

  @Test
  void read_aTargetsRelationshipToAnObjectTheBundleDoesNotHold_leavesItsIdentitiesVictims() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"location\",\"id\":\"" + Fixtures.id("location")
        + "\",\"country\":\"UA\"}", KnowledgeBaseTest.rel("targets", Fixtures.id("intrusion-set"),
        Fixtures.id("identity")));

    assertThat(i.unresolved()).extracting(UnresolvedEvidence::reason).noneMatch(r -> r.startsWith("not a victim"));
  }

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
  void read_techniqueNamedWithSeveralIds_orASlash_isTheSubTechnique() {
    String both = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"Command and Scripting Interpreter (T1059) - PowerShell (T1059.001)\"}";
    String slash = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"T1003/001 LSASS Memory\"}";
    KnowledgeBase real = Fixtures.real();

    assertThat(Fixtures.incident(real, both).evidence()).singleElement()
        .satisfies(e -> assertThat(e.label()).startsWith("T1059.001 "));
    assertThat(Fixtures.incident(real, slash).evidence()).singleElement()
        .satisfies(e -> assertThat(e.label()).startsWith("T1003.001 "));
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
  void read_confidence_becomesCredibility() {
    Incident i = Fixtures.incident(kb, Fixtures.withConfidence(Fixtures.technique("T1027"), 35),
        Fixtures.technique("T1105"));

    assertThat(i.evidence()).extracting(Evidence::credibility).containsExactly(0.35, Incidents.DEFAULT_CREDIBILITY);
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

  private static String vulnerability(String name, String cve) {
    return "{\"type\":\"vulnerability\",\"id\":\"" + Fixtures.id("vulnerability") + "\",\"name\":\"" + name + "\""
        + (cve.isEmpty() ? "" : ",\"external_references\":[{\"source_name\":\"cve\",\"external_id\":\"" + cve + "\"}]")
        + "}";
  }

  @Test
  void read_vulnerabilityAGroupIsKnownToHaveExploited_meetsThatGroup_andOthersAreListed() {
    KnowledgeBase real = Fixtures.real();
    Model m = new Model(real, ModelParams.DEFAULT);
    int apt28 = m.profiles.groupIndex.get(real.groupByExternalId("G0007").orElseThrow().id());

    Incident i = Fixtures.incident(real, vulnerability("Office EPS use-after-free", "CVE-2017-0262"),
        vulnerability("cve-2099-0001", ""), vulnerability("the VPN bug", ""));

    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.VULNERABILITY);
      assertThat(e.label()).isEqualTo("vulnerability CVE-2017-0262");
      assertThat(m.profiles.victims.get(apt28)).containsAnyElementsOf(e.matches());
    });
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::label, UnresolvedEvidence::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("CVE-2099-0001", "no group in the knowledge base is known to have exploited it"),
        org.assertj.core.groups.Tuple.tuple("the VPN bug", "no CVE id in its name or external references"));
    assertThat(AttributionEngine.create(real).attribute(i).leading().actorId()).isEqualTo("G0007");
  }

  @Test
  void read_vulnerabilityASharedIntrusionSetTargets_meetsIt() throws Exception {
    String vuln = "vulnerability--ffffffff-0000-4000-8000-000000000031";
    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"vulnerability\",\"id\":\"" + vuln + "\",\"name\":\"CVE-2023-4966\"}",
        KnowledgeBaseTest.rel("targets", kb.groupByExternalId("G0002").orElseThrow().id(), vuln)));

    Incident i = Fixtures.incident(ext, vulnerability("Citrix Bleed", "CVE-2023-4966"));

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.matches()).containsExactly(vuln));
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
  void read_markingsDefinedInTheBundle_orGranular_markTheIncident_OpenCtisAmberStrictIdToo() throws Exception {
    String openCti = "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37";
    Incident byKnownId = Fixtures.incident(kb, marked(Fixtures.malware("RedDoor"), openCti));
    assertThat(byKnownId.marking()).contains(org.parley.marking.Tlp.AMBER_STRICT);

    String own = "marking-definition--12345678-0000-4000-8000-00000000abcd"; // a producer's own id for a level
    Incident defined = Fixtures.incident(kb, "{\"type\":\"marking-definition\",\"id\":\"" + own + "\","
        + "\"name\":\"TLP:RED\",\"definition_type\":\"statement\",\"definition\":{\"statement\":\"x\"}}",
        marked(Fixtures.malware("RedDoor"), own));
    assertThat(defined.marking()).contains(org.parley.marking.Tlp.RED);

    String tlp1 = "marking-definition--abcdef00-0000-4000-8000-000000000001";
    Incident byDefinition = Fixtures.incident(kb, "{\"type\":\"marking-definition\",\"id\":\"" + tlp1 + "\","
        + "\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"amber\"}}", marked(Fixtures.malware("RedDoor"), tlp1));
    assertThat(byDefinition.marking()).contains(org.parley.marking.Tlp.AMBER);

    String fakeClear = "{\"type\":\"marking-definition\",\"id\":\"" + org.parley.marking.Tlp.RED.markingRef()
        + "\",\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"white\"},\"name\":\"TLP:CLEAR\"}";
    Incident redefined = Fixtures.incident(kb, fakeClear,
        marked(Fixtures.malware("RedDoor"), org.parley.marking.Tlp.RED.markingRef()));
    assertThat(redefined.marking()).contains(org.parley.marking.Tlp.RED); // a known id keeps its level

    String granular = Fixtures.malware("RedDoor");
    granular = granular.substring(0, granular.length() - 1) + ",\"granular_markings\":[{\"marking_ref\":\""
        + org.parley.marking.Tlp.RED.markingRef() + "\",\"selectors\":[\"name\"]}]}";
    assertThat(Fixtures.incident(kb, granular).marking()).contains(org.parley.marking.Tlp.RED);
  }

  private static String marked(String object, String ref) {
    return object.substring(0, object.length() - 1) + ",\"object_marking_refs\":[\"" + ref + "\"]}";
  }

  @Test
  void read_severalJsonDocumentsInARow_readsEveryPage_andGarbageAfterABundleIsAnError() throws Exception {
    String page1 = "{\"more\":true,\"objects\":[" + Fixtures.malware("RedDoor") + "]}";
    String page2 = "{\"more\":false,\"objects\":[" + Fixtures.technique("T1600") + "]}";

    Incident both = Incidents.read(new java.io.ByteArrayInputStream((page1 + "\n" + page2 + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb);

    assertThat(both.evidence()).hasSize(2); // the second page was dropped without a word
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream((page1 + " trailing")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("not valid JSON at line 1").hasMessageNotContaining("JsonReadFeature");
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream("{\"objects\": [\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("expected close marker for Array (opened at line: 1, column: 13)")
        .hasMessageNotContaining("REDACTED").hasMessageNotContaining("StreamReadFeature");
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream(new byte[0]), kb))
        .isInstanceOf(AttributionException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream("{\"objects\": 3}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("\"objects\" must be an array");
  }

  @Test
  void read_anObjectNamingAPropertyTwice_isListedUnread_andTheRestIsEvidence() throws Exception {
    String twice = "{\"type\":\"bundle\",\"objects\":[" + Fixtures.malware("RedDoor")
        .replaceFirst("\\{", "{\"name\":\"PlugX\",") + "," + Fixtures.technique("T1600") + "]}";

    Incident i = Incidents.read(new java.io.ByteArrayInputStream(twice.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        kb);

    assertThat(i.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.TECHNIQUE);
    assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason())
        .isEqualTo("names its property \"name\" twice: which value counts is not agreed (RFC 8259 §4), so it is not read"));
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

  @Test
  void read_victimSectorTargetedInSharedIntel_resolves() throws Exception {
    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"identity\",\"id\":\"identity--ffffffff-0000-4000-8000-000000000001\",\"name\":\"energy\","
            + "\"identity_class\":\"class\",\"sectors\":[\"energy\"]}",
        KnowledgeBaseTest.rel("targets", kb.groupByExternalId("G0001").orElseThrow().id(),
            "identity--ffffffff-0000-4000-8000-000000000001")));

    Incident i = Fixtures.incident(ext, "{\"type\":\"identity\",\"id\":\"identity--ffffffff-0000-4000-8000-000000000002\","
        + "\"name\":\"Acme Power\",\"identity_class\":\"organization\",\"sectors\":[\"Energy\"]}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Evidence.Kind.VICTIM));
  }

  @Test
  void read_victimLocationInACountryAnActorIsKnownToTarget_resolvesThroughItsRegionToo() {
    KnowledgeBase real = Fixtures.real();

    Incident i = Fixtures.incident(real, "{\"type\":\"location\",\"id\":\"location--ffffffff-0000-4000-8000-000000000003\","
        + "\"name\":\"Seoul office\",\"country\":\"KR\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.VICTIM);
      assertThat(e.label()).contains("Seoul office");
      assertThat(e.matches()).extracting(m -> real.victimMap().get(m).iterator().next())
          .contains("country:kr", "region:eastern-asia", "region:asia").doesNotContain("country:jp");
    });
  }

  @Test
  void read_techniqueNameAttackUsesTwice_isReadByItsKillChainPhaseOrElseAsTheCommonOneAndSaysSo() {
    KnowledgeBase real = Fixtures.real();
    String recon = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"Spearphishing Attachment\",\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\","
        + "\"phase_name\":\"reconnaissance\"}]}";
    String bare = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"spearphishing attachment\"}";

    Incident byPhase = Fixtures.incident(real, recon);
    Incident common = Fixtures.incident(real, bare);

    assertThat(byPhase.evidence()).singleElement().satisfies(e -> assertThat(e.label())
        .startsWith("T1598.002 ").contains("kill chain phase"));
    assertThat(common.evidence()).singleElement().satisfies(e -> assertThat(e.label())
        .startsWith("T1566.001 ").contains("T1566.001, T1598.002").contains("give the ATT&CK id"));
  }

  @Test
  void load_realBundle_keepsEachTechniquesTacticsThroughTheCompactFile() throws Exception {
    KnowledgeBase real = Fixtures.real();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    real.writeCompact(out);

    KnowledgeBase back = KnowledgeBase.read(new java.io.ByteArrayInputStream(out.toByteArray()));

    assertThat(back.techniqueByExternalId("T1566.001").orElseThrow().tactics()).containsExactly("initial-access");
    assertThat(back.techniqueByExternalId("T1078.004").orElseThrow().tactics())
        .contains("defense-evasion", "initial-access");
  }

  @Test
  void read_bundleStatingItsTargets_readsOnlyThoseAndWhereTheyAreAsVictims() {
    String victim = "identity--ffffffff-0000-4000-8000-000000000010";
    String where = "location--ffffffff-0000-4000-8000-000000000011";
    String vendor = "identity--ffffffff-0000-4000-8000-000000000012";
    String malware = Fixtures.id("malware");

    Incident i = Fixtures.incident(Fixtures.real(),
        "{\"type\":\"identity\",\"id\":\"" + victim + "\",\"name\":\"Acme Power\",\"sectors\":[\"energy\"]}",
        "{\"type\":\"location\",\"id\":\"" + where + "\",\"country\":\"UA\"}",
        "{\"type\":\"identity\",\"id\":\"" + vendor + "\",\"name\":\"Mandiant\",\"identity_class\":\"organization\","
            + "\"sectors\":[\"technology\"]}",
        "{\"type\":\"malware\",\"id\":\"" + malware + "\",\"name\":\"Industroyer\",\"is_family\":true}",
        KnowledgeBaseTest.rel("targets", malware, victim),
        KnowledgeBaseTest.rel("located-at", victim, where));

    assertThat(i.evidence()).filteredOn(e -> e.kind() == Evidence.Kind.VICTIM)
        .extracting(Evidence::objectId).containsExactlyInAnyOrder(victim, where);
    assertThat(i.unresolved()).filteredOn(u -> u.objectId().equals(vendor)).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("not one of them"));
  }

  @Test
  void read_victimsOurExtractorMarkedTargeted_areTheOnlyVictimsOfTheBundle() {
    String victim = "identity--ffffffff-0000-4000-8000-000000000015";
    String vendor = "identity--ffffffff-0000-4000-8000-000000000016";

    Incident i = Fixtures.incident(Fixtures.real(),
        "{\"type\":\"identity\",\"id\":\"" + victim + "\",\"name\":\"energy\",\"identity_class\":\"class\","
            + "\"sectors\":[\"energy\"],\"x_parley_role\":\"targeted\"}",
        "{\"type\":\"identity\",\"id\":\"" + vendor + "\",\"name\":\"Kaspersky\",\"sectors\":[\"technology\"]}");

    assertThat(i.evidence()).extracting(Evidence::objectId).containsExactly(victim);
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::objectId).containsExactly(vendor);
  }

  @Test
  void read_bundleStatingNoTargets_readsEveryIdentityButTheProducersAsAVictim() {
    String producer = "identity--ffffffff-0000-4000-8000-000000000013";

    Incident i = Fixtures.incident(Fixtures.real(),
        "{\"type\":\"identity\",\"id\":\"" + producer + "\",\"name\":\"CERT-UA\",\"sectors\":[\"government\"]}",
        "{\"type\":\"location\",\"id\":\"location--ffffffff-0000-4000-8000-000000000014\",\"country\":\"UA\","
            + "\"created_by_ref\":\"" + producer + "\"}");

    assertThat(i.evidence()).extracting(Evidence::objectId)
        .containsExactly("location--ffffffff-0000-4000-8000-000000000014");
  }

  @Test
  void read_victimIdentityNamedInChinese_resolvesByTheCountryAndSectorItsNameStates() {
    Incident i = Fixtures.incident(Fixtures.real(), "{\"type\":\"identity\","
        + "\"id\":\"identity--ffffffff-0000-4000-8000-000000000004\",\"name\":\"乌克兰外交部\","
        + "\"identity_class\":\"organization\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.matches())
        .extracting(m -> Fixtures.real().victimMap().get(m).iterator().next())
        .contains("country:ua", "region:eastern-europe", "sector:government"));
  }

  @Test
  void read_malwareNamedWithAKindOrVersion_resolvesToTheFamilyAndSaysHowItWasRead() {
    KnowledgeBase real = Fixtures.real();

    Incident i = Fixtures.incident(real, Fixtures.tool("Cobalt Strike Beacon"), Fixtures.malware("Remcos RAT"),
        Fixtures.malware("BlackEnergy 3"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "S0154 Cobalt Strike (\"Cobalt Strike Beacon\" read as \"Cobalt Strike\")",
        "S0332 Remcos (\"Remcos RAT\" read as \"Remcos\")",
        "S0089 BlackEnergy (\"BlackEnergy 3\" read as \"BlackEnergy\")");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_softwareNamedAsMalpediaOrAsAFile_resolvesAndSaysHowItWasRead() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("win.cobalt_strike"),
        Fixtures.malware("elf.bpfdoor_v2"), Fixtures.tool("mimikatz.exe"), Fixtures.tool("PsExec64.exe"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "S0154 Cobalt Strike (\"win.cobalt_strike\" read as \"cobalt strike\")",
        "elf.bpfdoor_v2", // BPFDoor is newer than v12.1: a novel family
        "S0002 Mimikatz (\"mimikatz.exe\" read as \"mimikatz\")",
        "S0029 PsExec (\"PsExec64.exe\" read as \"PsExec\")");
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::label).containsExactly("elf.bpfdoor_v2");
  }

  @Test
  void read_softwareNamedWithoutTheKindWordsOfItsAttackName_orAsAPartOrAVersionOfIt_resolves() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("gh0st"),
        Fixtures.malware("a customized version of Poison Ivy RAT"), Fixtures.tool("Impacket's wmiexec"),
        Fixtures.malware("TrickBot module"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "S0032 gh0st RAT (\"gh0st\" read as \"gh0st RAT\")",
        "S0012 PoisonIvy (\"a customized version of Poison Ivy RAT\" read as \"Poison Ivy\")",
        "S0357 Impacket (\"Impacket's wmiexec\" read as \"Impacket\")",
        "S0266 TrickBot (\"TrickBot module\" read as \"TrickBot\")");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void readings_ofASoftwareName_areItsMalpediaFileAndUnqualifiedForms() {
    assertThat(IncidentSoftware.readings("win.plugx")).containsExactly("plugx");
    assertThat(IncidentSoftware.readings("Remcos RAT.exe")).containsExactly("Remcos RAT", "Remcos");
    assertThat(IncidentSoftware.readings("Agent Tesla")).isEmpty();
  }

  @Test
  void read_subTechniqueNamedOtherwiseThanInTheKnowledgeBase_countsAsItsParentAndSaysSo() {
    Incident i = Fixtures.incident(Fixtures.real(), "{\"type\":\"attack-pattern\",\"id\":\""
        + Fixtures.id("attack-pattern") + "\",\"name\":\"Process Injection: DLL Injection\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.label())
        .isEqualTo("T1055 Process Injection (as its parent: no sub-technique \"DLL Injection\" in the knowledge base)"));
  }

  @Test
  void read_idsAttackRevoked_resolveToTheirReplacementsAndSaySo_alsoThroughTheCompactFile() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Fixtures.real().writeCompact(out);
    KnowledgeBase compact = KnowledgeBase.read(new java.io.ByteArrayInputStream(out.toByteArray()));
    String oldTechnique = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":\"x\","
        + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1073\"}]}";
    String oldSoftware = "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware") + "\",\"name\":\"Darkmoon\","
        + "\"is_family\":true,\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"S0209\"}]}";

    for (KnowledgeBase kb : List.of(Fixtures.real(), compact)) {
      Incident i = Fixtures.incident(kb, oldTechnique, oldSoftware);

      assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
          "T1574.002 DLL Side-Loading (T1073 is revoked in ATT&CK, replaced by T1574.002)",
          "S0012 PoisonIvy (S0209 is revoked in ATT&CK, replaced by S0012)");
    }
  }

  @Test
  void read_techniqueIdAttackDeprecated_isUnresolvedSayingSo_alsoThroughTheCompactFile() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Fixtures.real().writeCompact(out);
    KnowledgeBase compact = KnowledgeBase.read(new java.io.ByteArrayInputStream(out.toByteArray()));

    for (KnowledgeBase kb : List.of(Fixtures.real(), compact)) {
      Incident i = Fixtures.incident(kb, "{\"type\":\"attack-pattern\",\"id\":\""
          + Fixtures.id("attack-pattern") + "\",\"name\":\"Scripting\","
          + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1064\"}]}");

      assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason())
          .isEqualTo("deprecated in ATT&CK, without a replacement"));
    }
  }

  @Test
  void read_oneNovelFamilyWrittenThreeWays_isOneItem() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("TONESHELL"),
        Fixtures.malware("TONESHELL backdoor"), Fixtures.malware("win.toneshell"));

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.kind())
        .isEqualTo(Evidence.Kind.NOVEL_MALWARE));
    assertThat(i.unresolved()).hasSize(3);
  }

  @Test
  void withoutQualifiers_keepsTheNameAndDropsKindAndVersionWordsAroundIt() {
    assertThat(Names.withoutQualifiers("the PlugX variant v2.1")).isEqualTo("PlugX");
    assertThat(Names.withoutQualifiers("Agent Tesla")).isEqualTo("Agent Tesla");
    assertThat(Names.withoutQualifiers("RAT 2")).isEmpty();
    assertThat(Names.withoutQualifiers("a customized version of Gh0st RAT")).isEqualTo("Gh0st");
    assertThat(Names.withoutQualifiers("Impacket\u2019s wmiexec module")).isEqualTo("Impacket");
  }

  @Test
  void read_techniqueWithItsAttackIdInXMitreIdOrInItsName_resolves() {
    KnowledgeBase real = Fixtures.real();

    Incident i = Fixtures.incident(real,
        "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--ffffffff-0000-4000-8000-0000000000c1\","
            + "\"name\":\"Command shell\",\"x_mitre_id\":\"T1059.003\"}",
        "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--ffffffff-0000-4000-8000-0000000000c2\","
            + "\"name\":\"Scripts (T1059.001)\"}");

    assertThat(i.evidence()).extracting(e -> e.label().substring(0, 9)).containsExactly("T1059.003", "T1059.001");
  }

  @Test
  void read_bundleExtractedFromReportText_resolvesTheVictimsTheReportNames() throws Exception {
    String text = "Since March the group has targeted telecommunications companies in Taiwan with spearphishing.";
    var extraction = org.parley.extract.Extractor.builtIn().extract(
        org.parley.extract.Documents.ofText("report.txt", text));
    byte[] bundle = BundleReader.MAPPER.writeValueAsBytes(
        org.parley.extract.StixEvidence.bundle(extraction, java.time.Instant.parse("2024-07-01T12:00:00Z")));

    Incident i = Incidents.read(new java.io.ByteArrayInputStream(bundle), Fixtures.real());

    assertThat(i.evidence()).filteredOn(e -> e.kind() == Evidence.Kind.VICTIM).extracting(Evidence::label)
        .containsExactlyInAnyOrder("identity telecommunications sector", "location Taiwan");
  }

  @Test
  void read_victimWrittenWithNamesWhereStixWantsVocabulary_stillResolves() {
    KnowledgeBase real = Fixtures.real();

    Incident i = Fixtures.incident(real,
        "{\"type\":\"location\",\"id\":\"location--ffffffff-0000-4000-8000-0000000000d1\",\"country\":\"Ukraine\"}",
        "{\"type\":\"location\",\"id\":\"location--ffffffff-0000-4000-8000-0000000000d2\",\"region\":\"Middle East\"}",
        "{\"type\":\"identity\",\"id\":\"identity--ffffffff-0000-4000-8000-0000000000d3\",\"name\":\"Acme\","
            + "\"identity_class\":\"organization\",\"sectors\":[\"Oil & Gas\"]}");

    assertThat(i.evidence()).extracting(e -> e.matches().stream()
            .map(m -> real.victimMap().get(m).iterator().next()).toList())
        .satisfiesExactly(
            ua -> assertThat(ua).contains("country:ua"),
            me -> assertThat(me).contains("region:western-asia"),
            oil -> assertThat(oil).contains("sector:energy"));
  }

  @Test
  void read_techniqueNamedInAttacksParentColonSubForm_resolvesToThatSubTechnique() {
    Incident i = Fixtures.incident(Fixtures.real(), "{\"type\":\"attack-pattern\",\"id\":\""
        + Fixtures.id("attack-pattern") + "\",\"name\":\"Phishing: Spearphishing Attachment\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.label()).startsWith("T1566.001 "));
  }

  @Test
  void read_malwareNamedInMispGalaxyForm_resolvesByTheSoftwareIdInItsName() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("PlugX - S0013"),
        "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern")
            + "\",\"name\":\"Spearphishing Attachment - T1566.001\"}");

    assertThat(i.evidence()).extracting(e -> e.label().substring(0, 5)).containsExactly("S0013", "T1566");
  }

  @Test
  void read_producerIdentity_isNotAVictim() {
    String me = "identity--ffffffff-0000-4000-8000-00000000000a";
    Incident i = Fixtures.incident(kb, "{\"type\":\"identity\",\"id\":\"" + me + "\",\"name\":\"CERT\"}",
        "{\"type\":\"incident\",\"id\":\"incident--ffffffff-0000-4000-8000-00000000000b\",\"name\":\"Breach\","
            + "\"created_by_ref\":\"" + me + "\"}");

    assertThat(i.unresolved()).isEmpty();
    assertThat(i.id()).isEqualTo("incident--ffffffff-0000-4000-8000-00000000000b");
    assertThat(i.name()).isEqualTo("Breach");
  }

  @Test
  void read_bundleWithoutIncidentObject_isIdentifiedByTheBundle() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T1027"));

    assertThat(i.id()).isEqualTo("bundle--11111111-1111-4111-8111-111111111111");
  }

  @Test
  void read_sameTechniqueTwice_isOneItem() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T1027"), Fixtures.withConfidence(Fixtures.technique("T1027"), 95));

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.credibility()).isEqualTo(0.95));
  }

  private Incident readText(String json) throws AttributionException {
    return Incidents.read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb);
  }

  @Test
  void read_aBareArrayOfObjectsOrOneObjectAlone_isReadAsTheObjectsItHolds() throws Exception {
    String technique = Fixtures.technique("T1027");

    assertThat(readText("[" + technique + ", 7, " + Fixtures.technique("T1105") + "]").evidence()).hasSize(2);
    Incident alone = readText(technique);
    assertThat(alone.evidence()).singleElement().satisfies(e -> assertThat(e.label()).startsWith("T1027"));
  }

  @Test
  void read_anObjectThatIsNeitherABundleNorASTIXObject_orNotJsonObjects_throwsSayingWhatABundleIs() {
    assertThatThrownBy(() -> readText("{\"type\":\"bundle\",\"id\":\"bundle--1\"}"))
        .isInstanceOf(AttributionException.class).hasMessageContaining("\"objects\" array");
    assertThatThrownBy(() -> readText("{\"name\":\"x\"}")).isInstanceOf(AttributionException.class);
    assertThatThrownBy(() -> readText("\"bundle\"")).isInstanceOf(AttributionException.class)
        .hasMessageContaining("STIX 2.1 §8");
    assertThatThrownBy(() -> readText("[{\"type\":\"attack-pattern\"")).isInstanceOf(AttributionException.class);
  }

  @Test
  void read_truncatedJson_throws() {
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream("{\"objects\":[{\"type\":".getBytes(
        java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class);
  }
}
