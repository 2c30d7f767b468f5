package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading an incident's victims (identities and locations it states were targeted, its producer not among them),
 * vulnerabilities ({@link IncidentVictims}) and its TLP marking ({@link IncidentMarkings}).
 */
class IncidentVictimsTest {
  private final KnowledgeBase kb = Fixtures.mini();

  @Test
  void read_aTargetsRelationshipToAnObjectTheBundleDoesNotHold_leavesItsIdentitiesVictims() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"location\",\"id\":\"" + Fixtures.id("location")
        + "\",\"country\":\"UA\"}", KnowledgeBaseTest.rel("targets", Fixtures.id("intrusion-set"),
        Fixtures.id("identity")));

    assertThat(i.unresolved()).extracting(UnresolvedEvidence::reason).noneMatch(r -> r.startsWith("not a victim"));
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
  void read_producerIdentity_isNotAVictim() {
    String me = "identity--ffffffff-0000-4000-8000-00000000000a";
    Incident i = Fixtures.incident(kb, "{\"type\":\"identity\",\"id\":\"" + me + "\",\"name\":\"CERT\"}",
        "{\"type\":\"incident\",\"id\":\"incident--ffffffff-0000-4000-8000-00000000000b\",\"name\":\"Breach\","
            + "\"created_by_ref\":\"" + me + "\"}");

    assertThat(i.unresolved()).isEmpty();
    assertThat(i.id()).isEqualTo("incident--ffffffff-0000-4000-8000-00000000000b");
    assertThat(i.name()).isEqualTo("Breach");
  }
}
