package org.parley.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for where a command keeps a node's data (its SQLite database, the imported ATT&CK knowledge base,
 * attribution settings): {@code --data DIR}, else {@code $PARLEY_DATA}, else {@code ./parley-data}. Node commands
 * and attribution commands once had two defaults, so {@code parley kb import FILE} then {@code parley serve} left the
 * console without ATT&CK.
 */
public final class DataDirs {
  /** The environment variable that names the data directory when no {@code --data} is given. */
  public static final String ENV = "PARLEY_DATA";
  /** The data directory when neither {@code --data} nor {@link #ENV} names one, relative to the working directory. */
  public static final String DEFAULT = "parley-data";
  /** How {@code --help} states the rule. */
  public static final String HELP = "data directory; default: $" + ENV + ", else ./" + DEFAULT;

  private DataDirs() {}

  /** {@code explicit} ({@code --data}), else {@code $PARLEY_DATA}, else {@code ./parley-data}. */
  public static Path resolve(Optional<Path> explicit) {
    return resolve(explicit, System.getenv());
  }

  static Path resolve(Optional<Path> explicit, Map<String, String> env) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    String named = env.get(ENV);
    return named != null && !named.isBlank() ? Path.of(named) : Path.of(DEFAULT);
  }
}
