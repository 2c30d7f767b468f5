package org.parley.node.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Timestamps as microseconds since the epoch, the precision TAXII 2.1 §3.2 asks of {@code date_added}, and
 * their RFC 3339 text in UTC with six fractional digits.
 */
public final class Micros {
  // STIX 2.1 §3.2 / TAXII 2.1 §2.1: RFC 3339, UTC ("Z"), optional fractional seconds.
  private static final Pattern RFC3339_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d{1,9})?Z"); // RFC 3339 §5.6

  private Micros() {}

  public static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** {@code 2026-01-02T03:04:05.000006Z}: always six fractional digits. */
  public static String format(long micros) {
    Instant i = toInstant(micros);
    String base = i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); // ...:05Z
    return base.substring(0, base.length() - 1) + String.format(".%06dZ", Math.floorMod(micros, 1_000_000L));
  }

  /**
   * Parses an RFC 3339 UTC timestamp ({@code Z} required), truncating below the microsecond.
   *
   * @throws IllegalArgumentException naming the expected form and the actual text
   */
  public static long parse(String text) {
    if (text == null || text.length() > 40 || !RFC3339_UTC.matcher(text).matches()) {
      throw new IllegalArgumentException("expected an RFC 3339 UTC timestamp such as 2026-01-02T03:04:05.123456Z");
    }
    try {
      return of(Instant.parse(text));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a valid date and time: " + e.getMessage());
    }
  }
}
