package org.parley.stix.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tokens of the STIX 2.1 patterning grammar (STIX 2.1 §9 and its ANTLR grammar STIXPattern.g4): keywords are
 * upper case and reserved, literals are single-quoted with only {@code \'} and {@code \\} escapes, typed
 * literals are {@code t'…'}, {@code b'…'}, {@code h'…'}; comments ({@code /* *}{@code /}, {@code //}) and
 * white space separate tokens.
 */
final class PatternLexer {
  enum Kind {
    LBRACK, RBRACK, LPAREN, RPAREN, COMMA, COLON, DOT, ASTERISK,
    EQ, NEQ, LT, LE, GT, GE,
    STRING, INT, FLOAT, BOOL, BINARY, HEX, TIMESTAMP,
    IDENT, KEYWORD, EOF
  }

  record Token(Kind kind, String text, int offset) {
    boolean is(Kind k, String t) {
      return kind == k && text.equals(t);
    }
  }

  static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET",
      "ISSUBSET", "EXISTS", "LAST", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES");

  /** Numbers longer than this are refused: BigInteger parsing is superlinear in the digit count. */
  static final int MAX_NUMBER_LENGTH = 400;

  private final String in;
  private int pos;
  private final List<Token> tokens = new ArrayList<>();

  private PatternLexer(String in) {
    this.in = in;
  }

  static List<Token> tokenize(String pattern) throws PatternError {
    PatternLexer lexer = new PatternLexer(pattern);
    lexer.run();
    return lexer.tokens;
  }

  private void run() throws PatternError {
    while (true) {
      skipSpaceAndComments();
      if (pos >= in.length()) {
        tokens.add(new Token(Kind.EOF, "end of pattern", pos));
        return;
      }
      int start = pos;
      char c = in.charAt(pos);
      switch (c) {
        case '[': single(Kind.LBRACK); break;
        case ']': single(Kind.RBRACK); break;
        case '(': single(Kind.LPAREN); break;
        case ')': single(Kind.RPAREN); break;
        case ',': single(Kind.COMMA); break;
        case ':': single(Kind.COLON); break;
        case '*': single(Kind.ASTERISK); break;
        case '=':
          pos += in.startsWith("==", pos) ? 2 : 1;
          add(Kind.EQ, start);
          break;
        case '!':
          if (!in.startsWith("!=", pos)) {
            throw new PatternError(pos, "'!' must be followed by '='");
          }
          pos += 2;
          add(Kind.NEQ, start);
          break;
        case '<':
          pos++;
          if (pos < in.length() && in.charAt(pos) == '=') {
            pos++;
            add(Kind.LE, start);
          } else if (pos < in.length() && in.charAt(pos) == '>') {
            pos++;
            add(Kind.NEQ, start);
          } else {
            add(Kind.LT, start);
          }
          break;
        case '>':
          pos++;
          if (pos < in.length() && in.charAt(pos) == '=') {
            pos++;
            add(Kind.GE, start);
          } else {
            add(Kind.GT, start);
          }
          break;
        case '\'':
          tokens.add(new Token(Kind.STRING, quoted(), start));
          break;
        default:
          if (c == '.' && !(pos + 1 < in.length() && isDigit(in.charAt(pos + 1)))) {
            single(Kind.DOT);
          } else if (isDigit(c) || c == '+' || c == '-' || c == '.') {
            number(start);
          } else if (isIdentStart(c)) {
            word(start);
          } else {
            throw new PatternError(pos, "unexpected character " + Problems.quote(String.valueOf(c)));
          }
      }
    }
  }

  private void single(Kind kind) {
    tokens.add(new Token(kind, in.substring(pos, pos + 1), pos));
    pos++;
  }

  private void add(Kind kind, int start) {
    tokens.add(new Token(kind, in.substring(start, pos), start));
  }

  /**
   * STIXPattern.g4's WS: the ASCII spaces, VT, NEL, NBSP and the Unicode space separators (U+1680, U+2000–U+200A,
   * U+2028, U+2029, U+202F, U+205F, U+3000) — a pattern pasted from a document keeps its no-break spaces.
   */
  static boolean isSpace(char c) {
    switch (c) {
      case ' ': case '\t': case '\r': case '\n': case '\u000B': case '\f': case '\u0085': case '\u00A0':
      case '\u1680': case '\u2028': case '\u2029': case '\u202F': case '\u205F': case '\u3000':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200A';
    }
  }

  private void skipSpaceAndComments() throws PatternError {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (isSpace(c)) {
        pos++;
      } else if (in.startsWith("/*", pos)) {
        int end = in.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new PatternError(pos, "unterminated comment");
        }
        pos = end + 2;
      } else if (in.startsWith("//", pos)) {
        while (pos < in.length() && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  /** IntPosLiteral {@code +?(0|[1-9][0-9]*)}, IntNegLiteral, Float(Pos|Neg)Literal {@code [+-]?[0-9]*\.[0-9]+}. */
  private void number(int start) throws PatternError {
    number0(start);
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw new PatternError(start, "number literal longer than " + MAX_NUMBER_LENGTH + " characters");
    }
  }

  private void number0(int start) throws PatternError {
    if (in.charAt(pos) == '+' || in.charAt(pos) == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < in.length() && isDigit(in.charAt(pos))) {
      pos++;
    }
    int intDigits = pos - digits;
    if (pos + 1 < in.length() && in.charAt(pos) == '.' && isDigit(in.charAt(pos + 1))) {
      pos++;
      while (pos < in.length() && isDigit(in.charAt(pos))) {
        pos++;
      }
      add(Kind.FLOAT, start);
      return;
    }
    if (intDigits == 0) {
      throw new PatternError(start, "a sign must be followed by a number");
    }
    if (intDigits > 1 && in.charAt(digits) == '0') {
      throw new PatternError(start, "integers must not have leading zeros");
    }
    add(Kind.INT, start);
  }

  private void word(int start) throws PatternError {
    pos++;
    while (pos < in.length() && isIdentPart(in.charAt(pos))) {
      pos++;
    }
    String w = in.substring(start, pos);
    if (pos < in.length() && in.charAt(pos) == '\'' && w.length() == 1 && "tbh".indexOf(w.charAt(0)) >= 0) {
      String body = quoted();
      Kind kind = w.equals("t") ? Kind.TIMESTAMP : w.equals("b") ? Kind.BINARY : Kind.HEX;
      tokens.add(new Token(kind, body, start));
    } else if (w.equals("true") || w.equals("false")) {
      tokens.add(new Token(Kind.BOOL, w, start));
    } else {
      tokens.add(new Token(KEYWORDS.contains(w) ? Kind.KEYWORD : Kind.IDENT, w, start));
    }
  }

  /** The unescaped content of a quoted literal; pos is on the opening quote. */
  private String quoted() throws PatternError {
    int start = pos;
    pos++;
    StringBuilder b = new StringBuilder();
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '\'') {
        pos++;
        return b.toString();
      }
      if (c == '\\') {
        if (pos + 1 >= in.length() || (in.charAt(pos + 1) != '\'' && in.charAt(pos + 1) != '\\')) {
          throw new PatternError(pos, "only \\' and \\\\ may be escaped in a string literal");
        }
        b.append(in.charAt(pos + 1));
        pos += 2;
      } else {
        b.append(c);
        pos++;
      }
    }
    throw new PatternError(start, "unterminated string literal");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '-';
  }

  /** A syntax error at an offset of the pattern. */
  static final class PatternError extends Exception {
    final int offset;

    PatternError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }
}
