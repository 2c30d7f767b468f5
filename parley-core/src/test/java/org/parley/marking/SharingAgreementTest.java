package org.parley.marking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharingAgreementTest {
  @Test
  void mayReceive_everyLevelTimesEveryCeilingAndRole_followsTheRules() {
    for (Tlp ceiling : Tlp.values()) {
      for (Set<Role> roles : List.of(Set.of(Role.READ), Set.of(Role.WRITE), Set.of(Role.ADMIN),
          EnumSet.allOf(Role.class))) {
        SharingAgreement a = new SharingAgreement(
            List.of(new Member("alice", roles, ceiling), new Member("bob", Set.of(Role.WRITE), Tlp.RED)), Tlp.AMBER);
        for (Tlp level : Tlp.values()) {
          boolean expected = roles.contains(Role.READ) && level.compareTo(ceiling) <= 0;
          assertThat(a.mayReceive("alice", Optional.of(level), "bob"))
              .as("ceiling %s roles %s level %s", ceiling, roles, level).isEqualTo(expected);
          assertThat(a.mayReceive("alice", Optional.of(level), "alice"))
              .as("own object, roles %s", roles).isEqualTo(roles.contains(Role.READ));
        }
        assertThat(a.mayReceive("alice", Optional.empty(), "bob"))
            .isEqualTo(roles.contains(Role.READ) && Tlp.AMBER.atMost(ceiling));
      }
    }
  }

  @Test
  void mayReceive_nonMember_isFalseAtEveryLevel() {
    SharingAgreement a = new SharingAgreement(List.of(new Member("alice", Set.of(Role.READ), Tlp.RED)), Tlp.CLEAR);
    for (Tlp level : Tlp.values()) {
      assertThat(a.mayReceive("mallory", Optional.of(level), "mallory")).isFalse();
    }
    assertThat(a.isVisibleTo("mallory")).isFalse();
    assertThat(a.allows("alice", Role.WRITE)).isFalse();
  }

  @Test
  void constructor_duplicateParty_throws() {
    Member m = new Member("alice", Set.of(Role.READ), Tlp.GREEN);
    assertThatThrownBy(() -> new SharingAgreement(List.of(m, m), Tlp.GREEN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void member_withoutRoles_throws() {
    assertThatThrownBy(() -> new Member("alice", Set.of(), Tlp.GREEN)).isInstanceOf(IllegalArgumentException.class);
  }
}
