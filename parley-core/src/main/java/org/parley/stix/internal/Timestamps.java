package org.parley.stix.internal;

import java.time.Instant;
import java.util.Optional;
import org.parley.stix.Timestamp;

/**
 * STIX 2.1 §3.2 timestamps: RFC 3339 {@code date-time} in UTC with an upper-case {@code T} and {@code Z},
 * any number of fractional-second digits. A leap second ({@code :60}, RFC 3339 §5.6) is read as the
 * first instant of the next second, since {@link Instant} has no leap seconds.
 */
public final class Timestamps {
  private Timestamps() {}

  /** The timestamp, or empty when {@code text} is not a valid STIX timestamp. */
  public static Optional<Timestamp> parse(String text) {
    int n = text.length();
    if (n < 20 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return Optional.empty();
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return Optional.empty();
    }
    int nanos = 0;
    if (n > 20) {
      if (text.charAt(19) != '.' || n == 21) {
        return Optional.empty();
      }
      int scale = 100_000_000;
      for (int i = 20; i < n - 1; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return Optional.empty();
        }
        nanos += (c - '0') * scale; // digits past nanoseconds are kept in the text, not the instant
        scale /= 10;
      }
    }
    long days = epochDay(year, month, day);
    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second;
    return Optional.of(new Timestamp(Instant.ofEpochSecond(seconds, nanos), text));
  }

  /** Number of fractional-second digits written in a valid timestamp. */
  public static int fractionDigits(String text) {
    return text.length() > 20 ? text.length() - 21 : 0;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysIn(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  // Days from 1970-01-01 in the proleptic Gregorian calendar (the algorithm of java.time.LocalDate.toEpochDay).
  private static long epochDay(long year, int month, int day) {
    long total = 365 * year;
    if (year >= 0) {
      total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    } else {
      total -= year / -4 - year / -100 + year / -400;
    }
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      if (!leap) {
        total--;
      }
    }
    return total - 719_528L;
  }
}
