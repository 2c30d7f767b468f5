package org.parley.cli.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley push FILE --to URL --collection ID --token T}: sends a STIX bundle or TAXII envelope to a node in
 * envelopes of at most {@code --batch} objects, waits for each status resource and reports every refused object.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Send STIX objects from a bundle or envelope file (or - for stdin) to a TAXII 2.1 collection.")
public final class PushCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "FILE", description = "STIX bundle or TAXII envelope (JSON); - reads stdin")
  String file;

  @Option(names = "--to", required = true, paramLabel = "URL", description = "the node's TAXII API root URL")
  URI to;

  @Mixin
  CollectionAccess access;

  @Option(names = "--batch", defaultValue = "1000", description = "objects per envelope (default ${DEFAULT-VALUE})")
  int batch;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || batch > 100_000) {
      System.err.println("parley push: --batch must be between 1 and 100000");
      return 2;
    }
    TaxiiClient client = access.client(to);
    long maxLength = client.apiRootInformation().path("max_content_length").asLong(Long.MAX_VALUE);
    Progress progress = new Progress("push");
    Tally tally = new Tally();
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
         JsonParser parser = JSON.getFactory().createParser(in)) {
      seekObjectsArray(parser);
      List<JsonNode> pending = new ArrayList<>(batch);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        pending.add(JSON.readTree(parser));
        if (pending.size() == batch) {
          send(client, pending, maxLength, tally, progress);
        }
      }
      if (!pending.isEmpty()) {
        send(client, pending, maxLength, tally, progress);
      }
    } catch (TransferException e) {
      progress.done();
      System.err.println("parley push: " + e.getMessage());
      System.err.printf("parley push: %d objects accepted before the error; push the rest again"
          + " (objects already stored are accepted again as the same versions)%n", tally.accepted);
      return 1;
    } catch (IOException e) {
      progress.done();
      System.err.println("parley push: cannot read " + file + ": " + e.getMessage()
          + " (expected a STIX bundle or a TAXII envelope: {\"objects\": [...]})");
      return 1;
    }
    progress.done();
    tally.failures.forEach(f -> System.out.println("refused " + f));
    System.out.printf("%d accepted, %d refused%n", tally.accepted, tally.failures.size());
    return tally.failures.isEmpty() ? 0 : 1;
  }

  private static final class Tally {
    long accepted;
    final List<String> failures = new ArrayList<>();
  }

  /** Moves the parser to the START_ARRAY of the top-level {@code objects} member. */
  static void seekObjectsArray(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("top level is not a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("objects") && value == JsonToken.START_ARRAY) {
        return;
      }
      parser.skipChildren();
    }
    throw new IOException("no top-level \"objects\" array");
  }

  private void send(TaxiiClient client, List<JsonNode> objects, long maxLength, Tally tally, Progress progress)
      throws TransferException, IOException {
    byte[] envelope = envelope(objects);
    if (envelope.length > maxLength && objects.size() > 1) {
      // Halve until each envelope fits the node's max_content_length (TAXII 2.1 §4.2).
      List<JsonNode> first = new ArrayList<>(objects.subList(0, objects.size() / 2));
      List<JsonNode> second = new ArrayList<>(objects.subList(objects.size() / 2, objects.size()));
      objects.clear();
      send(client, first, maxLength, tally, progress);
      send(client, second, maxLength, tally, progress);
      return;
    }
    JsonNode status = awaitCompletion(client, client.postEnvelope(access.collection, envelope));
    tally.accepted += status.path("success_count").asLong();
    for (JsonNode failure : status.path("failures")) {
      tally.failures.add(failure.path("id").asText("?") + " " + failure.path("version").asText("")
          + ": " + failure.path("message").asText(""));
    }
    progress.advance(objects.size());
    objects.clear();
  }

  private static JsonNode awaitCompletion(TaxiiClient client, JsonNode status) throws TransferException {
    long sleep = 50;
    while (!"complete".equals(status.path("status").asText("complete"))) {
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransferException("interrupted while waiting for status " + status.path("id").asText(), e);
      }
      sleep = Math.min(sleep * 2, 2_000);
      status = client.status(status.path("id").asText());
    }
    return status;
  }

  private static byte[] envelope(List<JsonNode> objects) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(objects.size() * 512);
    try (JsonGenerator gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      gen.setCodec(JSON);
      gen.writeStartObject();
      gen.writeArrayFieldStart("objects");
      for (JsonNode object : objects) {
        gen.writeTree(object);
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
    return out.toByteArray();
  }
}
