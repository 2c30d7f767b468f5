package org.parley.tlog;

import java.util.Optional;

/**
 * A witness's memory of the logs it cosigns. C2SP tlog-witness v1.0.0 requires that checking the old size and
 * persisting the new checkpoint be atomic, and that the new checkpoint be persisted before the cosignature is
 * returned; implementations MUST therefore:
 * <ol>
 *   <li>make {@link #compareAndSet} atomic: store {@code next} only if the current state of {@code origin} equals
 *       {@code expected} (empty meaning never cosigned), otherwise change nothing and return false;</li>
 *   <li>not return true from {@link #compareAndSet} before {@code next} is durable;</li>
 *   <li>never let a state move to a smaller size (the witness only asks for that after verifying consistency,
 *       which already excludes it).</li>
 * </ol>
 */
public interface WitnessStateStore {
  Optional<WitnessState> latest(String origin);

  boolean compareAndSet(String origin, Optional<WitnessState> expected, WitnessState next);
}
