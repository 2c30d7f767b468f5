package org.parley.cli.extract;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** UTF-8 writers on stdout/stderr whatever the platform locale, so Chinese text survives. */
final class Console {
  private Console() {}

  static PrintWriter out() {
    return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
  }

  static PrintWriter err() {
    return new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
  }
}
