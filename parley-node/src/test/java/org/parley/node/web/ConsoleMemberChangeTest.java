package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;

/** A member removed by another process on the node's database loses the collection in the console too. */
class ConsoleMemberChangeTest extends ConsoleFixture {
  @Test
  void memberRemovedByAnotherProcess_losesTheCollectionInAnOpenSession_withinTheChangeDelay() throws Exception {
    WebClient bob = new WebClient(node.url());
    bob.login("bob", tokens.get("bob"));
    assertThat(bob.get("/console/collections/" + demo).statusCode()).isEqualTo(200);

    try (Database cli = Database.open(Database.sqliteUrl(tmp), Clock.systemUTC(), UUID::randomUUID)) {
      cli.directory().removeMember(demo, "bob", false);
    }
    clock.advanceMicros(Directory.CHANGE_DELAY_SECONDS * 1_000_000L);

    assertThat(bob.get("/console/collections/" + demo).statusCode()).isEqualTo(404);
    assertThat(bob.get("/console/collections/" + demo + "/objects/" + INDICATOR_ID).statusCode()).isEqualTo(404);
    assertThat(WebClient.html(bob.get("/console/collections")).text()).doesNotContain("Demo incident 2026-03");
  }
}
