package org.parley.cli.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.parley.stix.Stix;
import org.parley.stix.StixException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley push FILE --to URL --collection ID --token T}: sends a STIX bundle or TAXII envelope to a node in
 * envelopes of at most {@code --batch} objects, waits for each status resource and reports every refused object.
 *
 * <p>Every accepted object enters the node's append-only log for good, so nothing is sent until the whole file has
 * been read and checked: a first pass over the file checks its JSON and every element (a truncated file, an element
 * that is no object, an object the node could not even parse are refused, and nothing is sent); a second pass sends
 * each object's exact bytes. Both passes stream: memory holds one envelope, not the file.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Send STIX objects from a bundle or envelope file (or - for stdin) to a TAXII 2.1 collection.",
        "The whole file is checked before anything is sent; each object is sent as its exact bytes.",
        "Exit status 0: every object accepted; 1: objects refused, the file refused (nothing sent) or the transfer"
            + " failed (the message says how many objects were accepted before it); 2: bad options."})
public final class PushCommand implements Callable<Integer> {
  /** {@code {"objects":[]}}: what an envelope adds to its objects and the commas between them. */
  private static final int ENVELOPE_OVERHEAD = 14;

  private static final String EXPECTED =
      "expected a STIX bundle or a TAXII envelope: {\"objects\": [{...}, ...]}, UTF-8 JSON";

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
    if (!file.equals("-")) {
      return push(Path.of(file), file);
    }
    // stdin cannot be read twice: keep it in a private temporary file for the check and the send
    Path spool = Files.createTempFile("parley-push-", ".json");
    try {
      try (InputStream in = System.in) {
        Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
      }
      return push(spool, "stdin");
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  private int push(Path input, String name) {
    TaxiiClient client = access.client(to);
    long maxLength;
    FileTime modified;
    long size;
    long total;
    try {
      maxLength = client.apiRootInformation().path("max_content_length").asLong(Long.MAX_VALUE);
    } catch (TransferException e) {
      System.err.println("parley push: " + e.getMessage());
      return 1;
    }
    try {
      modified = Files.getLastModifiedTime(input);
      size = Files.size(input);
      total = check(input, name, maxLength);
    } catch (TransferException e) {
      return nothingSent(e.getMessage());
    } catch (IOException e) {
      return nothingSent("cannot read " + name + ": " + reason(e));
    }
    if (total == 0) {
      System.out.println("0 accepted, 0 refused (" + name + " holds no objects: nothing was sent)");
      return 0;
    }
    Progress progress = new Progress("push");
    Batches batches = new Batches(client, maxLength, progress);
    try {
      if (!Files.getLastModifiedTime(input).equals(modified) || Files.size(input) != size) {
        return nothingSent(name + " changed while it was checked; push it again once it is complete");
      }
      long sent = new EnvelopeReader(name).readFile(input, e -> batches.add(e.bytes()));
      batches.flush();
      if (sent != total) {
        throw new TransferException(name + " changed while it was sent: " + sent + " objects instead of " + total,
            null);
      }
    } catch (TransferException | IOException e) {
      progress.done();
      batches.failures.forEach(f -> System.out.println("refused " + f));
      System.err.println("parley push: " + (e instanceof IOException io ? "cannot read " + name + ": " + reason(io)
          : e.getMessage()));
      System.err.printf("parley push: %,d of %,d objects were accepted before the error (%,d refused)%s; the node"
          + " keeps what it accepted, for good (its log is append-only). Run the same push again to send the rest:"
          + " objects already stored are accepted again as exact duplicates.%n", batches.accepted, total,
          batches.failures.size(), batches.inFlight == 0 ? ""
              : String.format(", and the %,d of the envelope in flight may have been stored too", batches.inFlight));
      return 1;
    }
    progress.done();
    batches.failures.forEach(f -> System.out.println("refused " + f));
    System.out.printf("%d accepted, %d refused%n", batches.accepted, batches.failures.size());
    return batches.failures.isEmpty() ? 0 : 1;
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static int nothingSent(String problem) {
    System.err.println("parley push: " + problem);
    System.err.println("parley push: nothing was sent (" + EXPECTED + ")");
    return 1;
  }

  /**
   * The first pass: the whole document, each element an object that fits one envelope under the node's {@code
   * max_content_length} (TAXII 2.1 §4.2) and that the node's own envelope parser reads (what it would refuse as
   * a whole envelope — invalid UTF-8, a lone surrogate, too deep nesting — it is refused here, before anything is
   * sent). Returns the number of objects. Objects breaking STIX rules pass: the node refuses each one in its status.
   */
  static long check(Path input, String name, long maxLength) throws TransferException, IOException {
    return new EnvelopeReader(name).readFile(input, e -> {
      if (e.length() + ENVELOPE_OVERHEAD > maxLength) {
        throw new TransferException(name + ": " + e.name() + " is " + e.length() + " bytes: no envelope holding it"
            + " fits the node's max_content_length of " + maxLength + " bytes", null);
      }
      try {
        Stix.parseEnvelope(envelope(List.of(e.bytes())));
      } catch (StixException x) {
        throw new TransferException(name + ": " + e.name() + " is not JSON the node reads: " + x.getMessage(), null);
      }
    });
  }

  /** Envelopes of at most {@code --batch} objects and {@code max_content_length} bytes, sent as they fill. */
  private final class Batches {
    private final TaxiiClient client;
    private final long maxLength;
    private final Progress progress;
    private final List<byte[]> pending = new ArrayList<>();
    private long pendingLength = ENVELOPE_OVERHEAD;
    long accepted;
    int inFlight;
    final List<String> failures = new ArrayList<>();

    Batches(TaxiiClient client, long maxLength, Progress progress) {
      this.client = client;
      this.maxLength = maxLength;
      this.progress = progress;
    }

    void add(byte[] object) throws TransferException {
      if (!pending.isEmpty() && pendingLength + 1 + object.length > maxLength) {
        flush();
      }
      pendingLength += (pending.isEmpty() ? 0 : 1) + object.length;
      pending.add(object);
      if (pending.size() == batch) {
        flush();
      }
    }

    void flush() throws TransferException {
      if (pending.isEmpty()) {
        return;
      }
      inFlight = pending.size();
      JsonNode status = awaitCompletion(client, client.postEnvelope(access.collection, envelope(pending)));
      inFlight = 0;
      accepted += status.path("success_count").asLong();
      for (JsonNode failure : status.path("failures")) {
        failures.add(failure.path("id").asText("?") + " " + failure.path("version").asText("")
            + ": " + failure.path("message").asText(""));
      }
      progress.advance(pending.size());
      pending.clear();
      pendingLength = ENVELOPE_OVERHEAD;
    }
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

  /** {@code {"objects":[o1,o2,…]}} around the objects' exact bytes. */
  static byte[] envelope(List<byte[]> objects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        ENVELOPE_OVERHEAD + objects.stream().mapToInt(o -> o.length + 1).sum());
    out.writeBytes("{\"objects\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int i = 0; i < objects.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(Objects.requireNonNull(objects.get(i)));
    }
    out.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
