package org.parley.marking;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sharing rules of one collection, as data: its members, what each may do, the highest TLP level each may
 * receive, and the level under which objects without any TLP marking are handled. See docs/design/sharing.md.
 *
 * @param unmarkedAs the level applied to objects that carry no TLP marking (object or granular)
 */
public record SharingAgreement(List<Member> members, Tlp unmarkedAs) {
  public SharingAgreement {
    members = List.copyOf(members);
    Objects.requireNonNull(unmarkedAs, "unmarkedAs");
    long distinct = members.stream().map(Member::party).distinct().count();
    if (distinct != members.size()) {
      throw new IllegalArgumentException("a party appears twice among the members");
    }
  }

  public Optional<Member> member(String party) {
    return members.stream().filter(m -> m.party().equals(party)).findFirst();
  }

  /** Whether {@code party} holds {@code role} here. */
  public boolean allows(String party, Role role) {
    return member(party).map(m -> m.has(role)).orElse(false);
  }

  /** Whether the collection is visible to {@code party} at all (any role). */
  public boolean isVisibleTo(String party) {
    return member(party).isPresent();
  }

  /**
   * Whether {@code party} may be shown one object: it must be a reader, and the object's level (its strictest
   * TLP marking, else {@link #unmarkedAs}) must not exceed the party's ceiling. The party that submitted an
   * object may always read it back, whatever its level.
   */
  public boolean mayReceive(String party, Optional<Tlp> objectLevel, String submitter) {
    Optional<Member> m = member(party).filter(x -> x.has(Role.READ));
    if (m.isEmpty()) {
      return false;
    }
    return party.equals(submitter) || objectLevel.orElse(unmarkedAs).atMost(m.get().ceiling());
  }

  public Map<String, Member> byParty() {
    return members.stream().collect(Collectors.toUnmodifiableMap(Member::party, Function.identity()));
  }
}
