package org.parley.cli.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley pull --from URL --collection ID --token T [--out FILE]}: pages through a collection by following
 * {@code next} (TAXII 2.1 §3.4) and writes one STIX bundle; prints the last {@code date_added} for resuming.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Fetch a TAXII 2.1 collection's objects into a STIX bundle (stdout or --out FILE).")
public final class PullCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    try (OutputStream sink = partial == null ? System.out : Files.newOutputStream(partial);
         JsonGenerator gen = JSON.getFactory().createGenerator(sink, JsonEncoding.UTF8)) {
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.writeStartObject();
      gen.writeStringField("type", "bundle");
      gen.writeStringField("id", "bundle--" + UUID.randomUUID());
      gen.writeArrayFieldStart("objects");
      Optional<String> next = Optional.empty();
      do {
        TaxiiClient.Page page = client.objects(access.collection, addedAfter, next, limit);
        for (JsonNode object : page.body().path("objects")) {
          gen.writeTree(object);
        }
        progress.advance(page.body().path("objects").size());
        if (page.dateAddedLast().isPresent()) {
          last = page.dateAddedLast();
        }
        boolean more = page.body().path("more").asBoolean(false);
        next = more ? Optional.ofNullable(page.body().path("next").textValue()) : Optional.empty();
        if (more && next.isEmpty()) {
          throw new TransferException("the server said more=true without a next cursor; cannot continue", null);
        }
      } while (next.isPresent());
      gen.writeEndArray();
      gen.writeEndObject();
      gen.flush();
    } catch (TransferException | IOException e) {
      progress.done();
      System.err.println("parley pull: " + e.getMessage());
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
