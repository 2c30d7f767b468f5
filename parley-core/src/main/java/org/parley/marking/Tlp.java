package org.parley.marking;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Traffic Light Protocol 2.0 levels (FIRST TLP 2.0, August 2022), ordered from least to most restrictive,
 * with the canonical STIX marking-definition ids the OASIS CTI TC published for TLP 2.0 and, read as aliases,
 * the TLP 1.0 ids of STIX 2.1 §7.2.1.4 (WHITE reads as CLEAR) and the id OpenCTI gives TLP:AMBER+STRICT, which
 * TLP 1.0 lacked and OpenCTI defined before the OASIS id existed (its connectors and exports still use it).
 */
public enum Tlp {
  CLEAR("TLP:CLEAR", "94868c89-83c2-464b-929b-a1a8aa3c8487", "613f2e26-407d-48c7-9eca-b8e91df99dc9"),
  GREEN("TLP:GREEN", "bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "34098fce-860f-48ae-8e50-ebd3cc5e41da"),
  AMBER("TLP:AMBER", "55d920b0-5e8b-4f79-9ee9-91f868d9b421", "f88d31f6-486f-44da-b317-01333bde0b82"),
  AMBER_STRICT("TLP:AMBER+STRICT", "939a9414-2ddd-4d32-a0cd-375ea402b003", null),
  RED("TLP:RED", "e828b379-4e03-4974-9ac4-e53a884c97c1", "5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

  private static final String PREFIX = "marking-definition--";
  /** OpenCTI's TLP:AMBER+STRICT (an object marked with it was read as unmarked: a leak past AMBER+STRICT). */
  static final String OPENCTI_AMBER_STRICT = PREFIX + "826578e1-40ad-459f-bc73-ede076f81f37";
  private static final Map<String, Tlp> BY_REF = Stream.concat(Stream.of(values())
      .flatMap(t -> Stream.of(Map.entry(t.markingRef(), t), Map.entry(t.tlp1Ref().orElse(""), t))),
      Stream.of(Map.entry(OPENCTI_AMBER_STRICT, AMBER_STRICT)))
      .filter(e -> !e.getKey().isEmpty())
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  private static final Map<String, Tlp> BY_NAME = Stream.of(values())
      .collect(Collectors.toUnmodifiableMap(Tlp::label, Function.identity()));

  private final String label;
  private final String uuid;
  private final String tlp1Uuid;

  Tlp(String label, String uuid, String tlp1Uuid) {
    this.label = label;
    this.uuid = uuid;
    this.tlp1Uuid = tlp1Uuid;
  }

  /** The TLP 2.0 label, e.g. {@code TLP:AMBER+STRICT}. */
  public String label() {
    return label;
  }

  /** The canonical TLP 2.0 marking-definition id, e.g. {@code marking-definition--94868c89-…}. */
  public String markingRef() {
    return PREFIX + uuid;
  }

  /** The TLP 1.0 marking-definition id this level is read from, if TLP 1.0 had one (AMBER+STRICT is new). */
  public Optional<String> tlp1Ref() {
    return Optional.ofNullable(tlp1Uuid).map(u -> PREFIX + u);
  }

  /** The level a marking-definition id names, TLP 2.0 canonical or TLP 1.0 alias; empty for any other id. */
  public static Optional<Tlp> fromMarkingRef(String ref) {
    return Optional.ofNullable(BY_REF.get(ref));
  }

  /**
   * The level named by a label such as {@code TLP:AMBER}, {@code amber}, {@code AMBER+STRICT} or {@code WHITE}
   * (TLP 1.0), case-insensitively.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Tlp parse(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace('_', '+');
    if (!t.startsWith("TLP:")) {
      t = "TLP:" + t;
    }
    if (t.equals("TLP:WHITE")) {
      return CLEAR;
    }
    Tlp level = BY_NAME.get(t);
    if (level == null) {
      throw new IllegalArgumentException("expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED; got: " + text);
    }
    return level;
  }

  /**
   * The most restrictive TLP level among marking refs: an object that carries several TLP markings is
   * handled under the strictest one. Empty when no ref is a TLP marking.
   */
  public static Optional<Tlp> strictestOf(Collection<String> markingRefs) {
    return markingRefs.stream().map(Tlp::fromMarkingRef).flatMap(Optional::stream).max(Enum::compareTo);
  }

  /** Whether this level is at most as restrictive as {@code ceiling}. */
  public boolean atMost(Tlp ceiling) {
    return compareTo(ceiling) <= 0;
  }

  /**
   * Whether a recipient of information at this level may pass it on to {@code audience}, as the TLP 2.0
   * definitions state: CLEAR to anyone, GREEN within the community, AMBER within the recipient's organisation
   * and its clients, AMBER+STRICT within the organisation only, RED to no one beyond the named recipients.
   */
  public boolean permitsDisclosureTo(Audience audience) {
    return audience.ordinal() >= ordinal();
  }

  @Override
  public String toString() {
    return label;
  }
}
