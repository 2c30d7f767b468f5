package org.parley.stix;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A parsed STIX 2.1 pattern (STIX 2.1 §9): observation expressions combined with AND, OR and FOLLOWEDBY,
 * each holding comparison expressions over object paths. Chains of one operator are kept flat (n-ary), so
 * that a long pattern never becomes a deep tree. Obtained from {@link StixPatterns#parse(String)}.
 */
public sealed interface StixPattern {

  /** §9.5 an observation expression: {@code [ comparison ]}. */
  record Observation(Comparison comparison) implements StixPattern {
    public Observation {
      Objects.requireNonNull(comparison, "comparison");
    }
  }

  /** Two or more observation expressions joined by one operator, in order. */
  record Combination(ObservationOperator operator, List<StixPattern> operands) implements StixPattern {
    public Combination {
      Objects.requireNonNull(operator, "operator");
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("a combination needs at least two operands");
      }
    }
  }

  /** §9.6 an observation expression with qualifiers, applied in order. */
  record Qualified(StixPattern expression, List<Qualifier> qualifiers) implements StixPattern {
    public Qualified {
      Objects.requireNonNull(expression, "expression");
      qualifiers = List.copyOf(qualifiers);
      if (qualifiers.isEmpty()) {
        throw new IllegalArgumentException("at least one qualifier");
      }
    }
  }

  /** §9.5 observation operators. */
  enum ObservationOperator {
    AND,
    OR,
    FOLLOWEDBY
  }

  /** §9.6 qualifiers. */
  sealed interface Qualifier {
    /** {@code WITHIN n SECONDS}. */
    record Within(BigDecimal seconds) implements Qualifier {
      public Within {
        Objects.requireNonNull(seconds, "seconds");
      }
    }

    /** {@code REPEATS n TIMES}. */
    record Repeats(BigInteger times) implements Qualifier {
      public Repeats {
        Objects.requireNonNull(times, "times");
      }
    }

    /** {@code START t'..' STOP t'..'}. */
    record StartStop(Timestamp start, Timestamp stop) implements Qualifier {
      public StartStop {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
      }
    }
  }

  /** §9.4 comparison expressions. */
  sealed interface Comparison {
    /** Two or more comparisons that must all hold. */
    record And(List<Comparison> operands) implements Comparison {
      public And {
        operands = List.copyOf(operands);
      }
    }

    /** Two or more comparisons of which one must hold. */
    record Or(List<Comparison> operands) implements Comparison {
      public Or {
        operands = List.copyOf(operands);
      }
    }

    /** {@code path [NOT] operator value}. */
    record Test(ObjectPath path, boolean negated, Operator operator, Constant value) implements Comparison {
      public Test {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
      }
    }

    /** {@code EXISTS path}. */
    record Exists(ObjectPath path) implements Comparison {
      public Exists {
        Objects.requireNonNull(path, "path");
      }
    }
  }

  /** §9.4 comparison operators. */
  enum Operator {
    EQ,
    NEQ,
    GT,
    LT,
    GE,
    LE,
    IN,
    LIKE,
    MATCHES,
    ISSUBSET,
    ISSUPERSET
  }

  /** §9.3 an object path: {@code type:property(.property|[index])*}. */
  record ObjectPath(String objectType, List<Step> steps) {
    public ObjectPath {
      Objects.requireNonNull(objectType, "objectType");
      steps = List.copyOf(steps);
    }
  }

  /** One step of an object path after the object type. */
  sealed interface Step {
    record Property(String name) implements Step {
      public Property {
        Objects.requireNonNull(name, "name");
      }
    }

    record Index(long index) implements Step {}

    /** {@code [*]}: any item of a list. */
    record AnyIndex() implements Step {}
  }

  /** §9.2 constants. */
  sealed interface Constant {
    record Text(String value) implements Constant {
      public Text {
        Objects.requireNonNull(value, "value");
      }
    }

    record Integer(BigInteger value) implements Constant {
      public Integer {
        Objects.requireNonNull(value, "value");
      }
    }

    record Float(BigDecimal value) implements Constant {
      public Float {
        Objects.requireNonNull(value, "value");
      }
    }

    record Bool(boolean value) implements Constant {}

    /** {@code b'...'}: base64 decoded. */
    record Binary(Bytes value) implements Constant {
      public Binary {
        Objects.requireNonNull(value, "value");
      }
    }

    /** {@code h'...'}: hex decoded. */
    record Hex(Bytes value) implements Constant {
      public Hex {
        Objects.requireNonNull(value, "value");
      }
    }

    /** {@code t'...'}. */
    record Time(Timestamp value) implements Constant {
      public Time {
        Objects.requireNonNull(value, "value");
      }
    }

    /** {@code (c1, c2, ...)} for IN. */
    record Set(List<Constant> values) implements Constant {
      public Set {
        values = List.copyOf(values);
      }
    }
  }
}
