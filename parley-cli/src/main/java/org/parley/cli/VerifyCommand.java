package org.parley.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.node.log.LogAudit;
import org.parley.node.log.LogException;
import org.parley.node.log.LogLeaf;
import org.parley.node.log.ProofBundle;
import org.parley.tlog.Cosignature;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check, offline and with nothing but verifier keys, a proof bundle, a checkpoint, a whole log or a"
        + " split-view alert."
        + " Exit status 0: verified; 1: verification failed; 2: unusable input.",
    subcommands = {VerifyCommand.ObjectProof.class, VerifyCommand.CheckpointNote.class, VerifyCommand.WholeLog.class,
        VerifySplitView.class})
final class VerifyCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static VerifierKey key(String vkey) throws ProofException {
    return VerifierKey.parse(vkey.strip());
  }

  /**
   * Exit status 2 for input that cannot be used — a malformed key, a file that cannot be read, a log that cannot
   * be reached — as the command's description promises: it says nothing about whether the thing verifies.
   */
  static int unusable(String what, Exception e) {
    System.err.println("parley: " + what + ": " + (e.getMessage() == null || Failures.isUntrustedCertificate(e)
        ? Failures.describe(e) : e.getMessage()));
    return 2;
  }

  /** The verifier keys, or null after reporting an unusable one (exit 2). */
  static List<VerifierKey> keys(String option, List<String> vkeys) {
    List<VerifierKey> out = new ArrayList<>();
    for (String k : vkeys) {
      try {
        out.add(key(k));
      } catch (ProofException e) {
        unusable(option, e);
        return null;
      }
    }
    return out;
  }

  static int failed(ProofException e) {
    System.err.println("NOT VERIFIED: " + e.getMessage());
    return 1;
  }

  @Command(name = "object", mixinStandardHelpOptions = true,
      description = "Verify a proof bundle (GET /log/proof): checkpoint signature, leaf format, inclusion proof;"
          + " with --object, also that the object's RFC 8785 SHA-256 and id are the leaf's.")
  static final class ObjectProof implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE", description = "the proof bundle (JSON)")
    Path bundle;

    @Option(names = "--vkey", required = true, description = "the log's verifier key")
    String vkey;

    @Option(names = "--object", paramLabel = "FILE", description = "the STIX object (JSON) the leaf should name")
    Path object;

    @Override
    public Integer call() throws Exception {
      ProofBundle b;
      List<VerifierKey> k = keys("--vkey", List.of(vkey));
      if (k == null) {
        return 2;
      }
      byte[] objectBytes = null;
      try {
        b = ProofBundle.parse(Files.readAllBytes(bundle));
      } catch (LogException e) {
        System.err.println("parley: " + e.getMessage());
        return 2;
      } catch (java.io.IOException e) {
        return unusable("cannot read the proof bundle " + bundle, e);
      }
      try {
        objectBytes = object == null ? null : Files.readAllBytes(object);
      } catch (java.io.IOException e) {
        return unusable("cannot read the object " + object, e);
      }
      try {
        LogLeaf leaf = object == null ? b.verify(k.get(0)) : b.verifyObject(k.get(0), objectBytes);
        System.out.printf("VERIFIED: leaf %d of the log's tree of size %d%n", b.proof().index(), b.proof().size());
        System.out.printf("  %s %s version %s in collection %s%n  sha256 %s%n  by %s at %s%n",
            leaf.op().name().toLowerCase(java.util.Locale.ROOT), leaf.objectId(), leaf.version(), leaf.collection(),
            leaf.sha256(), leaf.party(), leaf.date());
        if (object == null) {
          System.out.println("  (the object itself was not checked: pass --object FILE)");
        }
        return 0;
      } catch (ProofException e) {
        return failed(e);
      }
    }
  }

  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = "Verify a signed checkpoint (GET /log/checkpoint) and count the witnesses' cosignatures.")
  static final class CheckpointNote implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the checkpoint note")
    Path file;

    // A list, so that a second --vkey (a witness key, as 'parley peer keys' prints both) meets a message that
    // points to --witness rather than picocli's "should be specified only once".
    @Option(names = "--vkey", required = true, paramLabel = "LOGKEY", description = "the log's verifier key (once)")
    List<String> vkeys = new ArrayList<>();

    @Option(names = "--witness", paramLabel = "VKEY", description = "a witness's verifier key (repeatable)")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--min-cosignatures", defaultValue = "0",
        description = "fail unless at least this many of the given witnesses cosigned (default ${DEFAULT-VALUE})")
    int minCosignatures;

    @Override
    public Integer call() throws Exception {
      if (vkeys.size() > 1) {
        System.err.println("parley: --vkey is the log's key and is given once; give each witness's key with"
            + " --witness VKEY (e.g. --vkey LOGKEY --witness WITNESSKEY --witness WITNESSKEY2)");
        return 2;
      }
      List<VerifierKey> log = keys("--vkey", vkeys);
      List<VerifierKey> w = log == null ? null : keys("--witness", witnesses);
      if (w == null) {
        return 2;
      }
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return unusable("cannot read " + file + " (a checkpoint note, UTF-8)", e);
      }
      try {
        SignedCheckpoint c = SignedCheckpoint.open(text, log.get(0), w);
        List<Cosignature> cosigs = c.cosignatures(w);
        if (cosigs.size() < minCosignatures) {
          throw new ProofException("cosignatures", "at least " + minCosignatures, Integer.toString(cosigs.size()));
        }
        System.out.printf("VERIFIED: %s size %d root %s%n", c.checkpoint().origin(), c.checkpoint().size(),
            c.checkpoint().root().base64());
        for (Cosignature cs : cosigs) {
          System.out.printf("  cosigned by %s at %s%n", cs.name(), java.time.Instant.ofEpochSecond(cs.timestamp()));
        }
        return 0;
      } catch (ProofException e) {
        return failed(e);
      }
    }
  }

  @Command(name = "log", mixinStandardHelpOptions = true,
      description = "Audit a whole log: checkpoint signature, every entry, every tile, and the root, recomputed."
          + " SOURCE is a node's base URL (https://host:port, its log then being /log/), its log URL"
          + " (https://host:port/log/) or a directory mirrored with --save.")
  static final class WholeLog implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", description = "https://HOST:PORT[/log/] or a directory mirrored with --save")
    String source;

    @Option(names = "--vkey", required = true, description = "the log's verifier key")
    String vkey;

    @Option(names = "--user", paramLabel = "PARTY:TOKEN", description = "credentials for a node's /log/ (Basic)")
    String user;

    @Option(names = "--save", paramLabel = "DIR", description = "first copy the log into DIR, then audit the copy")
    Path save;

    @Override
    public Integer call() throws Exception {
      List<VerifierKey> k = keys("--vkey", List.of(vkey));
      if (k == null) {
        return 2;
      }
      boolean remote = source.startsWith("http://") || source.startsWith("https://");
      String where = remote ? logUrl(source) : source;
      LogAudit.Source from = withCheckpoint(remote
          ? LogAudit.http(where, Optional.ofNullable(user).map(u -> "Basic "
              + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))))
          : LogAudit.directory(Path.of(source)), where, remote);
      try {
        if (save != null) {
          LogAudit.mirror(from, save);
          from = LogAudit.directory(save);
        }
        LogAudit.Report r = LogAudit.verify(from, k.get(0));
        System.out.printf("VERIFIED: %s size %d root %s: %d entries and %d tiles recomputed%n",
            r.checkpoint().checkpoint().origin(), r.checkpoint().checkpoint().size(),
            r.checkpoint().checkpoint().root().base64(), r.entries(), r.tilesChecked());
        return 0;
      } catch (ProofException e) {
        return failed(e);
      } catch (java.io.IOException e) {
        return unusable("cannot read the log at " + where, e);
      }
    }

    /**
     * The log URL for {@code url}: a node's base URL, as users type it ({@code http://127.0.0.1:8080}, with or
     * without a final "/"), means its {@code /log/}; any other path is taken as the log's own.
     */
    static String logUrl(String url) {
      java.net.URI u;
      try {
        u = java.net.URI.create(url);
      } catch (IllegalArgumentException e) {
        return url; // reading it fails and says so
      }
      String path = u.getRawPath();
      if ((path == null || path.isEmpty() || path.equals("/")) && u.getRawQuery() == null) {
        return u.getScheme() + "://" + u.getRawAuthority() + "/log/";
      }
      return url;
    }

    /** {@code source}, whose missing checkpoint is refused saying where it was looked for and what is expected. */
    private static LogAudit.Source withCheckpoint(LogAudit.Source source, String where, boolean remote) {
      return path -> {
        Optional<byte[]> bytes = source.read(path);
        if (bytes.isEmpty() && path.equals("checkpoint")) {
          throw new java.io.IOException("no checkpoint at " + (remote ? (where.endsWith("/") ? where : where + "/")
              + "checkpoint" : Path.of(where).resolve("checkpoint")) + ": give a node's base URL"
              + " (e.g. http://127.0.0.1:8080) or its log URL (http://127.0.0.1:8080/log/), or a directory"
              + " mirrored with --save");
        }
        return bytes;
      };
    }
  }
}
