package org.parley.attribution;

import java.util.Objects;

/**
 * One competing hypothesis. For {@link Kind#GROUP} {@code groupId} is the intrusion set's ATT&CK id; for
 * {@link Kind#FALSE_FLAG} it is the group the evidence was planted to implicate (the actor is then someone
 * else); for {@link Kind#UNKNOWN} it is {@code UNKNOWN}.
 */
public record Hypothesis(Kind kind, String groupId, String name, double probability) {
  public static final String UNKNOWN = "UNKNOWN";

  /** What the hypothesis says about the actor. */
  public enum Kind { GROUP, UNKNOWN, FALSE_FLAG }

  public Hypothesis {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(name, "name");
    if (!(probability >= 0 && probability <= 1.0000001)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
  }

  /** The actor this hypothesis names: the group, or UNKNOWN (an unknown actor, or one framing a group). */
  public String actorId() {
    return kind == Kind.GROUP ? groupId : UNKNOWN;
  }

  /** A short label: "APT29 (G0016)", "UNKNOWN actor", "False flag implicating APT29 (G0016)". */
  public String label() {
    return switch (kind) {
      case GROUP -> name + " (" + groupId + ")";
      case UNKNOWN -> "an actor absent from the knowledge base (UNKNOWN)";
      case FALSE_FLAG -> "evidence planted to implicate " + name + " (" + groupId + ")";
    };
  }

  Hypothesis withProbability(double p) {
    return new Hypothesis(kind, groupId, name, Math.min(1, p));
  }
}
