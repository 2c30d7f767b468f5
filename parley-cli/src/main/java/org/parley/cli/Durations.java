package org.parley.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators type them on the command line: {@code 90d}, {@code 12h}, {@code 30m}. */
final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})([dhm])");

  private Durations() {}

  /** The duration {@code text} names, or empty when it is not of the form {@code <n>d|h|m}. */
  static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMinutes(n);
    });
  }
}
