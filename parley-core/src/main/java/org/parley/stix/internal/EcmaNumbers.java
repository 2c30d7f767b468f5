package org.parley.stix.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) for finite doubles, as RFC 8785 §3.2.2.3 requires:
 * the shortest decimal digits that read back as the same double (the one nearest the value when several
 * of that length do), written in plain or exponent form by the position of the decimal point.
 */
public final class EcmaNumbers {
  private static final long EXACT_INTEGER_LIMIT = 1L << 53;

  private EcmaNumbers() {}

  public static String toString(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0) {
      return "0"; // -0 too
    }
    if (value < 0) {
      return "-" + toString(-value);
    }
    if (value == Math.rint(value) && value < EXACT_INTEGER_LIMIT) {
      return Long.toString((long) value); // fast path: every such integer is exact with at most 16 digits
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    if (shortest.precision() > 15 || value < Double.MIN_NORMAL) {
      // Java 17's Double.toString is not always the shortest (JDK-4511638). With at most 15 digits and a
      // normal double it is: distinct decimals of at most 15 digits (DBL_DIG) never map to the same normal
      // double, so no shorter one round-trips. Subnormals have fewer significant bits, hence the guard.
      shortest = shortest(value);
    }
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = digits × 10^(n−k)
    return format(digits, k, n);
  }

  /**
   * The fewest significant digits that round-trip. At each precision the correctly rounded candidate is the
   * nearest; at a power of two the interval of round-tripping decimals is lopsided, so the candidate on
   * the other side is tried too.
   */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = approximation(new BigDecimal(value));
    for (int p = 1; p <= 17; p++) {
      BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == value) {
        return nearest.stripTrailingZeros();
      }
      BigDecimal other = exact.round(new MathContext(p, nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING));
      if (other.doubleValue() == value) {
        return other.stripTrailingZeros();
      }
    }
    throw new AssertionError("17 significant digits always round-trip a double");
  }

  /**
   * The exact value of a double can have hundreds of digits, which makes each rounding slow. Truncated to 30
   * digits plus one sticky digit, it rounds to any precision up to 17 exactly as the exact value does: it lies
   * strictly inside the same interval between 30-digit neighbours and is never a tie.
   */
  private static BigDecimal approximation(BigDecimal exact) {
    if (exact.precision() <= 30) {
      return exact;
    }
    BigDecimal truncated = exact.round(new MathContext(30, RoundingMode.DOWN));
    return truncated.compareTo(exact) == 0 ? truncated : truncated.add(truncated.ulp().movePointLeft(1));
  }

  private static String format(String digits, int k, int n) {
    StringBuilder b = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      b.append(digits);
      for (int i = 0; i < n - k; i++) {
        b.append('0');
      }
    } else if (0 < n && n <= 21) {
      b.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      b.append("0.");
      for (int i = 0; i < -n; i++) {
        b.append('0');
      }
      b.append(digits);
    } else {
      b.append(digits.charAt(0));
      if (k > 1) {
        b.append('.').append(digits, 1, k);
      }
      int e = n - 1;
      b.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
    }
    return b.toString();
  }
}
