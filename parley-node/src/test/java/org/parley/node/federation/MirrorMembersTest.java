package org.parley.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.Tlp;
import org.parley.node.store.TestDatabases;

/**
 * Which members the collections that receive a peer's objects may take (federation.md, "Where pulled objects go"):
 * readers in the shareable one, no writer anywhere, no admin but the own party, nobody else in the restricted one.
 */
class MirrorMembersTest {
  @TempDir Path tmp;
  private PeerRegistry registry;

  @BeforeEach
  void twoMirrorsOfOnePeerCollection() throws Exception {
    String url = TestDatabases.sqlite(tmp);
    registry = PeerRegistry.open(url, Clock.systemUTC());
    registry.setSelf("cert-a");
    try (FederationStore store = FederationStore.open(url)) {
      store.putMirror("cert-b", "remote-1", false, "shareable", "cert-a");
      store.putMirror("cert-b", "remote-1", true, "restricted", "cert-a");
    }
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void mirrors_nameThePeerTheRemoteCollectionAndWhetherRestricted_byLocalCollection() throws Exception {
    assertThat(registry.mirrors()).containsOnlyKeys("shareable", "restricted");
    assertThat(registry.mirrors().get("restricted")).isEqualTo(new Mirror("restricted", "cert-b", "remote-1", true));
  }

  @Test
  void checkMember_aReaderOfTheShareableMirror_passes() {
    assertThatCode(() -> registry.checkMember("shareable", member("cert-c", Role.READ))).doesNotThrowAnyException();
    assertThatCode(() -> registry.checkMember("shareable", member("cert-a", Role.READ, Role.ADMIN)))
        .doesNotThrowAnyException();
  }

  @Test
  void checkMember_aWriter_isRefusedInEitherMirror_evenTheOwnParty() {
    assertThatThrownBy(() -> registry.checkMember("shareable", member("cert-a", Role.READ, Role.WRITE)))
        .isInstanceOf(FederationException.class).hasMessageContaining("no party may write to it")
        .hasMessageContaining("parley collection add");
    assertThatThrownBy(() -> registry.checkMember("restricted", member("cert-a", Role.WRITE)))
        .isInstanceOf(FederationException.class).hasMessageContaining("no party may write to it");
  }

  @Test
  void checkMember_anAdminOtherThanTheOwnParty_isRefused() {
    assertThatThrownBy(() -> registry.checkMember("shareable", member("cert-c", Role.READ, Role.ADMIN)))
        .isInstanceOf(FederationException.class).hasMessageContaining("no party but this node's own (cert-a)")
        .hasMessageContaining("other members may only read");
  }

  @Test
  void checkMember_anyOtherPartyInTheRestrictedMirror_isRefused() {
    assertThatThrownBy(() -> registry.checkMember("restricted", member("cert-c", Role.READ)))
        .isInstanceOf(FederationException.class).hasMessageContaining("forbids passing on")
        .hasMessageContaining("no party but this node's own (cert-a) may be a member");
    assertThatCode(() -> registry.checkMember("restricted", member("cert-a", Role.READ)))
        .doesNotThrowAnyException();
  }

  @Test
  void checkMember_aCollectionThatIsNoMirror_takesAnyMember() {
    assertThatCode(() -> registry.checkMember("ops", member("cert-c", Role.READ, Role.WRITE, Role.ADMIN)))
        .doesNotThrowAnyException();
  }

  private static Member member(String party, Role... roles) {
    return new Member(party, Set.of(roles), Tlp.GREEN);
  }
}
