package org.parley.node.store;

import java.util.Objects;
import org.parley.marking.Tlp;

/**
 * Who reads, as the store applies it to every row: the party sees its own submissions, and other objects
 * whose level (or {@code unmarkedAs} when unmarked) is at most {@code ceiling}. Built from a
 * {@link org.parley.marking.SharingAgreement} by the caller after checking the READ role.
 */
public record Viewer(String party, Tlp ceiling, Tlp unmarkedAs) {
  public Viewer {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(ceiling, "ceiling");
    Objects.requireNonNull(unmarkedAs, "unmarkedAs");
  }
}
