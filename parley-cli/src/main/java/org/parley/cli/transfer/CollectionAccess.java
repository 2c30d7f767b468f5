package org.parley.cli.transfer;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code push} and {@code pull} share: which collection, and the credentials to reach it. */
final class CollectionAccess {
  @Option(names = "--collection", required = true, paramLabel = "ID", description = "collection id")
  String collection;

  @Option(names = "--token", required = true, paramLabel = "T", description = "API token")
  String token;

  @Option(names = "--party", paramLabel = "NAME", description = "use HTTP Basic with this party name")
  Optional<String> party = Optional.empty();

  /** A client of the node at {@code apiRoot} with these credentials. */
  TaxiiClient client(URI apiRoot) {
    return new TaxiiClient(apiRoot, token, party);
  }
}
