package org.parley.cli.transfer;

/** The one checked exception of push and pull: the message says what went wrong and what to do next. */
final class TransferException extends Exception {
  TransferException(String message, Throwable cause) {
    super(message, cause);
  }
}
