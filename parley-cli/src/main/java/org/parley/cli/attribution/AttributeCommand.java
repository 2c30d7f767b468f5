package org.parley.cli.attribution;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.attribution.AttributionEngine;
import org.parley.attribution.Assessment;
import org.parley.attribution.Incidents;
import org.parley.attribution.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley attribute CASE.json [--kb FILE] [--format text|json|html|stix] [--lang en|zh-Hans|zh-Hant]}. */
@Command(name = "attribute", mixinStandardHelpOptions = true,
    description = "Attribute an incident (STIX 2.1 bundle) with competing hypotheses over MITRE ATT&CK.")
public final class AttributeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CASE.json") Path incident;
  @Option(names = "--kb", paramLabel = "FILE", description = "ATT&CK bundle or compact knowledge base")
  Path kb;
  @Option(names = "--data", paramLabel = "DIR", description = "data dir holding the imported knowledge base")
  Path data;
  @Option(names = "--format", defaultValue = "text", description = "text, json, html or stix") String format;
  @Option(names = "--lang", defaultValue = "en", description = "en, zh-Hans or zh-Hant (text and html)")
  String lang;

  @Override
  public Integer call() throws Exception {
    KnowledgeBase k = KbFiles.load(Optional.ofNullable(kb), Optional.ofNullable(data));
    Assessment a = AttributionEngine.create(k).attribute(Incidents.read(incident, k));
    a.actors().stream().limit(5).forEach(h -> System.out.println(h.label() + " " + h.probability()));
    System.out.println(a.incident().evidence().size() + " resolved, unresolved " + a.incident().unresolved());
    return 0;
  }
}
