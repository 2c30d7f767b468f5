package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One data directory for every command: {@code --data DIR}, else {@code $PARLEY_DATA}, else {@code ./parley-data}.
 * The attribution commands once defaulted to {@code $PARLEY_DATA} or {@code ~/.parley} and the node commands to
 * {@code ./parley-data}, so {@code parley kb import FILE} then {@code parley serve} left the console without ATT&CK.
 */
class DataDirCliTest {
  @TempDir Path tmp;

  /** An ATT&CK-shaped bundle small enough to import in a moment: one technique, one group. */
  static final String BUNDLE = """
      {"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
       {"type":"attack-pattern","id":"attack-pattern--00000000-0000-4000-8000-000000000001","name":"Weaken Encryption",
        "external_references":[{"source_name":"mitre-attack","external_id":"T1600"}]},
       {"type":"intrusion-set","id":"intrusion-set--00000000-0000-4000-8000-000000000002","name":"Alpha Bear",
        "external_references":[{"source_name":"mitre-attack","external_id":"G0001"}]}]}
      """;

  private static Map<String, String> env(String parleyData) {
    Map<String, String> env = new HashMap<>();
    env.put(DataDirs.ENV, parleyData);
    env.put("HOME", "/nonexistent-home"); // nothing may land in ~/.parley
    return env;
  }

  @Test
  void kbImport_andPartyAdd_withoutDataOrParleyData_bothUseParleyDataInTheWorkingDirectory() throws Exception {
    Path bundle = Files.writeString(tmp.resolve("attack.json"), BUNDLE);

    CliTest.Run kb = CliProcess.run(tmp, env(null), List.of(), "kb", "import", bundle.toString());
    CliTest.Run party = CliProcess.run(tmp, env(null), List.of(), "party", "add", "cert-a");
    CliTest.Run settings = CliProcess.run(tmp, env(null), List.of(), "kb", "settings");

    assertThat(kb.exit()).as(kb.err()).isZero();
    assertThat(party.exit()).as(party.err()).isZero();
    assertThat(tmp.resolve("parley-data").resolve("attack-kb.json.gz")).isRegularFile();
    assertThat(tmp.resolve("parley-data").resolve("parley.db")).isRegularFile(); // what 'parley serve' opens
    assertThat(settings.out()).contains(Path.of("parley-data").resolve("attribution-settings").toString());
  }

  @Test
  void kbImport_thenTheNodeCommands_withParleyDataSet_allUseThatDirectory() throws Exception {
    Path bundle = Files.writeString(tmp.resolve("attack.json"), BUNDLE);
    Path shared = tmp.resolve("shared");
    Files.createDirectories(tmp.resolve("elsewhere"));

    CliTest.Run kb = CliProcess.run(tmp, env(shared.toString()), List.of(), "kb", "import", bundle.toString());
    CliTest.Run party = CliProcess.run(tmp.resolve("elsewhere"), env(shared.toString()), List.of(),
        "party", "add", "cert-a");
    CliTest.Run token = CliProcess.run(tmp, env(shared.toString()), List.of(), "token", "issue", "cert-a");

    assertThat(kb.exit()).as(kb.err()).isZero();
    assertThat(kb.out()).contains("into " + shared.resolve("attack-kb.json.gz"));
    assertThat(party.exit()).as(party.err()).isZero();
    assertThat(token.out()).startsWith("plt_");
    assertThat(shared.resolve("parley.db")).isRegularFile();
    assertThat(tmp.resolve("parley-data")).doesNotExist();
    assertThat(tmp.resolve("elsewhere").resolve("parley-data")).doesNotExist();
  }

  @Test
  void theRule_isDataThenParleyDataThenParleyDataInTheWorkingDirectory() {
    Path given = tmp.resolve("given");

    assertThat(DataDirs.resolve(java.util.Optional.of(given), Map.of(DataDirs.ENV, "/env"))).isEqualTo(given);
    assertThat(DataDirs.resolve(java.util.Optional.empty(), Map.of(DataDirs.ENV, "/env"))).isEqualTo(Path.of("/env"));
    assertThat(DataDirs.resolve(java.util.Optional.empty(), Map.of(DataDirs.ENV, " "))).isEqualTo(Path.of("parley-data"));
    assertThat(DataDirs.resolve(java.util.Optional.empty(), Map.of())).isEqualTo(Path.of("parley-data"));
  }
}
