package org.parley.cli.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.Main;
import picocli.CommandLine;

class ExtractCommandTest {
  @TempDir
  Path dir;

  private String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args);
      assertThat(code).isZero();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void extract_jsonFormat_listsIndicatorsAndTechniquesWithSpans() throws Exception {
    Path f = dir.resolve("r.txt");
    Files.writeString(f, "攻击者通过鱼叉式钓鱼邮件投递载荷，C2为 45.77.12[.]9。", StandardCharsets.UTF_8);
    JsonNode out = new ObjectMapper().readTree(run("extract", f.toString(), "--format", "json"));
    assertThat(out.get("indicators").get(0).get("value").asText()).isEqualTo("45.77.12.9");
    assertThat(out.get("indicators").get(0).get("spans").get(0).get("text").asText()).isEqualTo("45.77.12[.]9");
    assertThat(out.get("techniques").get(0).get("external_id").asText()).isEqualTo("T1566.001");
  }

  @Test
  void extract_inputFormatAsTheHelpWritesIt_lowerCase_isAccepted() throws Exception {
    Path f = dir.resolve("r.html");
    Files.writeString(f, "<p>beacon to evil-update[.]com</p>", StandardCharsets.UTF_8);
    JsonNode out = new ObjectMapper().readTree(run("extract", f.toString(), "--input-format", "text", "--format",
        "json"));
    assertThat(out.get("indicators").get(0).get("value").asText()).isEqualTo("evil-update.com");
  }

  @Test
  void extract_stixFormat_emitsBundleWithReportFirst() throws Exception {
    Path f = dir.resolve("r.md");
    Files.writeString(f, "beacon to hxxps://evil-update[.]com/x", StandardCharsets.UTF_8);
    JsonNode out = new ObjectMapper().readTree(run("extract", f.toString()));
    assertThat(out.get("type").asText()).isEqualTo("bundle");
    assertThat(out.get("objects").get(0).get("type").asText()).isEqualTo("report");
  }

  @Test
  void extract_missingFile_exitsNonZeroWithMessage() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute("extract", dir.resolve("nope.txt").toString());
      assertThat(code).isEqualTo(1);
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read").contains("no such file");
  }
}
