package org.parley.cli;

/**
 * What an admin command refuses because of the node's state (an unknown collection, a party that is no member, a
 * collection that would be left without members), as one line that says what to do next. The command exits 1, as
 * for the store's own refusals; wrong arguments exit 2.
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  Refusal(String message) {
    super(message);
  }
}
