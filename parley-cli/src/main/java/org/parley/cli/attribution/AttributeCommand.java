package org.parley.cli.attribution;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.parley.attribution.Assessment;
import org.parley.attribution.AttributionEngine;
import org.parley.attribution.Incident;
import org.parley.attribution.Incidents;
import org.parley.attribution.KnowledgeBase;
import org.parley.attribution.Lang;
import org.parley.attribution.Reports;
import org.parley.cli.DataDirs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley attribute CASE.json|- [--kb FILE] [--intel FILE]... [--format text|json|html|stix]
 * [--lang en|zh-Hans|zh-Hant]}.
 */
@Command(name = "attribute", mixinStandardHelpOptions = true,
    description = "Attribute an incident (STIX 2.1 bundle) with competing hypotheses over MITRE ATT&CK.")
public final class AttributeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CASE.json",
      description = "the incident: a STIX 2.1 bundle (e.g. from `parley extract`); - reads stdin") Path incident;
  @Option(names = "--kb", paramLabel = "FILE", description = "ATT&CK bundle (.json/.json.gz) or compact knowledge base")
  Path kb;
  @Option(names = "--data", paramLabel = "DIR", description = "data dir holding the imported knowledge base (`parley kb import`); default: $"
      + DataDirs.ENV + ", else ./" + DataDirs.DEFAULT)
  Path data;
  @Option(names = "--intel", paramLabel = "FILE", description = "shared intel extending the knowledge base: a STIX "
      + "bundle, e.g. from `parley pull --out FILE` (intrusion sets, campaigns, relationships...); repeatable")
  java.util.List<Path> intel = new java.util.ArrayList<>();
  @Option(names = "--format", defaultValue = "text", description = "text, json, html or stix (default text)")
  String format;
  @Option(names = "--unknown-share", paramLabel = "P", description = "the share (0 < P < 1) of incidents in your "
      + "caseload by actors absent from the knowledge base; moves P(UNKNOWN) as a prior does (default: the model's "
      + "own, 0.357)")
  Double unknownShare;
  @Option(names = "--lang", defaultValue = "en", description = "en, zh-Hans or zh-Hant (text and html)")
  String lang;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The engine: for the share of unknown actors given on the command line, else the data dir's settings when the
   * knowledge base is the data dir's (no {@code --kb}), else the model's own.
   */
  static AttributionEngine engine(KnowledgeBase k, Double unknownShare, Object command, Path kb, Path data)
      throws org.parley.attribution.AttributionException {
    if (unknownShare == null) {
      return kb == null ? org.parley.attribution.AttributionSettings.read(KbFiles.dataDir(Optional.ofNullable(data)))
          .engine(k) : AttributionEngine.create(k);
    }
    return settings(unknownShare, command).engine(k);
  }

  /** {@code --unknown-share P} as settings, or the option's error (exit 2) saying what it must be. */
  static org.parley.attribution.AttributionSettings settings(double unknownShare, Object command) {
    try {
      return new org.parley.attribution.AttributionSettings(unknownShare);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(command),
          "--unknown-share must be between 0 and 1 (exclusive), e.g. 0.5 when half your incidents are by actors "
              + "nobody has named, got " + unknownShare);
    }
  }

  @Override
  public Integer call() throws Exception {
    Lang language;
    try {
      language = Lang.parse(lang);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String f = format.toLowerCase(Locale.ROOT);
    if (!java.util.Set.of("text", "json", "html", "stix").contains(f)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format must be text, json, html or stix");
    }
    KnowledgeBase k = KbFiles.load(Optional.ofNullable(kb), Optional.ofNullable(data), intel, System.err);
    Incident read = incident.toString().equals("-") ? Incidents.read(System.in, k) // parley extract … | attribute -
        : Incidents.read(incident, k);
    Assessment a = engine(k, unknownShare, this, kb, data).attribute(read);
    String out = switch (f) {
      case "json" -> Reports.json(a);
      case "html" -> Reports.html(a, language);
      case "stix" -> Reports.stix(a, Instant.now(), UUID::randomUUID);
      default -> Reports.text(a, language);
    };
    PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ps.print(out);
    ps.flush();
    return 0;
  }
}
