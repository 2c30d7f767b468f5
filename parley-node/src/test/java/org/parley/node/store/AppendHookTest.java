package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendHookTest {
  /** A hook that writes what it saw, by name, into {@code seen}. */
  private static AppendHook recording(String name, List<String> seen) {
    return new AppendHook() {
      @Override
      public void accepted(Connection tx, String collectionId, List<StoredVersion> accepted) {
        seen.add(name + " accepted " + collectionId);
      }

      @Override
      public void deleted(Connection tx, String collectionId, List<StoredVersion> deleted, String party,
          long atMicros) {
        seen.add(name + " deleted " + collectionId + " by " + party);
      }
    };
  }

  @Test
  void then_passesAppendsAndDeletesToBothHooksInOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    AppendHook both = recording("log", seen).then(recording("pull", seen));

    both.accepted(null, "c", List.of());
    both.deleted(null, "c", List.of(), "A", 1);

    assertThat(seen).containsExactly("log accepted c", "pull accepted c", "log deleted c by A", "pull deleted c by A");
  }
}
