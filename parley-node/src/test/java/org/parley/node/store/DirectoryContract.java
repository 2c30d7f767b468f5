package org.parley.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;

/**
 * The directory's part of the storage contract (parties, tokens, collections and their members) and the fixture
 * of the whole contract: a store with alice (read, write, admin up to RED) and bob (read, write up to AMBER) in one
 * collection. {@link StoreContract} adds the objects; both run against SQLite and a real PostgreSQL.
 */
abstract class DirectoryContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final MutableClock clock = new MutableClock(T0);
  final AtomicReference<AppendHook> hook = new AtomicReference<>(AppendHook.NONE);
  Database db;
  Directory dir;
  ObjectStore store;
  String coll;

  abstract String url() throws Exception;

  abstract void dispose() throws Exception;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(url(), clock, UUID::randomUUID);
    dir = db.directory();
    store = db.objects((tx, c, rows) -> hook.get().accepted(tx, c, rows));
    dir.addParty("alice");
    dir.addParty("bob");
    coll = dir.addCollection("shared", Optional.empty(), new SharingAgreement(List.of(
        new Member("alice", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED),
        new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.AMBER)), Tlp.GREEN));
  }

  @AfterEach
  void close() throws Exception {
    db.close();
    dispose();
  }

  @Test
  void directory_partiesTokensCollections_roundTrip() throws Exception {
    dir.addTokenHash("alice", "h1");

    assertThat(dir.parties()).containsExactly("alice", "bob");
    assertThat(dir.partyOfTokenHash("h1")).contains("alice");
    assertThat(dir.partyOfTokenHash("h2")).isEmpty();
    CollectionInfo info = dir.collection(coll).orElseThrow();
    assertThat(info.agreement().member("bob").orElseThrow().ceiling()).isEqualTo(Tlp.AMBER);
    assertThat(info.agreement().unmarkedAs()).isEqualTo(Tlp.GREEN);
    assertThat(dir.collections()).extracting(CollectionInfo::id).containsExactly(coll);
    assertThat(dir.collection("nope")).isEmpty();
  }

  @Test
  void directory_invalidChanges_throwAndChangeNothing() throws Exception {
    assertThatThrownBy(() -> dir.addParty("alice")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> dir.addTokenHash("carol", "h")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> dir.addCollection("x", Optional.empty(), new SharingAgreement(
        List.of(new Member("carol", Set.of(Role.READ), Tlp.RED)), Tlp.GREEN))).isInstanceOf(StoreException.class);
    assertThat(dir.collections()).hasSize(1);
  }

  @Test
  void settingOrInit_keepsTheFirstValue() throws Exception {
    assertThat(dir.settingOrInit("k", "v1")).isEqualTo("v1");
    assertThat(dir.settingOrInit("k", "v2")).isEqualTo("v1");
  }

  @Test
  void partyInfos_countOnlyLiveTokens_andSayWhenEachPartyWasAdded() throws Exception {
    dir.addTokenHash("alice", "h1");
    dir.addTokenHash("alice", "h2");
    dir.addTokenHash("alice", "h3");
    dir.revokeTokens("alice", Optional.of("h1"));

    assertThat(dir.partyInfos()).containsExactly(new PartyInfo("alice", T0, 2), new PartyInfo("bob", T0, 0));
  }

  @Test
  void aTokenThatExpires_authenticatesUntilThen_andIsLiveUntilThen() throws Exception {
    dir.addTokenHash("alice", "day", Optional.of(clock.instant().plusSeconds(86_400)));
    dir.addTokenHash("alice", "forever");

    assertThat(dir.partyOfTokenHash("day")).contains("alice");
    assertThat(dir.partyInfos()).contains(new PartyInfo("alice", T0, 2));
    clock.advanceMicros(86_400L * 1_000_000);
    assertThat(dir.partyOfTokenHash("day")).isEmpty();
    assertThat(dir.partyOfTokenHash("forever")).contains("alice");
    assertThat(dir.partyInfos()).contains(new PartyInfo("alice", T0, 1));
  }

  @Test
  void aTokenExpiringSoonerThanTheCacheKeepsAnswers_endsOnTime() throws Exception {
    dir.addTokenHash("alice", "soon", Optional.of(clock.instant().plusSeconds(2)));

    assertThat(dir.partyOfTokenHash("soon")).contains("alice");
    clock.advanceMicros(2_000_000);
    assertThat(dir.partyOfTokenHash("soon")).isEmpty(); // the answer above was not cached for the usual 5 s
  }

  @Test
  void aTokenThatWouldBeExpiredAlready_isRefused() {
    assertThatThrownBy(() -> dir.addTokenHash("alice", "late", Optional.of(clock.instant())))
        .isInstanceOf(StoreException.class).hasMessageContaining("expired already");
  }

  @Test
  void setMember_aPartyNewToTheCollection_joinsWithTheGivenRolesAndCeiling() throws Exception {
    dir.addParty("carol");
    Member carol = new Member("carol", Set.of(Role.READ), Tlp.GREEN);

    Optional<Member> before = dir.setMember(coll, carol);

    assertThat(before).isEmpty();
    assertThat(dir.collection(coll).orElseThrow().agreement().members()).extracting(Member::party)
        .containsExactly("alice", "bob", "carol");
    assertThat(dir.collection(coll).orElseThrow().agreement().member("carol")).contains(carol);
  }

  @Test
  void setMember_aMemberAlready_replacesItsRolesAndCeiling_andReturnsItsFormerPlace() throws Exception {
    Member lowered = new Member("bob", Set.of(Role.READ), Tlp.GREEN);

    Optional<Member> before = dir.setMember(coll, lowered);

    assertThat(before).contains(new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.AMBER));
    SharingAgreement now = dir.collection(coll).orElseThrow().agreement();
    assertThat(now.member("bob")).contains(lowered);
    assertThat(now.member("alice")).contains(new Member("alice", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED));
  }

  @Test
  void setRoles_keepsTheCeilingStoredWhenItWrites_notTheOneTheCallerSawBefore() throws Exception {
    assertThat(dir.collection(coll).orElseThrow().agreement().member("bob")).map(Member::ceiling)
        .contains(Tlp.AMBER); // what an admin's command read
    try (Database other = Database.open(url(), clock, UUID::randomUUID)) { // another admin lowers it meanwhile
      other.directory().setMember(coll, new Member("bob", Set.of(Role.READ), Tlp.CLEAR));
    }

    Optional<Member> before = dir.setRoles(coll, "bob", Set.of(Role.READ, Role.WRITE), Tlp.AMBER_STRICT);

    assertThat(before).contains(new Member("bob", Set.of(Role.READ), Tlp.CLEAR));
    assertThat(dir.collection(coll).orElseThrow().agreement().member("bob"))
        .contains(new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.CLEAR));
  }

  @Test
  void setRoles_aPartyNewToTheCollection_joinsWithTheCeilingForNewMembers() throws Exception {
    dir.addParty("carol");

    assertThat(dir.setRoles(coll, "carol", Set.of(Role.READ), Tlp.AMBER_STRICT)).isEmpty();
    assertThat(dir.collection(coll).orElseThrow().agreement().member("carol"))
        .contains(new Member("carol", Set.of(Role.READ), Tlp.AMBER_STRICT));
  }

  @Test
  void setMember_unknownPartyOrCollection_throwsAndChangesNothing() throws Exception {
    assertThatThrownBy(() -> dir.setMember(coll, new Member("carol", Set.of(Role.READ), Tlp.RED)))
        .isInstanceOf(StoreException.class).hasMessage("no such party: carol");
    assertThatThrownBy(() -> dir.setMember("nope", new Member("bob", Set.of(Role.READ), Tlp.RED)))
        .isInstanceOf(StoreException.class).hasMessage("no such collection: nope");
    assertThat(dir.collection(coll).orElseThrow().agreement().members()).hasSize(2);
  }

  @Test
  void removeMember_takesThePartyOut_andReturnsItsFormerPlace() throws Exception {
    Member gone = dir.removeMember(coll, "bob", false);

    assertThat(gone).isEqualTo(new Member("bob", Set.of(Role.READ, Role.WRITE), Tlp.AMBER));
    assertThat(dir.collection(coll).orElseThrow().agreement().isVisibleTo("bob")).isFalse();
    assertThat(dir.parties()).contains("bob"); // the party stays, with its tokens and other collections
  }

  @Test
  void removeMember_aPartyThatIsNoMember_orAnUnknownCollection_throwsAndChangesNothing() throws Exception {
    dir.addParty("carol");

    assertThatThrownBy(() -> dir.removeMember(coll, "carol", false)).isInstanceOf(StoreException.class)
        .hasMessage("carol is not a member of collection " + coll);
    assertThatThrownBy(() -> dir.removeMember("nope", "bob", false)).isInstanceOf(StoreException.class)
        .hasMessage("no such collection: nope");
    assertThat(dir.collection(coll).orElseThrow().agreement().members()).hasSize(2);
  }

  @Test
  void removeMember_theLastMember_isRefused_unlessEvenIfLast() throws Exception {
    dir.removeMember(coll, "bob", false);

    assertThatThrownBy(() -> dir.removeMember(coll, "alice", false)).isInstanceOf(StoreException.class)
        .hasMessageContaining("alice is the last member of collection " + coll);
    assertThat(dir.collection(coll).orElseThrow().agreement().isVisibleTo("alice")).isTrue();
    dir.removeMember(coll, "alice", true);
    assertThat(dir.collection(coll).orElseThrow().agreement().members()).isEmpty();
  }

  @Test
  void memberChanges_byAnotherOpeningOfTheStore_reachThisOneWithinTheChangeDelay() throws Exception {
    dir.addParty("carol");
    assertThat(dir.collection(coll).orElseThrow().agreement().isVisibleTo("bob")).isTrue(); // now in its cache

    try (Database cli = Database.open(url(), clock, UUID::randomUUID)) {
      cli.directory().removeMember(coll, "bob", false);
      cli.directory().setMember(coll, new Member("carol", Set.of(Role.READ), Tlp.GREEN));
    }
    clock.advanceMicros(Directory.CHANGE_DELAY_SECONDS * 1_000_000L);

    SharingAgreement seen = dir.collection(coll).orElseThrow().agreement();
    assertThat(seen.allows("bob", Role.READ)).isFalse();
    assertThat(seen.allows("bob", Role.WRITE)).isFalse();
    assertThat(seen.allows("carol", Role.READ)).isTrue();
  }
}
