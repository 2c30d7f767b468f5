package org.parley.marking;

/** What a party may do in one collection. TAXII 2.1 §5.2.1 {@code can_read}/{@code can_write}, plus admin. */
public enum Role {
  /** Get objects, manifest, versions. */
  READ,
  /** Add objects. */
  WRITE,
  /** Delete objects. (Members are managed by the node's operator, {@code parley collection member}, not over TAXII.) */
  ADMIN
}
