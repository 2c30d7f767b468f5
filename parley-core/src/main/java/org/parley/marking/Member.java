package org.parley.marking;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One party's place in a sharing agreement: its roles and the highest TLP level it may receive.
 *
 * @param party the party's name
 * @param roles what the party may do; never empty
 * @param ceiling the most restrictive TLP level of objects this party may be shown
 */
public record Member(String party, Set<Role> roles, Tlp ceiling) {
  public Member {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(ceiling, "ceiling");
    if (party.isBlank()) {
      throw new IllegalArgumentException("party name must not be blank");
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a member must hold at least one role: " + party);
    }
    roles = Set.copyOf(EnumSet.copyOf(roles));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
