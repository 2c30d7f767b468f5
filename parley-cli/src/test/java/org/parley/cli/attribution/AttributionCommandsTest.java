package org.parley.cli.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.Main;
import picocli.CommandLine;

/** The attribution commands end to end on a small ATT&CK-shaped bundle. */
class AttributionCommandsTest {
  @TempDir Path dir;

  private static final String BUNDLE = """
      {"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
       {"type":"attack-pattern","id":"attack-pattern--00000000-0000-4000-8000-000000000001","name":"Weaken Encryption",
        "external_references":[{"source_name":"mitre-attack","external_id":"T1600"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-000000000002","name":"Alpha Bear",
        "aliases":["Alpha Bear"],"external_references":[{"source_name":"mitre-attack","external_id":"G0001"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-000000000003","name":"Beta Panda",
        "external_references":[{"source_name":"mitre-attack","external_id":"G0002"}]},
       {"type":"malware","id":"malware--00000000-0000-4000-8000-000000000004","name":"RedDoor","is_family":true,
        "external_references":[{"source_name":"mitre-attack","external_id":"S0001"}]},
       {"type":"relationship","id":"relationship--00000000-0000-4000-8000-000000000005","relationship_type":"uses",
        "source_ref":"intrusion-set--00000000-0000-4000-8000-000000000002",
        "target_ref":"malware--00000000-0000-4000-8000-000000000004"},
       {"type":"x-mitre-analytic","id":"x-mitre-analytic--00000000-0000-4000-8000-000000000006"}]}
      """;
  private static final String CASE = """
      {"type":"bundle","id":"bundle--00000000-0000-4000-8000-00000000000a","objects":[
       {"type":"incident","id":"incident--00000000-0000-4000-8000-00000000000b","name":"Breach <b>"},
       {"type":"malware","id":"malware--00000000-0000-4000-8000-00000000000c","name":"red-door","is_family":true},
       {"type":"tool","id":"tool--00000000-0000-4000-8000-00000000000d","name":"UnknownTool"}]}
      """;

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args);
      assertThat(code).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eval_withoutAKnowledgeBaseOrAnAttackBundleAtHand_saysWhatToDoWithoutAStackTrace() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = Main.commandLine();
    cl.setErr(new java.io.PrintWriter(err, true));
    var finder = KbFiles.attackBundle;
    KbFiles.attackBundle = Optional::empty;
    try {
      int code = cl.execute("eval", dir.toString(), "--data", dir.resolve("empty").toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).startsWith("parley: no knowledge base at").contains("parley kb import")
          .doesNotContain("\tat ");
    } finally {
      KbFiles.attackBundle = finder;
    }
  }

  @Test
  void attribute_withNothingImported_usesTheAttackBundleAtHand_andSaysSo() throws Exception {
    Path bundle = Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Path incident = Files.writeString(dir.resolve("case.json"), CASE);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    var finder = KbFiles.attackBundle;
    KbFiles.attackBundle = () -> Optional.of(bundle);
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    String out;
    try {
      out = run("attribute", incident.toString(), "--data", dir.resolve("empty").toString(), "--format", "json");
    } finally {
      System.setErr(oldErr);
      KbFiles.attackBundle = finder;
    }

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no knowledge base imported in")
        .contains("using the ATT&CK bundle " + bundle);
    assertThat(out).contains("\"hypotheses\"").contains("G0001");
  }

  @Test
  void attribute_withAnIncidentGivenAsTheKnowledgeBase_refusesIt_andABadIntelFileIsNamed() throws Exception {
    Path incident = Files.writeString(dir.resolve("case.json"), CASE);
    Path kb = Files.writeString(dir.resolve("kb.json"), BUNDLE);
    Path intel = Files.writeString(dir.resolve("intel.json"), "{\"objects\": [ {\"type\": ");
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = Main.commandLine();
    cl.setErr(new java.io.PrintWriter(err, true));

    assertThat(cl.execute("attribute", incident.toString(), "--kb", incident.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("holds no ATT&CK technique and no intrusion set").contains("--intel");

    assertThat(cl.execute("attribute", incident.toString(), "--kb", kb.toString(), "--intel", intel.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("--intel " + intel + ": ").doesNotContain("\tat ");
  }

  @Test
  void kbImport_thenAttributeWithTheDataDir_readsTheCompactKnowledgeBase() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Files.writeString(dir.resolve("case.json"), CASE);

    String imported = run("kb", "import", dir.resolve("attack.json").toString(), "--data", dir.resolve("data").toString());
    String json = run("attribute", dir.resolve("case.json").toString(), "--data", dir.resolve("data").toString(),
        "--format", "json");

    assertThat(imported).contains("2 groups").contains("x-mitre-analytic=1");
    assertThat(Files.exists(dir.resolve("data").resolve(KbFiles.FILE))).isTrue();
    JsonNode j = new ObjectMapper().readTree(json);
    assertThat(j.get("hypotheses").get(0).get("external_id").asText()).isEqualTo("G0001");
    assertThat(j.get("unresolved_evidence").get(0).get("label").asText()).isEqualTo("UnknownTool");
  }

  @Test
  void attribute_htmlInTraditionalChinese_escapesTheIncidentName() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Files.writeString(dir.resolve("case.json"), CASE);

    String html = run("attribute", dir.resolve("case.json").toString(), "--kb", dir.resolve("attack.json").toString(),
        "--format", "html", "--lang", "zh-Hant");

    assertThat(html).contains("lang=\"zh-Hant\"").contains("Breach &lt;b&gt;").doesNotContain("<b>");
  }

  /** attack.json beside cases/ holding CASE as c1, labelled G0001. */
  private Path oneLabelledCase() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Path cases = Files.createDirectories(dir.resolve("cases"));
    Files.writeString(cases.resolve("c1.json"), CASE);
    Files.writeString(cases.resolve("labels.csv"), "case,actor\nc1,G0001\n");
    return cases;
  }

  @Test
  void eval_jsonOutput_hasTheDocumentedKeys() throws Exception {
    Path cases = oneLabelledCase();

    for (String method : new String[] {"ach", "tfidf"}) {
      JsonNode j = new ObjectMapper().readTree(run("eval", cases.toString(), "--kb",
          dir.resolve("attack.json").toString(), "--method", method, "--json"));

      assertThat(j.fieldNames()).toIterable().contains("top1", "top3", "mrr", "unknown_precision", "unknown_recall",
          "brier", "cases", "results", "calibration", "unknown_calibration", "unknown_ece");
      assertThat(j.get("cases").asInt()).isEqualTo(1);
      assertThat(j.get("top1").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void eval_showsEachActorsFiguresByName_andWhichActorWasTakenForWhich() throws Exception {
    Path cases = oneLabelledCase();
    Files.writeString(cases.resolve("c2.json"), CASE);
    Files.writeString(cases.resolve("c3.json"), CASE);
    Files.writeString(cases.resolve("labels.csv"), "case,actor\nc1,G0001\nc2,G0002\nc3,G0002\n");
    String kb = dir.resolve("attack.json").toString();

    String text = run("eval", cases.toString(), "--kb", kb);
    JsonNode j = new ObjectMapper().readTree(run("eval", cases.toString(), "--kb", kb, "--json"));

    assertThat(text).contains("by actor (2 actors, most cases first")
        .containsPattern("G0002 Beta Panda +2 cases  top-1 0.00  top-3 1.00  most often named instead: G0001 Alpha"
            + " Bear \\(2\\)")
        .containsPattern("G0001 Alpha Bear +1 cases  top-1 1.00")
        .contains("G0002 Beta Panda -> G0001 Alpha Bear: 2 cases");
    JsonNode first = j.get("by_actor").get(0);
    assertThat(first.get("actor").asText()).isEqualTo("G0002");
    assertThat(first.get("name").asText()).isEqualTo("Beta Panda");
    assertThat(first.get("cases").asInt()).isEqualTo(2);
    assertThat(first.get("most_often_instead").asText()).isEqualTo("G0001");
    assertThat(j.get("by_actor").get(1).get("most_often_instead").isNull()).isTrue();
    assertThat(j.get("confusions")).hasSize(1);
    assertThat(j.get("confusions").get(0).get("predicted").asText()).isEqualTo("G0001");
    assertThat(j.get("confusions").get(0).get("cases").asInt()).isEqualTo(2);
  }

  @Test
  void eval_withATfidfBaseline_addsItsFiguresAndTheComparisonFromTheSameRun() throws Exception {
    Path cases = oneLabelledCase();

    JsonNode j = new ObjectMapper().readTree(run("eval", cases.toString(), "--kb", dir.resolve("attack.json").toString(),
        "--baseline", "tfidf", "--json"));
    String text = run("eval", cases.toString(), "--kb", dir.resolve("attack.json").toString(), "--baseline", "tfidf");

    assertThat(j.get("method").asText()).isEqualTo("ach");
    assertThat(j.get("top1").asDouble()).isEqualTo(1.0);
    assertThat(j.get("baseline").get("method").asText()).isEqualTo("tfidf");
    assertThat(j.get("baseline").has("top1")).isTrue();
    assertThat(j.get("versus_baseline").get("mcnemar_p").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("versus_baseline").has("ahead")).isTrue();
    assertThat(text).contains("ach against tfidf (same 1 cases, same run)").contains("exact McNemar p");
  }

  @Test
  void attribute_unknownShareOutsideZeroToOne_saysWhatItMustBe() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Files.writeString(dir.resolve("case.json"), CASE);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.commandLine().execute("attribute", dir.resolve("case.json").toString(), "--kb",
          dir.resolve("attack.json").toString(), "--unknown-share", "1.5");
    } finally {
      System.setErr(old);
    }

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--unknown-share must be between 0 and 1");
  }

  @Test
  void kbSettings_unknownShare_isWhatAttributeOnThatDataDirAssumes() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Files.writeString(dir.resolve("case.json"), CASE);
    Path data = dir.resolve("data");
    run("kb", "import", dir.resolve("attack.json").toString(), "--data", data.toString());

    String set = run("kb", "settings", "--data", data.toString(), "--unknown-share", "0.5");
    JsonNode j = new ObjectMapper().readTree(run("attribute", dir.resolve("case.json").toString(), "--data",
        data.toString(), "--format", "json"));
    JsonNode overridden = new ObjectMapper().readTree(run("attribute", dir.resolve("case.json").toString(), "--data",
        data.toString(), "--format", "json", "--unknown-share", "0.2"));

    assertThat(set).contains("unknown share 0.500");
    assertThat(j.get("unknown_share").asDouble()).isEqualTo(0.5);
    assertThat(overridden.get("unknown_share").asDouble()).isEqualTo(0.2);
  }

  @Test
  void attribute_stixFormat_printsABundleReferringToTheIncident() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Files.writeString(dir.resolve("case.json"), CASE);

    JsonNode b = new ObjectMapper().readTree(run("attribute", dir.resolve("case.json").toString(), "--kb",
        dir.resolve("attack.json").toString(), "--format", "stix"));

    assertThat(b.get("objects").get(2).get("object_refs").get(0).asText())
        .isEqualTo("incident--00000000-0000-4000-8000-00000000000b");
  }

  @Test
  void attribute_withSharedIntel_knowsTheGroupAPeerSharedAndSaysWhatItAdded() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    Files.writeString(dir.resolve("intel.json"), """
        {"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000e0","objects":[
         {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-0000000000e1","name":"Harbor Lantern",
          "description":"Harbor Lantern has targeted port operators in Singapore."},
         {"type":"malware","id":"malware--00000000-0000-4000-8000-0000000000e2","name":"TideLoader","is_family":true},
         {"type":"relationship","id":"relationship--00000000-0000-4000-8000-0000000000e3","relationship_type":"uses",
          "source_ref":"intrusion-set--00000000-0000-4000-8000-0000000000e1",
          "target_ref":"malware--00000000-0000-4000-8000-0000000000e2"}]}
        """);
    Files.writeString(dir.resolve("case.json"), """
        {"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000f0","objects":[
         {"type":"malware","id":"malware--00000000-0000-4000-8000-0000000000f1","name":"TideLoader","is_family":true},
         {"type":"location","id":"location--00000000-0000-4000-8000-0000000000f2","country":"SG"}]}
        """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    JsonNode j;
    try {
      j = new ObjectMapper().readTree(run("attribute", dir.resolve("case.json").toString(), "--kb",
          dir.resolve("attack.json").toString(), "--intel", dir.resolve("intel.json").toString(), "--format", "json"));
    } finally {
      System.setErr(old);
    }

    assertThat(j.get("hypotheses").get(0).get("name").asText()).isEqualTo("Harbor Lantern");
    assertThat(j.get("unresolved_evidence")).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("shared intel " + dir.resolve("intel.json") + ": +1 groups, +0 campaigns, +1 software");
  }

  @Test
  void attribute_dashReadsTheIncidentFromStdin_asAPipeFromExtractWould() throws Exception {
    Files.writeString(dir.resolve("attack.json"), BUNDLE);
    java.io.InputStream old = System.in;
    System.setIn(new java.io.ByteArrayInputStream(CASE.getBytes(StandardCharsets.UTF_8)));
    JsonNode j;
    try {
      j = new ObjectMapper().readTree(run("attribute", "-", "--kb", dir.resolve("attack.json").toString(),
          "--format", "json"));
    } finally {
      System.setIn(old);
    }

    assertThat(j.get("hypotheses").get(0).get("external_id").asText()).isEqualTo("G0001");
  }
}
