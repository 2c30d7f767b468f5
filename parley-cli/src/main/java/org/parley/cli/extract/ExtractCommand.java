package org.parley.cli.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.extract.Documents;
import org.parley.extract.ExtractException;
import org.parley.extract.Extraction;
import org.parley.extract.Extractions;
import org.parley.extract.Extractor;
import org.parley.extract.SourceDocument;
import org.parley.extract.StixEvidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley extract FILE|- [--kb FILE] [--format stix|json|text]}. */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Extract indicators, ATT&CK techniques and targeted victims (with source spans) from a report: "
        + "text, Markdown, HTML or PDF; English or Chinese; '-' reads stdin.")
public final class ExtractCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format { stix, json, text }

  @Parameters(index = "0", paramLabel = "FILE|-", description = "report file, or '-' for standard input")
  String file;

  @Option(names = "--format", defaultValue = "stix", description = "stix (bundle), json or text; default ${DEFAULT-VALUE}")
  Format format;

  @Option(names = "--input-format", description = "text, markdown, html or pdf (default: from the file name or content)")
  SourceDocument.Format inputFormat;

  @Mixin
  KnowledgeOption kb;

  private final Clock clock;

  public ExtractCommand() {
    this(Clock.systemUTC());
  }

  ExtractCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = Console.out();
    PrintWriter err = Console.err();
    try {
      SourceDocument doc = file.equals("-")
          ? Documents.read(System.in, "stdin", Optional.ofNullable(inputFormat))
          : inputFormat == null ? Documents.read(Path.of(file))
          : Documents.fromBytes(java.nio.file.Files.readAllBytes(Path.of(file)), Path.of(file).getFileName().toString(),
              Optional.of(inputFormat));
      Extraction e = Extractor.create(kb.model()).extract(doc);
      ObjectMapper m = new ObjectMapper();
      switch (format) {
        case stix -> out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(StixEvidence.bundle(e, clock.instant())));
        case json -> out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(Extractions.toJson(e)));
        case text -> out.print(Extractions.toText(e));
      }
      out.flush();
      return 0;
    } catch (ExtractException e) {
      err.println("parley extract: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("parley extract: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
  }

}
