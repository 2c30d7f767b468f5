package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A URL that hard wrapping broke at the right margin of plain text or Markdown is read whole; lists, sentences and
 * paragraphs after a URL keep their breaks, and HTML (whose lines are blocks, not a layout) is left as it is.
 */
class TextUrlWrapTest {
  private static final int WIDTH = 72;
  private static final String PROSE = "the actor staged tooling on a compromised server and then moved laterally "
      + "across hosts before it exfiltrated archives to cloud storage over several weeks of quiet activity";

  /**
   * Greedy wrapping at {@link #WIDTH} columns, as advisories are wrapped; a word longer than what is left of the line
   * is cut at the margin, as {@code pdftotext} and {@code fold} leave long URLs.
   */
  private static String wrap(String paragraph) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String w : paragraph.split(" ")) {
      String word = w;
      while (line.length() + (line.length() > 0 ? 1 : 0) + word.length() > WIDTH) {
        int room = WIDTH - line.length() - (line.length() > 0 ? 1 : 0);
        if (word.length() > 20 && room > 0) { // a long token is cut at the margin
          line.append(line.length() > 0 ? " " : "").append(word, 0, room);
          word = word.substring(room);
        }
        out.append(line).append('\n');
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    return out.append(line).append('\n').toString();
  }

  private static List<String> urls(String text) throws ExtractException {
    List<String> out = new ArrayList<>();
    for (Indicator i : Extractor.builtIn().indicators(text)) {
      if (i.type() == IndicatorType.URL) {
        out.add(i.value());
      }
    }
    return out;
  }

  @Test
  void aUrlCutAtTheMarginOfWrappedText_isReadWhole_andItsSpanCoversBothLines() throws ExtractException {
    String url = "https://cdn.portcall-services.com/assets/2023/q2/update-package/stage2.php?id=7731";
    String text = wrap(PROSE + " and fetched " + url + " then " + PROSE);
    assertThat(text).doesNotContain(url); // the wrapping did cut it
    List<Indicator> found = Extractor.builtIn().indicators(text);
    assertThat(urls(text)).containsExactly(url);
    Indicator u = found.stream().filter(i -> i.type() == IndicatorType.URL).findFirst().orElseThrow();
    assertThat(u.spans().get(0).text()).contains("\n").isEqualTo(text.substring(u.spans().get(0).start(),
        u.spans().get(0).end()));
    assertThat(u.spans().get(0).text().replace("\n", "")).isEqualTo(url);
    assertThat(found).noneMatch(i -> i.type() == IndicatorType.FILE_NAME && i.value().startsWith("e2.php"));
  }

  @Test
  void aUrlBrokenAfterAHyphenShortOfTheMargin_isReadWhole_withWindowsLineEnds() throws ExtractException {
    String text = wrap(PROSE + " " + PROSE).replace("\n", "\r\n")
        + "the loader then fetched https://cdn.portcall-update-\r\nservices.com/uploads/a9f3/loader.bin and ran it\r\n"
        + wrap(PROSE).replace("\n", "\r\n");

    assertThat(urls(text)).containsExactly("https://cdn.portcall-update-services.com/uploads/a9f3/loader.bin");
  }

  @Test
  void aDefangedUrlWithWindowsLineEnds_isReadWhole() throws ExtractException {
    String url = "hxxps://updates[.]example-cdn-services[.]net/downloads/2023/agent/installer-x64.msi";
    String text = wrap(PROSE + " and fetched " + url + " then " + PROSE).replace("\n", "\r\n");
    assertThat(text).contains("[.]examp\r\nle-cdn"); // (a break inside "[.]" itself is not joined: see UrlWrap)
    assertThat(urls(text)).containsExactly("https://updates.example-cdn-services.net/downloads/2023/agent/installer-x64.msi");
  }

  @Test
  void aListOfUrls_oneToALine_keepsItsBreaks() throws ExtractException {
    String text = wrap(PROSE) + "https://first-staging-host.example-one.com/a/b/\n"
        + "https://second-staging-host.example-two.com/c/\n" + "/usr/lib/x.so was dropped\n" + wrap(PROSE);
    assertThat(urls(text)).containsExactly("https://first-staging-host.example-one.com/a/b/",
        "https://second-staging-host.example-two.com/c/");
  }

  @Test
  void aSentenceOrAParagraphAfterAUrlAtTheMargin_keepsItsBreak() throws ExtractException {
    String url = "https://cdn.portcall-services.com/assets/2023/q2/update.php";
    String filler = "x".repeat(WIDTH - url.length() - 1);
    String sentence = wrap(PROSE) + filler + " " + url + "\nThe next stage ran.\n" + wrap(PROSE);
    String paragraph = wrap(PROSE) + filler + " " + url + "\n\n/tmp/x.sh ran.\n" + wrap(PROSE);
    String year = wrap(PROSE) + filler + " " + url + "\n2023. It ran.\n" + wrap(PROSE);
    assertThat(urls(sentence)).containsExactly(url);
    assertThat(urls(paragraph)).containsExactly(url);
    assertThat(urls(year)).containsExactly(url);
  }

  @Test
  void aMarkdownListItemAfterAUrlEndingAChineseSentence_keepsItsBreak() throws ExtractException {
    String url = "https://download.tw-patchcenter.com/files/svcupd.exe";
    String item = "- 攻擊者透過 PowerShell 腳本下載惡意程式，下載位址為 " + url + "。\n";
    String text = item.repeat(3) + "- 為了持久化，攻擊者建立服務，執行檔位於 C:\\Windows\\svcupd.exe。\n" + item
        + "- 其後\n";
    String bare = text.replace("。", "");

    assertThat(urls(text)).containsExactly(url);
    assertThat(urls(bare)).containsExactly(url); // "-" alone continues nothing
  }

  @Test
  void shortLinesAreNoLayout_soNothingIsJoined() throws ExtractException {
    String url = "https://cdn.portcall-services.com/assets/";
    String text = "a\nb\nc\n" + url + "\nupdate.php\n";
    assertThat(urls(text)).containsExactly(url);
  }

  @Test
  void aMarkdownReportIsJoined_andHtmlIsNot() throws ExtractException {
    String url = "https://cdn.portcall-services.com/assets/2023/q2/update-package/stage2.php?id=7731";
    String body = wrap(PROSE + " and fetched " + url + " then " + PROSE);
    SourceDocument md = Documents.fromBytes(body.getBytes(StandardCharsets.UTF_8), "r.md",
        Optional.of(SourceDocument.Format.MARKDOWN));
    assertThat(Extractor.builtIn().extract(md).indicators()).anyMatch(i -> i.value().equals(url));
    String html = "<html><body><pre>" + body + "</pre></body></html>";
    SourceDocument h = Documents.fromBytes(html.getBytes(StandardCharsets.UTF_8), "r.html", Optional.empty());
    assertThat(Extractor.builtIn().extract(h).indicators()).noneMatch(i -> i.value().equals(url));
  }
}
