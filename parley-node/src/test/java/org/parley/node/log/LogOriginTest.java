package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.store.StoreException;

/** The log's origin can be named when the log is created, and never changes afterwards. */
class LogOriginTest {
  @TempDir Path tmp;

  private NodeConfig config(String origin) {
    return NodeConfig.local(tmp).withLogOrigin(Optional.ofNullable(origin));
  }

  @Test
  void start_withALogOrigin_createsTheLogUnderIt() throws Exception {
    try (Node node = Node.start(config("cert.example/parley"))) {
      assertThat(node.log().origin()).isEqualTo("cert.example/parley");
      assertThat(node.log().verifierKey().toString()).startsWith("cert.example/parley+");
    }
  }

  @Test
  void restart_withoutAnOrigin_keepsTheOneTheLogWasCreatedWith() throws Exception {
    try (Node node = Node.start(config("cert.example/parley"))) {
      assertThat(node.log().origin()).isEqualTo("cert.example/parley");
    }
    try (Node node = Node.start(config(null))) {
      assertThat(node.log().origin()).isEqualTo("cert.example/parley");
    }
  }

  @Test
  void restart_withAnotherOrigin_refusesAndNamesTheOriginTheLogHas() throws Exception {
    try (Node node = Node.start(config(null))) {
      assertThat(node.log().origin()).startsWith("parley.invalid/");
    }

    assertThatThrownBy(() -> Node.start(config("cert.example/other"))).isInstanceOf(StoreException.class)
        .hasMessageContaining("created with origin parley.invalid/").hasMessageContaining("never changes")
        .hasMessageContaining("--log-origin parley.invalid/").hasMessageContaining("\"cert.example/other\"");
    try (Node node = Node.start(config(null))) { // the refused start changed nothing
      assertThat(node.log().origin()).startsWith("parley.invalid/");
    }
  }

  @Test
  void config_originWithASpaceOrAPlus_isRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> config("cert example/parley"));
    assertThatIllegalArgumentException().isThrownBy(() -> config("cert.example/a+b"));
    assertThatIllegalArgumentException().isThrownBy(() -> config(""));
  }
}
