package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;

class DirectoryCacheTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void party_afterTtl_isForgotten() {
    DirectoryCache cache = new DirectoryCache(clock);
    cache.putParty("h", "alice", java.util.Optional.empty());
    assertThat(cache.party("h")).contains("alice");
    clock.advanceMicros(DirectoryCache.TTL_MILLIS * 1000);
    assertThat(cache.party("h")).isEmpty();
  }

  @Test
  void clear_dropsPartiesAndCollections() {
    DirectoryCache cache = new DirectoryCache(clock);
    cache.putParty("h", "alice", java.util.Optional.empty());
    cache.putCollection("c", new CollectionInfo("c", "t", Optional.empty(),
        new SharingAgreement(List.of(), Tlp.GREEN)));
    cache.clear();
    assertThat(cache.party("h")).isEmpty();
    assertThat(cache.collection("c")).isEmpty();
  }

  @Test
  void directory_seesTokensAndCollectionsAddedByAnotherOpeningOfTheSameDatabase(@TempDir Path dir)
      throws Exception {
    String url = Database.sqliteUrl(dir);
    try (Database node = Database.open(url, clock, UUID::randomUUID);
         Database cli = Database.open(url, clock, UUID::randomUUID)) {
      cli.directory().addParty("alice");
      assertThat(node.directory().partyOfTokenHash("h1")).isEmpty(); // a miss is not cached
      cli.directory().addTokenHash("alice", "h1");
      assertThat(node.directory().partyOfTokenHash("h1")).contains("alice");
      SharingAgreement rules = new SharingAgreement(
          List.of(new Member("alice", Set.of(Role.READ), Tlp.AMBER)), Tlp.GREEN);
      String id = cli.directory().addCollection("shared", Optional.empty(), rules);
      assertThat(node.directory().collection(id)).map(c -> c.agreement()).contains(rules);
      assertThat(node.directory().collection(id)).map(c -> c.title()).contains("shared"); // served from cache
    }
  }
}
