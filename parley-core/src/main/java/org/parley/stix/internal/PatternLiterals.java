package org.parley.stix.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.regex.Pattern;
import org.parley.stix.Bytes;
import org.parley.stix.StixPattern.Constant;
import org.parley.stix.Timestamp;
import org.parley.stix.internal.PatternLexer.Kind;
import org.parley.stix.internal.PatternLexer.PatternError;
import org.parley.stix.internal.PatternLexer.Token;

/** The constants of STIX patterning (§9.2): strings, numbers, booleans, {@code t''}, {@code b''}, {@code h''}. */
final class PatternLiterals {
  /** STIXPattern.g4 BinaryLiteral: base64 with its padding (RFC 4648 §4). */
  private static final Pattern BASE64 =
      Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  private PatternLiterals() {}

  static Constant constant(Token t) throws PatternError {
    switch (t.kind()) {
      case STRING:
        return new Constant.Text(t.text());
      case INT:
        return new Constant.Integer(new BigInteger(t.text().startsWith("+") ? t.text().substring(1) : t.text()));
      case FLOAT:
        return new Constant.Float(new BigDecimal(t.text()));
      case BOOL:
        return new Constant.Bool(t.text().equals("true"));
      case TIMESTAMP:
        return new Constant.Time(timestamp(t));
      case HEX:
        return new Constant.Hex(hex(t));
      case BINARY:
        if (!BASE64.matcher(t.text()).matches()) {
          throw PatternParser.error(t, "base64 (RFC 4648 §4) inside b''");
        }
        return new Constant.Binary(Bytes.copyOf(Base64.getDecoder().decode(t.text())));
      default:
        throw PatternParser.error(t, "a literal");
    }
  }

  static Timestamp timestamp(Token t) throws PatternError {
    if (t.kind() != Kind.TIMESTAMP) {
      throw new PatternError(t.offset(), "expected a timestamp literal t'...', found " + PatternParser.describe(t));
    }
    return Timestamps.parse(t.text())
        .orElseThrow(() -> new PatternError(t.offset(), "invalid timestamp " + Problems.quote(t.text())));
  }

  private static Bytes hex(Token t) throws PatternError {
    String h = t.text();
    if (h.length() % 2 != 0) {
      throw new PatternError(t.offset(), "h'' needs an even number of hexadecimal digits");
    }
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(h.charAt(2 * i), 16);
      int lo = Character.digit(h.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0 || h.charAt(2 * i) > 'f' || h.charAt(2 * i + 1) > 'f') {
        throw new PatternError(t.offset(), "h'' may hold only hexadecimal digits");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return Bytes.copyOf(out);
  }

}
