package org.parley.cli.attribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.attribution.AttributionSettings;
import org.parley.attribution.DevSets;
import org.parley.attribution.KnowledgeBase;
import org.parley.cli.DataDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley kb import|settings|devset|bench}. */
@Command(name = "kb", mixinStandardHelpOptions = true, description = "Manage the attribution knowledge base.",
    subcommands = {KbCommand.Import.class, KbCommand.Settings.class, KbCommand.DevSet.class, BenchCommand.class})
public final class KbCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Imports an ATT&CK bundle into the compact knowledge-base file that attribute/eval load by default. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import a MITRE ATT&CK STIX bundle (.json or .json.gz) into the data dir.")
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path bundle;
    @Option(names = "--data", paramLabel = "DIR", description = DataDirs.HELP)
    Path data;

    @Override
    public Integer call() throws Exception {
      Path dir = KbFiles.dataDir(Optional.ofNullable(data));
      KnowledgeBase kb = KbFiles.importInto(bundle, dir);
      System.out.println("imported " + kb + " into " + dir.resolve(KbFiles.FILE));
      System.out.println(kb.stats());
      System.out.println("Contains MITRE ATT&CK content, (c) The MITRE Corporation, under the ATT&CK terms of use.");
      return 0;
    }
  }

  /** Shows or sets how incidents are attributed with the data dir's knowledge base (CLI and console alike). */
  @Command(name = "settings", mixinStandardHelpOptions = true,
      description = "Show or set how incidents are attributed with the data dir's knowledge base (the CLI's attribute"
          + " and eval on that data dir, and a node's console).")
  static final class Settings implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = DataDirs.HELP)
    Path data;
    @Option(names = "--unknown-share", paramLabel = "P", description = "the share (0 < P < 1) of your incidents by "
        + "actors absent from the knowledge base (the model's own: 0.357)")
    Double unknownShare;

    @Override
    public Integer call() throws Exception {
      Path dir = KbFiles.dataDir(Optional.ofNullable(data));
      AttributionSettings s = AttributionSettings.read(dir);
      if (unknownShare != null) {
        s = AttributeCommand.settings(unknownShare, this);
        s.write(dir);
      }
      System.out.printf(java.util.Locale.ROOT, "unknown share %.3f%s (%s)%n", s.unknownShare(),
          s.equals(AttributionSettings.DEFAULT) ? ", the model's own" : "", dir.resolve(AttributionSettings.FILE));
      return 0;
    }
  }

  /** Regenerates the development sets deterministically from one ATT&CK bundle. */
  @Command(name = "devset", mixinStandardHelpOptions = true,
      description = "Build the honest development sets (tune-2019, test-2021, campaigns) from an ATT&CK bundle.")
  static final class DevSet implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE") Path bundle;
    @Parameters(index = "1", paramLabel = "OUT") Path out;

    @Override
    public Integer call() throws Exception {
      Map<String, Integer> counts = DevSets.generate(bundle, out);
      counts.forEach((k, v) -> System.out.println(out.resolve(k) + ": " + v + " cases (knowledge base: "
          + out.resolve(k).resolve("kb.json.gz") + ")"));
      return 0;
    }
  }
}
