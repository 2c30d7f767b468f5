package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * Fuzzing of everything that reads report input. Under {@code mvn test} each method replays the inputs in
 * {@code src/test/resources/org/parley/extract/ExtractFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it
 * fuzzes, e.g. {@code JAZZER_FUZZ=1 mvn -o -pl parley-core test -Dtest='ExtractFuzzTest#extract_anyText_spansMatchText'}.
 * The contract: a result or an {@link ExtractException}, nothing else, and every span points at its own text.
 */
class ExtractFuzzTest {
  private static final Extractor EXTRACTOR = Extractor.builtIn();

  @FuzzTest(maxDuration = "2m")
  void extract_anyText_spansMatchText(FuzzedDataProvider data) throws Exception {
    String text = data.consumeRemainingAsString();
    Extraction e = EXTRACTOR.extract(Documents.ofText("fuzz", text));
    for (Indicator i : e.indicators()) {
      for (Span s : i.spans()) {
        assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
      }
    }
    for (TechniqueMatch t : e.techniques()) {
      for (Span s : t.spans()) {
        assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
      }
    }
    for (Victim v : e.victims()) {
      for (Span s : v.spans()) {
        assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
      }
    }
    assertThat(StixEvidence.bundle(e, java.time.Instant.EPOCH).get("objects").size()).isGreaterThan(0);
  }

  @FuzzTest(maxDuration = "2m")
  void read_anyBytesAnyFormat_resultOrExtractException(FuzzedDataProvider data) {
    SourceDocument.Format[] formats = SourceDocument.Format.values();
    SourceDocument.Format f = formats[data.consumeInt(0, formats.length - 1)];
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      SourceDocument d = Documents.fromBytes(bytes, "fuzz", Optional.of(f));
      assertThat(d.text().length()).isLessThanOrEqualTo(Documents.MAX_TEXT_CHARS);
    } catch (ExtractException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "2m")
  void read_pdfLikeBytes_resultOrExtractException(byte[] data) {
    byte[] pdf = new byte[data.length + 9];
    System.arraycopy("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, pdf, 0, 9);
    System.arraycopy(data, 0, pdf, 9, data.length);
    try {
      Documents.fromBytes(pdf, "fuzz.pdf", Optional.empty());
    } catch (ExtractException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
