package org.parley.node.federation;

/** Untrusted text made safe for one log line. */
final class Texts {
  private Texts() {}

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    if (line.length() > 200) {
      line = line.substring(0, 200) + "…";
    }
    return line.replaceAll("\\p{Cntrl}", "?");
  }
}
