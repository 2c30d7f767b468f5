package org.parley.stix.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.stix.StixException;
import org.parley.stix.StixPattern;
import org.parley.stix.StixPattern.Comparison;
import org.parley.stix.StixPattern.Constant;
import org.parley.stix.StixPattern.ObjectPath;
import org.parley.stix.StixPattern.ObservationOperator;
import org.parley.stix.StixPattern.Operator;
import org.parley.stix.StixPattern.Qualifier;
import org.parley.stix.StixPattern.Step;
import org.parley.stix.Timestamp;
import org.parley.stix.internal.PatternLexer.Kind;
import org.parley.stix.internal.PatternLexer.PatternError;
import org.parley.stix.internal.PatternLexer.Token;

/**
 * Recursive-descent parser of the STIX 2.1 patterning grammar (§9; STIXPattern.g4). Precedence, loosest
 * first: FOLLOWEDBY, OR, AND between observation expressions; OR, AND between comparisons. Nesting of
 * parentheses and brackets is bounded so that hostile input cannot exhaust the stack.
 */
public final class PatternParser {
  /** Deepest nesting of parentheses accepted; real patterns use a handful. */
  static final int MAX_DEPTH = 64;

  private final List<Token> tokens;
  private int next;
  private int depth;

  private PatternParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  public static StixPattern parse(String pattern) throws StixException {
    try {
      PatternParser p = new PatternParser(PatternLexer.tokenize(pattern));
      StixPattern result = p.observations();
      p.expect(Kind.EOF, "end of pattern");
      return result;
    } catch (PatternError e) {
      throw new StixException("$", "pattern-syntax", "invalid STIX pattern at offset " + e.offset + ": " + e.getMessage());
    }
  }

  private StixPattern observations() throws PatternError {
    return chain(ObservationOperator.FOLLOWEDBY, "FOLLOWEDBY", this::observationOr);
  }

  private StixPattern observationOr() throws PatternError {
    return chain(ObservationOperator.OR, "OR", this::observationAnd);
  }

  private StixPattern observationAnd() throws PatternError {
    return chain(ObservationOperator.AND, "AND", this::qualified);
  }

  private interface Rule<T> {
    T parse() throws PatternError;
  }

  private StixPattern chain(ObservationOperator op, String keyword, Rule<StixPattern> operand) throws PatternError {
    StixPattern first = operand.parse();
    if (!peek().is(Kind.KEYWORD, keyword)) {
      return first;
    }
    List<StixPattern> all = new ArrayList<>();
    all.add(first);
    while (peek().is(Kind.KEYWORD, keyword)) {
      next++;
      all.add(operand.parse());
    }
    return new StixPattern.Combination(op, all);
  }

  private StixPattern qualified() throws PatternError {
    StixPattern inner = observation();
    List<Qualifier> qualifiers = new ArrayList<>(0);
    Optional<Qualifier> q;
    while ((q = qualifier()).isPresent()) {
      qualifiers.add(q.get());
    }
    return qualifiers.isEmpty() ? inner : new StixPattern.Qualified(inner, qualifiers);
  }

  private StixPattern observation() throws PatternError {
    Token t = peek();
    if (t.kind() == Kind.LBRACK) {
      next++;
      enter(t);
      Comparison c = comparisonOr();
      expect(Kind.RBRACK, "']' closing the observation expression");
      depth--;
      return new StixPattern.Observation(c);
    }
    if (t.kind() == Kind.LPAREN) {
      next++;
      enter(t);
      StixPattern inner = observations();
      expect(Kind.RPAREN, "')'");
      depth--;
      return inner;
    }
    throw error(t, "'[' or '(' starting an observation expression");
  }

  private Optional<Qualifier> qualifier() throws PatternError {
    Token t = peek();
    if (t.is(Kind.KEYWORD, "WITHIN")) {
      next++;
      Token n = take();
      if ((n.kind() != Kind.INT && n.kind() != Kind.FLOAT) || n.text().startsWith("-")) {
        throw error(n, "a positive number of seconds after WITHIN");
      }
      BigDecimal seconds = new BigDecimal(n.text());
      if (seconds.signum() <= 0) {
        throw error(n, "a positive number of seconds after WITHIN");
      }
      expectKeyword("SECONDS");
      return Optional.of(new Qualifier.Within(seconds));
    }
    if (t.is(Kind.KEYWORD, "REPEATS")) {
      next++;
      Token n = take();
      if (n.kind() != Kind.INT || n.text().startsWith("-") || new BigInteger(n.text()).signum() <= 0) {
        throw error(n, "a positive integer after REPEATS");
      }
      expectKeyword("TIMES");
      return Optional.of(new Qualifier.Repeats(new BigInteger(n.text())));
    }
    if (t.is(Kind.KEYWORD, "START")) {
      next++;
      Timestamp start = PatternLiterals.timestamp(take());
      expectKeyword("STOP");
      Token stopToken = take();
      Timestamp stop = PatternLiterals.timestamp(stopToken);
      if (stop.compareTo(start) <= 0) {
        throw error(stopToken, "a STOP timestamp later than START");
      }
      return Optional.of(new Qualifier.StartStop(start, stop));
    }
    return Optional.empty();
  }

  private Comparison comparisonOr() throws PatternError {
    Comparison first = comparisonAnd();
    if (!peek().is(Kind.KEYWORD, "OR")) {
      return first;
    }
    List<Comparison> all = new ArrayList<>(List.of(first));
    while (peek().is(Kind.KEYWORD, "OR")) {
      next++;
      all.add(comparisonAnd());
    }
    return new Comparison.Or(all);
  }

  private Comparison comparisonAnd() throws PatternError {
    Comparison first = test();
    if (!peek().is(Kind.KEYWORD, "AND")) {
      return first;
    }
    List<Comparison> all = new ArrayList<>(List.of(first));
    while (peek().is(Kind.KEYWORD, "AND")) {
      next++;
      all.add(test());
    }
    return new Comparison.And(all);
  }

  private Comparison test() throws PatternError {
    Token t = peek();
    if (t.kind() == Kind.LPAREN) {
      next++;
      enter(t);
      Comparison inner = comparisonOr();
      expect(Kind.RPAREN, "')'");
      depth--;
      return inner;
    }
    if (t.is(Kind.KEYWORD, "EXISTS")) {
      next++;
      return new Comparison.Exists(objectPath());
    }
    ObjectPath path = objectPath();
    boolean negated = false;
    if (peek().is(Kind.KEYWORD, "NOT")) {
      next++;
      negated = true;
    }
    Token opToken = take();
    Operator op = operator(opToken);
    return new Comparison.Test(path, negated, op, operand(op));
  }

  private Operator operator(Token t) throws PatternError {
    switch (t.kind()) {
      case EQ: return Operator.EQ;
      case NEQ: return Operator.NEQ;
      case LT: return Operator.LT;
      case LE: return Operator.LE;
      case GT: return Operator.GT;
      case GE: return Operator.GE;
      case KEYWORD:
        switch (t.text()) {
          case "IN": return Operator.IN;
          case "LIKE": return Operator.LIKE;
          case "MATCHES": return Operator.MATCHES;
          case "ISSUBSET": return Operator.ISSUBSET;
          case "ISSUPERSET": return Operator.ISSUPERSET;
          default: break;
        }
        break;
      default:
        break;
    }
    throw error(t, "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
  }

  /** The right-hand side each operator admits (STIXPattern.g4 propTest). */
  private Constant operand(Operator op) throws PatternError {
    Token t = peek();
    switch (op) {
      case IN:
        return set();
      case LIKE:
      case MATCHES:
      case ISSUBSET:
      case ISSUPERSET:
        if (t.kind() != Kind.STRING) {
          throw error(t, "a string literal after " + op);
        }
        return PatternLiterals.constant(take());
      case EQ:
      case NEQ:
        return PatternLiterals.constant(take());
      default:
        if (t.kind() == Kind.BOOL) {
          throw error(t, "an orderable literal (not a boolean) after " + op);
        }
        return PatternLiterals.constant(take());
    }
  }

  private Constant set() throws PatternError {
    expect(Kind.LPAREN, "'(' starting a set");
    List<Constant> values = new ArrayList<>();
    if (peek().kind() != Kind.RPAREN) {
      values.add(PatternLiterals.constant(take()));
      while (peek().kind() == Kind.COMMA) {
        next++;
        values.add(PatternLiterals.constant(take()));
      }
    }
    expect(Kind.RPAREN, "')' closing the set");
    return new Constant.Set(values);
  }

  private ObjectPath objectPath() throws PatternError {
    Token type = take();
    if (type.kind() != Kind.IDENT || !Identifiers.isTypeName(type.text())) {
      throw error(type, "an object type (3-250 characters of a-z, 0-9, '-')");
    }
    expect(Kind.COLON, "':' after the object type");
    List<Step> steps = new ArrayList<>();
    steps.add(new Step.Property(propertyName(take())));
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.DOT) {
        next++;
        steps.add(new Step.Property(propertyName(take())));
      } else if (t.kind() == Kind.LBRACK && isIndexAhead()) {
        next++;
        Token i = take();
        if (i.kind() == Kind.ASTERISK) {
          steps.add(new Step.AnyIndex());
        } else {
          steps.add(new Step.Index(index(i)));
        }
        expect(Kind.RBRACK, "']' closing the list index");
      } else {
        return new ObjectPath(type.text(), steps);
      }
    }
  }

  /** A '[' inside a path is an index only when followed by an integer or '*' (else it opens nothing valid). */
  private boolean isIndexAhead() {
    Kind k = tokens.get(Math.min(next + 1, tokens.size() - 1)).kind();
    return k == Kind.INT || k == Kind.ASTERISK;
  }

  private static long index(Token t) throws PatternError {
    if (t.kind() != Kind.INT) {
      throw new PatternError(t.offset(), "expected an integer or '*' as list index, found " + describe(t));
    }
    try {
      return new BigInteger(t.text().startsWith("+") ? t.text().substring(1) : t.text()).longValueExact();
    } catch (ArithmeticException e) {
      throw new PatternError(t.offset(), "list index out of range");
    }
  }

  /** Path components are IdentifierWithoutHyphen or a quoted string. */
  private static String propertyName(Token t) throws PatternError {
    if (t.kind() == Kind.STRING || (t.kind() == Kind.IDENT && t.text().indexOf('-') < 0)) {
      return t.text();
    }
    throw new PatternError(t.offset(), "expected a property name (quote names containing '-'), found " + describe(t));
  }

  private void enter(Token t) throws PatternError {
    if (++depth > MAX_DEPTH) {
      throw new PatternError(t.offset(), "nesting deeper than " + MAX_DEPTH);
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.EOF) {
      next++;
    }
    return t;
  }

  private void expect(Kind kind, String what) throws PatternError {
    Token t = take();
    if (t.kind() != kind) {
      throw error(t, what);
    }
  }

  private void expectKeyword(String keyword) throws PatternError {
    Token t = take();
    if (!t.is(Kind.KEYWORD, keyword)) {
      throw error(t, keyword);
    }
  }

  static PatternError error(Token t, String expected) {
    return new PatternError(t.offset(), "expected " + expected + ", found " + describe(t));
  }

  static String describe(Token t) {
    return t.kind() == Kind.EOF ? "the end of the pattern" : Problems.quote(t.text());
  }
}
