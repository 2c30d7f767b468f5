package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  /** The knowledge base written to a compact file and read back. */
  static KnowledgeBase roundTripped(KnowledgeBase kb) throws Exception {
    return roundTrip(kb);
  }

  private static KnowledgeBase roundTrip(KnowledgeBase kb) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    kb.writeCompact(out);
    return KnowledgeBase.read(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void read_miniBundle_keepsGroupsSoftwareTechniquesAndCampaigns() {
    KnowledgeBase kb = Fixtures.mini();

    assertThat(kb.groups()).extracting(Group::externalId).containsExactly("G0001", "G0002", "G0003");
    assertThat(kb.groupByExternalId("g0001").orElseThrow().aliases()).contains("ALPHA");
    assertThat(kb.software()).extracting(Software::name).containsExactly("RedDoor", "Mimikatz", "BlueShell", "Orphan");
    assertThat(kb.softwareByName("Mimikatz").get(0).tool()).isTrue();
    assertThat(kb.campaigns()).singleElement().satisfies(c -> assertThat(c.attributedTo())
        .containsExactly(kb.groupByExternalId("G0003").orElseThrow().id()));
  }

  @Test
  void read_subTechnique_linksToItsParent() {
    KnowledgeBase kb = Fixtures.mini();

    Technique ps = kb.techniqueByExternalId("T1059.001").orElseThrow();

    assertThat(ps.parentId()).contains(kb.techniqueByExternalId("T1059").orElseThrow().id());
    assertThat(kb.techniqueByExternalId("T1059").orElseThrow().parentId()).isEmpty();
  }

  @Test
  void read_revokedAndDeprecatedObjects_areExcludedAndCounted() {
    KnowledgeBase kb = Fixtures.mini();

    assertThat(kb.groupByExternalId("G0099")).isEmpty();
    assertThat(kb.groupByExternalId("G0098")).isEmpty();
    assertThat(kb.relationships()).noneMatch(r -> r.targetId().equals(
        kb.techniqueByExternalId("T1600").orElseThrow().id()) && r.sourceId().endsWith("0002"));
    assertThat(kb.stats().excluded()).isEqualTo(3);
  }

  @Test
  void read_unknownTypes_areCountedAndSkipped() {
    KnowledgeBase kb = Fixtures.mini();

    assertThat(kb.stats().skipped()).containsEntry("x-mitre-analytic", 2).containsEntry("course-of-action", 1);
  }

  @Test
  void read_usesRelationship_keepsItsDescription() {
    KnowledgeBase kb = Fixtures.mini();

    assertThat(kb.relationships()).anyMatch(r -> r.type().equals("uses")
        && r.description().equals("Alpha Bear deployed RedDoor.(Citation: Alpha Report)"));
  }

  @Test
  void writeCompact_thenRead_givesTheSameKnowledge() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    KnowledgeBase back = roundTrip(kb);

    assertThat(back.groups()).containsExactlyElementsOf(kb.groups());
    assertThat(back.software()).containsExactlyElementsOf(kb.software());
    assertThat(back.techniques()).containsExactlyElementsOf(kb.techniques());
    assertThat(back.campaigns()).containsExactlyElementsOf(kb.campaigns());
    assertThat(back.relationships()).containsExactlyInAnyOrderElementsOf(kb.relationships());
  }

  @Test
  void writeCompact_ofTheV121Bundle_keepsTheVictimsAndExploitedVulnerabilitiesItsTextsState() throws Exception {
    KnowledgeBase kb = Fixtures.real();
    KnowledgeBase back = roundTrip(kb);

    assertThat(kb.victimMap().values()).anySatisfy(keys -> assertThat(keys).contains("cve:CVE-2017-0262"));
    assertThat(kb.victimMap().keySet().stream().filter(id -> id.startsWith("vulnerability--")).count())
        .isBetween(70L, 90L); // v12.1's descriptions and procedures name 81 CVEs
    assertThat(back.victimMap()).isEqualTo(kb.victimMap());
    // the mined targets relationships come back as written; subtechnique-of is rewritten from the techniques, and
    // v12.1's one from deprecated T1053.004 (a technique the KB excludes) does not
    assertThat(back.relationships()).filteredOn(r -> r.type().equals("targets"))
        .containsExactlyInAnyOrderElementsOf(kb.relationships().stream().filter(r -> r.type().equals("targets")).toList());
  }

  @Test
  void load_realV121Bundle_holdsAttackAsPublished() {
    KnowledgeBase kb = Fixtures.real();

    assertThat(kb.groupByExternalId("G0016").orElseThrow().aliases()).contains("APT29", "Cozy Bear");
    assertThat(kb.softwareByName("cobalt strike")).extracting(Software::externalId).containsExactly("S0154");
    assertThat(kb.techniqueByExternalId("T1059.001").orElseThrow().parentId())
        .contains(kb.techniqueByExternalId("T1059").orElseThrow().id());
    assertThat(kb.stats().kept("intrusion-set")).isEqualTo(kb.groups().size()).isBetween(130, 147);
    assertThat(kb.stats().excluded()).isPositive();
    assertThat(kb.stats().skipped()).containsKey("course-of-action");
  }

  @Test
  void read_relationshipsOfUnusedTypes_areCountedAsSkippedOnly() throws Exception {
    KnowledgeBase kb = Fixtures.real();
    int inBundle = 0;
    try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(Fixtures.attackBundle()))) {
      for (com.fasterxml.jackson.databind.JsonNode o : BundleReader.MAPPER.readTree(in).path("objects")) {
        inBundle += o.path("type").asText().equals("relationship") ? 1 : 0;
      }
    }

    int skippedRelationships = kb.stats().skipped().entrySet().stream()
        .filter(e -> e.getKey().startsWith("relationship:")).mapToInt(java.util.Map.Entry::getValue).sum();
    assertThat(kb.stats().skipped()).containsKeys("relationship:mitigates", "relationship:detects");
    assertThat(kb.stats().kept("relationship") + skippedRelationships).isEqualTo(inBundle); // v12.1: none revoked
  }

  @Test
  void extendedWith_sharedIntrusionSetAndInfrastructure_makesThemKnown() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    String set = "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--bbbbbbbb-0000-4000-8000-000000000001\","
        + "\"name\":\"Shared Crane\",\"aliases\":[\"Crane\"]}";
    String infra = "{\"type\":\"infrastructure\",\"id\":\"infrastructure--bbbbbbbb-0000-4000-8000-000000000002\","
        + "\"name\":\"crane c2\"}";
    String domain = "{\"type\":\"domain-name\",\"id\":\"domain-name--bbbbbbbb-0000-4000-8000-000000000003\","
        + "\"value\":\"evil.example\"}";
    String uses = rel("uses", "intrusion-set--bbbbbbbb-0000-4000-8000-000000000001",
        "infrastructure--bbbbbbbb-0000-4000-8000-000000000002");
    String consists = rel("consists-of", "infrastructure--bbbbbbbb-0000-4000-8000-000000000002",
        "domain-name--bbbbbbbb-0000-4000-8000-000000000003");

    KnowledgeBase ext = kb.extendedWith(List.of(set, infra, domain, uses, consists));

    assertThat(ext.groups()).hasSize(kb.groups().size() + 1);
    assertThat(ext.groupByExternalId("intrusion-set--bbbbbbbb-0000-4000-8000-000000000001")).isPresent();
    assertThat(ext.artifactsWithValue("EVIL.example.")).containsExactly("domain-name--bbbbbbbb-0000-4000-8000-000000000003");
    assertThat(kb.groups()).hasSize(3);
  }

  @Test
  void extendedWith_sharedCopiesOfAKnownMalwareAndGroup_areReadAsTheEntriesTheyName_notAsSecondOnes()
      throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    String copy = "malware--cccccccc-0000-4000-8000-000000000001"; // OpenCTI's own "RedDoor", no ATT&CK id
    String byAttackId = "tool--cccccccc-0000-4000-8000-000000000002"; // another producer's Mimikatz, ATT&CK id given
    String crane = "intrusion-set--cccccccc-0000-4000-8000-000000000003";
    String bear = "intrusion-set--cccccccc-0000-4000-8000-000000000004"; // "ALPHA": Alpha Bear's alias
    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"malware\",\"id\":\"" + copy + "\",\"name\":\"reddoor\",\"is_family\":true}",
        "{\"type\":\"tool\",\"id\":\"" + byAttackId + "\",\"name\":\"mimi\",\"external_references\":[{"
            + "\"source_name\":\"mitre-attack\",\"external_id\":\"S0002\"}]}",
        "{\"type\":\"intrusion-set\",\"id\":\"" + crane + "\",\"name\":\"Shared Crane\"}",
        "{\"type\":\"intrusion-set\",\"id\":\"" + bear + "\",\"name\":\"ALPHA\"}",
        rel("uses", crane, copy), rel("uses", bear, byAttackId)));

    assertThat(ext.software()).hasSameSizeAs(kb.software());
    assertThat(ext.groups()).hasSize(kb.groups().size() + 1); // Shared Crane only
    assertThat(ext.softwareById(copy).orElseThrow().externalId()).isEqualTo("S0001");
    assertThat(ext.softwareById(byAttackId).orElseThrow().externalId()).isEqualTo("S0002");
    assertThat(ext.group(bear).orElseThrow().externalId()).isEqualTo("G0001");
    Profiles p = new Profiles(ext);
    String redDoor = ext.softwareByExternalId("S0001").orElseThrow().id();
    assertThat(p.software.get(p.groupIndex.get(crane))).containsExactly(redDoor);
    assertThat(p.software.get(p.groupIndex.get(ext.groupByExternalId("G0001").orElseThrow().id())))
        .contains(ext.softwareByExternalId("S0002").orElseThrow().id());

    Incident i = Fixtures.incident(ext, "{\"type\":\"malware\",\"id\":\"" + copy + "\",\"name\":\"RedDoor\","
        + "\"is_family\":true}"); // the incident names the shared copy by its id
    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.matches()).containsExactly(redDoor));
    assertThat(roundTrip(ext).softwareById(copy).orElseThrow().externalId()).isEqualTo("S0001");
  }

  @Test
  void load_realV121Bundle_knowsWhomGroupsTargetFromTheirDescriptions() throws Exception {
    KnowledgeBase kb = Fixtures.real();

    assertThat(targets(kb, "G0094")).contains("country:kr", "sector:government"); // Kimsuky
    assertThat(targets(kb, "G0121")).contains("country:pk", "region:asia").doesNotContain("country:in"); // Sidewinder
    assertThat(targets(kb, "G0047")).contains("country:ua").doesNotContain("country:ru"); // Gamaredon Group
    KnowledgeBase back = roundTrip(kb);
    assertThat(targets(back, "G0094")).isEqualTo(targets(kb, "G0094"));
  }

  @Test
  void extendedWith_newerDescriptionOfAGroup_replacesWhatTheOlderSaidItTargets() throws Exception {
    String id = "intrusion-set--bbbbbbbb-0000-4000-8000-000000000009";
    KnowledgeBase kb = Fixtures.mini().extendedWith(List.of("{\"type\":\"intrusion-set\",\"id\":\"" + id
        + "\",\"name\":\"Crane\",\"description\":\"Crane has targeted banks in Japan.\"}"));

    KnowledgeBase newer = kb.extendedWith(List.of("{\"type\":\"intrusion-set\",\"id\":\"" + id
        + "\",\"name\":\"Crane\",\"description\":\"Crane has targeted hospitals in Brazil.\"}"));

    assertThat(targets(kb, id)).containsExactlyInAnyOrder("sector:financial-services", "country:jp");
    assertThat(targets(newer, id)).containsExactlyInAnyOrder("sector:healthcare", "country:br");
  }

  private static java.util.Set<String> targets(KnowledgeBase kb, String group) {
    String gid = kb.groupByExternalId(group).orElseThrow().id();
    java.util.Set<String> out = new java.util.TreeSet<>();
    kb.relationships().stream().filter(r -> r.type().equals("targets") && r.sourceId().equals(gid))
        .forEach(r -> out.addAll(kb.victimMap().get(r.targetId())));
    return out;
  }

  @Test
  void extendedWith_gzippedTaxiiEnvelopeFile_addsItsObjects(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path f = dir.resolve("intel.json.gz");
    try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(f))) {
      out.write(("{\"more\":false,\"objects\":[{\"type\":\"intrusion-set\",\"id\":"
          + "\"intrusion-set--bbbbbbbb-0000-4000-8000-0000000000aa\",\"name\":\"Gzip Crane\"}]}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    KnowledgeBase ext = Fixtures.mini().extendedWith(f);

    assertThat(ext.groups()).extracting(Group::name).contains("Gzip Crane");
    assertThatThrownBy(() -> Fixtures.mini().extendedWith(dir.resolve("missing.json")))
        .isInstanceOf(AttributionException.class).hasMessageContaining("missing.json");
  }

  @Test
  void extendedWith_twoVersionsOfAnObject_keepsTheLatestModified_inWhateverOrderTheyCome() throws Exception {
    String set = "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--eeeeeeee-0000-4000-8000-0000000000aa\","
        + "\"name\":\"%s\",\"modified\":\"%s\"}";

    KnowledgeBase ext = Fixtures.mini().extendedWith(List.of(String.format(set, "Delta Newer", "2024-06-01T00:00:00Z"),
        String.format(set, "Delta Older", "2023-01-01T00:00:00Z")));

    assertThat(ext.groups()).extracting(Group::name).contains("Delta Newer").doesNotContain("Delta Older");
  }

  @Test
  void extendedWith_revokedVersion_removesTheObject() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    String revoked = "{\"type\":\"intrusion-set\",\"id\":\"" + kb.groupByExternalId("G0002").orElseThrow().id()
        + "\",\"name\":\"Beta Panda\",\"revoked\":true}";

    KnowledgeBase ext = kb.extendedWith(List.of(revoked));

    assertThat(ext.groupByExternalId("G0002")).isEmpty();
  }

  @Test
  void extendedWith_markedIntel_knowsItsStrictestTlpAndKeepsItThroughTheCompactFile() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    String amber = org.parley.marking.Tlp.AMBER.markingRef();
    String red = org.parley.marking.Tlp.RED.markingRef();
    String set = "intrusion-set--eeeeeeee-0000-4000-8000-000000000001";
    String link = rel("uses", set, kb.techniqueByExternalId("T1566").orElseThrow().id());

    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"intrusion-set\",\"id\":\"" + set + "\",\"name\":\"Gamma\",\"object_marking_refs\":[\"" + amber
            + "\"]}",
        link.substring(0, link.length() - 1) + ",\"object_marking_refs\":[\"" + red + "\"]}",
        "{\"type\":\"note\",\"id\":\"note--eeeeeeee-0000-4000-8000-000000000002\",\"content\":\"x\","
            + "\"object_refs\":[\"" + set + "\"],\"object_marking_refs\":[\"" + red + "\"]}"));
    KnowledgeBase back = roundTrip(ext);

    assertThat(kb.marking()).isEmpty();
    assertThat(ext.marking()).contains(org.parley.marking.Tlp.RED);
    assertThat(back.marking()).contains(org.parley.marking.Tlp.RED);
    assertThat(back.markingMap()).hasSize(2);
  }

  @Test
  void extendedWith_markedObjectsAreNotKept_leaveTheKnowledgeBaseUnmarked() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    String red = org.parley.marking.Tlp.RED.markingRef();
    String set = "intrusion-set--eeeeeeee-0000-4000-8000-000000000003";

    KnowledgeBase ext = kb.extendedWith(List.of(
        "{\"type\":\"note\",\"id\":\"note--eeeeeeee-0000-4000-8000-000000000004\",\"content\":\"x\","
            + "\"object_refs\":[\"" + set + "\"],\"object_marking_refs\":[\"" + red + "\"]}",
        "{\"type\":\"intrusion-set\",\"id\":\"" + set + "\",\"name\":\"Delta\",\"object_marking_refs\":[\"" + red
            + "\"]}",
        "{\"type\":\"intrusion-set\",\"id\":\"" + set + "\",\"name\":\"Delta\",\"revoked\":true}"));

    assertThat(ext.marking()).isEmpty();
  }

  @Test
  void extendedWith_campaignAttributedToSharedGroup_addsTheLink() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    String campaign = "{\"type\":\"campaign\",\"id\":\"campaign--cccccccc-0000-4000-8000-000000000001\",\"name\":\"Op\"}";
    String link = rel("attributed-to", "campaign--cccccccc-0000-4000-8000-000000000001",
        kb.groupByExternalId("G0001").orElseThrow().id());

    KnowledgeBase ext = kb.extendedWith(List.of(campaign, link));

    assertThat(ext.campaign("campaign--cccccccc-0000-4000-8000-000000000001").orElseThrow().attributedTo())
        .containsExactly(kb.groupByExternalId("G0001").orElseThrow().id());
  }

  @Test
  void extendedWith_textThatIsNotAJsonObject_throws() {
    KnowledgeBase kb = Fixtures.mini();

    assertThatThrownBy(() -> kb.extendedWith(List.of("[1,2]"))).isInstanceOf(AttributionException.class);
    assertThatThrownBy(() -> kb.extendedWith(List.of("{not json"))).isInstanceOf(AttributionException.class);
  }

  @Test
  void read_notABundle_throws() {
    assertThatThrownBy(() -> KnowledgeBase.read(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(AttributionException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> KnowledgeBase.read(new ByteArrayInputStream("{\"type\":\"bundle\"}".getBytes(
        StandardCharsets.UTF_8)))).isInstanceOf(AttributionException.class).hasMessageContaining("objects");
  }

  private static int relCount;

  static String rel(String type, String source, String target) {
    return "{\"type\":\"relationship\",\"id\":\"relationship--dddddddd-0000-4000-8000-" + String.format("%012d",
        ++relCount) + "\",\"relationship_type\":\"" + type + "\",\"source_ref\":\"" + source + "\",\"target_ref\":\""
        + target + "\"}";
  }
}
