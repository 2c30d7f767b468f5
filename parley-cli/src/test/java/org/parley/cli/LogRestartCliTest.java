package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley log restart}: says what it would do, then does it on a stopped node's data dir. */
class LogRestartCliTest {
  @TempDir Path tmp;

  @Test
  void logRestart_withoutYes_onlySaysWhatItWouldDo_thenWithYes_startsANewLogAndPrintsItsKey() throws Exception {
    Path data = tmp.resolve("data");
    CliTest.Run demo = CliTest.run("demo", "--data", data.toString(), "--port", "0", "--exit"); // 15 sample objects
    assertThat(demo.exit()).as(demo.err()).isZero();
    String oldKey = CliTest.run("log", "vkey", "--data", data.toString()).out();
    String oldRoot = root(CliTest.run("log", "show", "--data", data.toString()).out());

    CliTest.Run dry = CliTest.run("log", "restart", "--log-origin", "cert.example/parley-2", "--data", data.toString());
    CliTest.Run done = CliTest.run("log", "restart", "--log-origin", "cert.example/parley-2", "--archive",
        tmp.resolve("old").toString(), "--data", data.toString(), "--yes");
    CliTest.Run vkey = CliTest.run("log", "vkey", "--data", data.toString());
    CliTest.Run audit = CliTest.run("verify", "log", tmp.resolve("old").toString(), "--vkey", oldKey);

    assertThat(dry.exit()).isEqualTo(2);
    assertThat(dry.err()).contains("--yes").contains("Stop the node first");
    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(done.out()).contains("new log:  cert.example/parley-2 size 15").contains("(15 object versions carried)").contains("new vkey: cert.example/parley-2+");
    assertThat(done.err()).contains("audited the copy");
    assertThat(vkey.out()).startsWith("cert.example/parley-2+").isNotEqualTo(oldKey);
    assertThat(audit.exit()).as(audit.err()).isZero();
    // nothing was ever deleted: the new tree is the old one, leaf for leaf, under the new key
    assertThat(root(CliTest.run("log", "show", "--data", data.toString()).out())).isEqualTo(oldRoot);
  }

  static String root(String show) {
    return show.lines().filter(l -> l.startsWith("root:")).findFirst().orElseThrow();
  }
}
