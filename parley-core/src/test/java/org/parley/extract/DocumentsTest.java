package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentsTest {
  @Test
  void read_gb18030Text_decodesChinese() throws Exception {
    byte[] gbk = "攻击者使用鱼叉式钓鱼邮件 evil[.]com".getBytes(Charset.forName("GB18030"));
    SourceDocument d = Documents.fromBytes(gbk, "x", Optional.empty());
    assertThat(d.text()).isEqualTo("攻击者使用鱼叉式钓鱼邮件 evil[.]com");
  }

  @Test
  void read_big5TextWithoutBom_decodesTraditionalChinese() throws Exception {
    String text = "攻擊者透過魚叉式釣魚郵件投遞載荷，並建立排程工作；C2 位於 evil[.]com。";
    byte[] big5 = text.getBytes(Charset.forName("Big5"));

    assertThat(Documents.fromBytes(big5, "x", Optional.empty()).text()).isEqualTo(text);
  }

  @Test
  void read_simplifiedAndTraditionalInGb18030_stayGb18030() throws Exception {
    for (String text : List.of("攻击者使用鱼叉式钓鱼邮件投递载荷，并创建计划任务。", "攻擊者透過魚叉式釣魚郵件投遞載荷。")) {
      byte[] gb = text.getBytes(Charset.forName("GB18030"));

      assertThat(Documents.fromBytes(gb, "x", Optional.empty()).text()).isEqualTo(text);
    }
  }

  @Test
  void read_utf16WithBom_decodes() throws Exception {
    byte[] b = "\uFEFFhello 1.2.3.4".getBytes(StandardCharsets.UTF_16LE);
    assertThat(Documents.fromBytes(b, "x", Optional.empty()).text()).isEqualTo("hello 1.2.3.4");
  }

  @Test
  void read_html_dropsScriptsAndKeepsBlocksApart() throws Exception {
    String html = "<html><head><script>var a='1.1.1.1';</script></head><body><p>first</p><p>second "
        + "<b>evil[.]com</b></p></body></html>";
    SourceDocument d = Documents.fromBytes(html.getBytes(StandardCharsets.UTF_8), "a.html", Optional.empty());
    assertThat(d.format()).isEqualTo(SourceDocument.Format.HTML);
    assertThat(d.text()).isEqualTo("first\nsecond evil[.]com");
  }

  @Test
  void read_html_dropsSoftHyphensAndZeroWidthBreaks_soNamesAndIndicatorsReadWhole() throws Exception {
    String html = "<html><body><p>Mimi&shy;katz from https://evil.com/long/<wbr>pa&#8203;th.php</p></body></html>";
    SourceDocument d = Documents.fromBytes(html.getBytes(StandardCharsets.UTF_8), "a.html", Optional.empty());
    assertThat(d.text()).isEqualTo("Mimikatz from https://evil.com/long/path.php");
  }

  @Test
  void read_deeplyNestedHtml_givesResult() throws Exception {
    String html = "<div>".repeat(100_000) + "x 8.8.8.8" + "</div>".repeat(100_000);
    SourceDocument d = Documents.fromBytes(html.getBytes(StandardCharsets.UTF_8), "deep.html", Optional.empty());
    assertThat(Extractor.builtIn().indicators(d.text())).extracting(Indicator::value).contains("8.8.8.8");
  }

  @Test
  void read_malformedPdf_throwsClearError() {
    byte[] junk = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer garbage".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Documents.fromBytes(junk, "bad.pdf", Optional.empty()))
        .isInstanceOf(ExtractException.class).hasMessageContaining("malformed PDF");
  }

  @Test
  void read_oversizedStream_throwsClearError() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'a');
        return len;
      }
    };
    assertThatThrownBy(() -> Documents.read(endless, "stdin", Optional.empty()))
        .isInstanceOf(ExtractException.class).hasMessageContaining("input too large");
  }

  @Test
  void read_markdownFile_keepsTextVerbatimSoSpansPointIntoTheFile() throws Exception {
    byte[] md = "# T\n\n`45.77.12[.]9`".getBytes(StandardCharsets.UTF_8);
    SourceDocument d = Documents.read(new ByteArrayInputStream(md), "r.md", Optional.of(SourceDocument.Format.MARKDOWN));
    Span s = Extractor.builtIn().indicators(d.text()).get(0).spans().get(0);
    assertThat(new String(md, StandardCharsets.UTF_8).substring(s.start(), s.end())).isEqualTo("45.77.12[.]9");
  }

  @Test
  void fromBytes_utf16WithoutAByteOrderMark_isRead_bothOrders() throws Exception {
    String report = "C2 at evil-cdn.com, payload a.exe";
    for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      SourceDocument d = Documents.fromBytes(report.getBytes(cs), "r.txt", Optional.empty());
      assertThat(d.text()).isEqualTo(report); // it was read as 8-bit text and gave nothing
    }
  }

  @Test
  void fromBytes_binaryContent_isRefused_notReadAsText() {
    byte[] exe = new byte[4096];
    new java.util.Random(3).nextBytes(exe);
    exe[0] = 'M';
    exe[1] = 'Z';

    assertThatThrownBy(() -> Documents.fromBytes(exe, "sample.bin", Optional.empty()))
        .isInstanceOf(ExtractException.class).hasMessageContaining("not text");
  }
}
