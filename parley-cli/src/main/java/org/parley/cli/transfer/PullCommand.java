package org.parley.cli.transfer;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.parley.cli.Failures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley pull --from URL --collection ID --token T [--out FILE]}: pages through a collection by following
 * {@code next} (TAXII 2.1 §3.4) and writes one STIX bundle; prints the last {@code date_added} for resuming.
 * The bundle is a faithful export: every version of every object the caller may read, in the order the node added
 * them, each as the exact bytes the node stores — so pushing it into another collection reproduces them.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Fetch a TAXII 2.1 collection's objects into a STIX bundle (stdout or --out FILE):"
        + " every version of each object, in the order the node added them, as the exact bytes the node stores.",
        "Exit status 0: the whole collection was written; 1: the transfer failed (the message says how to resume);"
            + " 2: bad options."})
public final class PullCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "URL", description = "the node's TAXII API root URL")
  URI from;

  @Mixin
  CollectionAccess access;

  @Option(names = "--added-after", paramLabel = "TIMESTAMP", description = "only objects added after this")
  Optional<String> addedAfter = Optional.empty();

  @Option(names = "--limit", defaultValue = "1000", description = "objects per page (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--out", paramLabel = "FILE", description = "write the bundle here instead of stdout")
  Optional<Path> out = Optional.empty();

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      System.err.println("parley pull: --limit must be positive");
      return 2;
    }
    TaxiiClient client = access.client(from);
    Progress progress = new Progress("pull");
    Optional<String> last = Optional.empty();
    Path target = out.orElse(null);
    Path partial = target == null ? null : target.resolveSibling(target.getFileName() + ".partial");
    OutputStream sink = partial == null ? new FilterOutputStream(System.out) { // System.out stays open
      @Override
      public void close() throws IOException {
        flush();
      }
    } : Files.newOutputStream(partial);
    try (OutputStream bundle = new BufferedOutputStream(sink, 1 << 16)) {
      bundle.write(("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[")
          .getBytes(StandardCharsets.US_ASCII));
      long written = 0;
      Optional<String> next = Optional.empty();
      do {
        TaxiiClient.Page page = client.objects(access.collection, addedAfter, next, limit);
        for (EnvelopeReader.Element object : page.objects()) {
          if (written++ > 0) {
            bundle.write(',');
          }
          bundle.write(object.bytes()); // exact bytes, as the node stores and serves them
        }
        progress.advance(page.objects().size());
        if (page.dateAddedLast().isPresent()) {
          last = page.dateAddedLast();
        }
        next = page.more() ? page.next() : Optional.empty();
        if (page.more() && next.isEmpty()) {
          throw new TransferException("the server said more=true without a next cursor; cannot continue", null);
        }
      } while (next.isPresent());
      bundle.write("]}\n".getBytes(StandardCharsets.US_ASCII));
    } catch (TransferException | IOException e) {
      progress.done();
      System.err.println("parley pull: " + (e instanceof TransferException ? e.getMessage()
          : "cannot write the bundle to " + (target == null ? "stdout" : partial) + ": " + Failures.describe(e)));
      last.ifPresent(l -> System.err.println("parley pull: resume with --added-after " + l));
      return 1;
    }
    if (partial != null) {
      Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    progress.done();
    last.ifPresent(l -> System.err.println("parley pull: last date_added " + l + " (resume with --added-after)"));
    return 0;
  }
}
