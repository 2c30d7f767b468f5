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
    description = "Check, offline and with nothing but verifier keys, a proof bundle, a checkpoint or a whole log."
        + " Exit status 0: verified; 1: verification failed; 2: unusable input.",
    subcommands = {VerifyCommand.ObjectProof.class, VerifyCommand.CheckpointNote.class, VerifyCommand.WholeLog.class})
final class VerifyCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static VerifierKey key(String vkey) throws ProofException {
    return VerifierKey.parse(vkey.strip());
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
      try {
        b = ProofBundle.parse(Files.readAllBytes(bundle));
      } catch (LogException e) {
        System.err.println("parley: " + e.getMessage());
        return 2;
      }
      try {
        LogLeaf leaf = object == null ? b.verify(key(vkey)) : b.verifyObject(key(vkey), Files.readAllBytes(object));
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

    @Option(names = "--vkey", required = true, description = "the log's verifier key")
    String vkey;

    @Option(names = "--witness", paramLabel = "VKEY", description = "a witness's verifier key (repeatable)")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--min-cosignatures", defaultValue = "0",
        description = "fail unless at least this many of the given witnesses cosigned (default ${DEFAULT-VALUE})")
    int minCosignatures;

    @Override
    public Integer call() throws Exception {
      try {
        List<VerifierKey> w = new ArrayList<>();
        for (String k : witnesses) {
          w.add(key(k));
        }
        SignedCheckpoint c = SignedCheckpoint.open(Files.readString(file, StandardCharsets.UTF_8), key(vkey), w);
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
          + " SOURCE is a node's log URL (https://host/log/) or a directory mirrored with --save.")
  static final class WholeLog implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE")
    String source;

    @Option(names = "--vkey", required = true, description = "the log's verifier key")
    String vkey;

    @Option(names = "--user", paramLabel = "PARTY:TOKEN", description = "credentials for a node's /log/ (Basic)")
    String user;

    @Option(names = "--save", paramLabel = "DIR", description = "first copy the log into DIR, then audit the copy")
    Path save;

    @Override
    public Integer call() throws Exception {
      boolean remote = source.startsWith("http://") || source.startsWith("https://");
      LogAudit.Source from = remote
          ? LogAudit.http(source, Optional.ofNullable(user).map(u -> "Basic "
              + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))))
          : LogAudit.directory(Path.of(source));
      try {
        if (save != null) {
          LogAudit.mirror(from, save);
          from = LogAudit.directory(save);
        }
        LogAudit.Report r = LogAudit.verify(from, key(vkey));
        System.out.printf("VERIFIED: %s size %d root %s: %d entries and %d tiles recomputed%n",
            r.checkpoint().checkpoint().origin(), r.checkpoint().checkpoint().size(),
            r.checkpoint().checkpoint().root().base64(), r.entries(), r.tilesChecked());
        return 0;
      } catch (ProofException e) {
        return failed(e);
      } catch (java.io.IOException e) {
        System.err.println("parley: " + e.getMessage());
        return 2;
      }
    }
  }
}
