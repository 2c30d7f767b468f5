package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** A URL that PDF layout broke at the right margin is read whole; lists and sentences keep their line breaks. */
class PdfUrlWrapTest {
  private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private static final float SIZE = 10;
  private static final float LEFT = 72;
  private static final float WIDTH = 468; // a letter page with one-inch margins

  /** Words of filler prose, then {@code tail}, filling the line to the right margin. */
  private static String fullLine(String tail) throws Exception {
    String[] filler = "the actor staged tooling on a compromised server and then moved laterally across hosts".split(" ");
    StringBuilder b = new StringBuilder();
    for (int i = 0; width(b + " " + filler[i % filler.length] + " " + tail) < WIDTH; i++) {
      b.append(b.length() == 0 ? "" : " ").append(filler[i % filler.length]);
    }
    return (b + " " + tail).strip();
  }

  private static float width(String s) throws Exception {
    return FONT.getStringWidth(s) / 1000 * SIZE;
  }

  private static byte[] pdf(List<String> lines) throws Exception {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(FONT, SIZE);
        cs.newLineAtOffset(LEFT, 720);
        for (String l : lines) {
          cs.showText(l);
          cs.newLineAtOffset(0, -12);
        }
        cs.endText();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  private static List<String> indicators(byte[] pdf) throws Exception {
    SourceDocument d = Documents.fromBytes(pdf, "report.pdf", Optional.empty());
    List<String> out = new ArrayList<>();
    Extractor.builtIn().indicators(d.text()).forEach(i -> out.add(i.type().label() + ":" + i.value()));
    return out;
  }

  @Test
  void aUrlBrokenAtTheMargin_isReadWhole() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(fullLine("and so on."));
    }
    lines.add(fullLine("hxxp://files.example-cdn[.]net/assets/2024/loader/"));
    lines.add("update.php?id=7 was fetched by the loader on each host.");

    assertThat(indicators(pdf(lines))).contains("url:http://files.example-cdn.net/assets/2024/loader/update.php?id=7")
        .doesNotContain("url:http://files.example-cdn.net/assets/2024/loader/");
  }

  @Test
  void aListOfUrlsAndASentenceAfterAUrl_keepTheirBreaks() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(fullLine("and so on."));
    }
    lines.add("hxxp://first.example-cdn[.]net/assets/a.js");
    lines.add("second.example-cdn[.]net/b.js");
    lines.add(fullLine("hxxp://files.example-cdn[.]net/assets/2024/loader/"));
    lines.add("The loader fetched it on each host.");

    List<String> found = indicators(pdf(lines));

    assertThat(found).contains("url:http://first.example-cdn.net/assets/a.js", "url:second.example-cdn.net/b.js",
        "url:http://files.example-cdn.net/assets/2024/loader/");
  }

  @Test
  void aPdfOfMoreThanTheMostPagesRead_isRefused_notCutSilently() throws Exception {
    byte[] big;
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int p = 0; p < 5_001; p++) {
        doc.addPage(new PDPage());
      }
      doc.save(out);
      big = out.toByteArray();
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Documents.fromBytes(big, "big.pdf", Optional.empty()))
        .isInstanceOf(ExtractException.class).hasMessageContaining("5001 pages").hasMessageContaining("5000");
  }
}
