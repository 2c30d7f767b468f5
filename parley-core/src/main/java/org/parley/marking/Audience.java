package org.parley.marking;

/**
 * How far a recipient would pass information on, widest first, aligned with {@link Tlp}: information at
 * level L may go to audience A iff {@code A.ordinal() >= L.ordinal()}.
 */
public enum Audience {
  /** Anyone at all (the world). */
  PUBLIC,
  /** Peers and partner organisations of the recipient's community (e.g. the working group). */
  COMMUNITY,
  /** The recipient's own organisation and the clients it serves. */
  ORGANISATION_AND_CLIENTS,
  /** The recipient's own organisation only. */
  ORGANISATION,
  /** Only the individuals the information was given to. */
  NAMED_RECIPIENTS
}
