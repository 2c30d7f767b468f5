package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.Tlp;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;
import org.parley.node.store.TestObjects;

/**
 * A collection's members changed by another process on the node's database ({@code parley collection member
 * set/remove} next to a running node) take effect within the directory's change delay, on every path that reads
 * membership: TAXII reads and writes, the collections list, and the federation reads a peer party pulls with.
 */
class MemberChangeTest extends NodeFixture {
  private void inAnotherProcess(ThrowingDirectoryChange change) throws Exception {
    try (Database cli = Database.open(Database.sqliteUrl(tmp), Clock.systemUTC(), UUID::randomUUID)) {
      change.apply(cli.directory());
    }
    clock.advanceMicros(Directory.CHANGE_DELAY_SECONDS * 1_000_000L);
  }

  private interface ThrowingDirectoryChange {
    void apply(Directory d) throws Exception;
  }

  /** The deletions a peer party pulls; at a size never signed, a member gets "no cosigned checkpoint". */
  private String deletionsFeed() {
    return "/federation/v1/deletions?collection=" + coll + "&after=-1&size=999999";
  }

  @Test
  void memberRemovedByAnotherProcess_losesReadsWritesAndFederationReads_withinTheChangeDelay() throws Exception {
    seed("alice", TestObjects.indicator(1));
    assertThat(as("bob").get(objects()).status()).isEqualTo(200); // the node now holds bob's place in its cache
    assertThat(as("bob").get(deletionsFeed()).text()).startsWith("no cosigned checkpoint"); // past the member check

    inAnotherProcess(d -> d.removeMember(coll, "bob", false));

    assertThat(as("bob").get(objects()).status()).isEqualTo(404);
    assertThat(as("bob").post(objects(), TaxiiWriteTest.envelope(TaxiiWriteTest.indicator(2))).status())
        .isEqualTo(404);
    assertThat(as("bob").get("/parley/collections/").json().path("collections")).isEmpty();
    assertThat(as("bob").get(deletionsFeed()).text()).isEqualTo("no such collection visible to you\n");
    assertThat(as("carol").get(objects()).status()).isEqualTo(200); // the others keep their places
  }

  @Test
  void ceilingLoweredByAnotherProcess_hidesWhatIsAboveIt_withinTheChangeDelay() throws Exception {
    seed("alice", TestObjects.indicator(1, "2026-03-01T00:00:00.000Z", java.util.Optional.of(Tlp.AMBER)));
    assertThat(as("bob").get(objects()).json().path("objects")).hasSize(1);

    inAnotherProcess(d -> d.setMember(coll, new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.GREEN)));

    assertThat(as("bob").get(objects()).json().path("objects")).isEmpty();
  }

  @Test
  void memberAddedByAnotherProcess_readsWithinTheChangeDelay() throws Exception {
    seed("alice", TestObjects.indicator(1));
    assertThat(as("eve").get(objects()).status()).isEqualTo(404);

    inAnotherProcess(d -> d.setMember(coll, new Member("eve", Set.of(Role.READ), Tlp.GREEN)));

    assertThat(as("eve").get(objects()).json().path("objects")).hasSize(1);
  }
}
