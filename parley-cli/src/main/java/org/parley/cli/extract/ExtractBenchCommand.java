package org.parley.cli.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.parley.extract.Documents;
import org.parley.extract.ExtractException;
import org.parley.extract.Extraction;
import org.parley.extract.Extractor;
import org.parley.extract.SourceDocument;
import org.parley.extract.TechniqueModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley extract-bench}: indicator-pass throughput and 100-page PDF time, on generated inputs. */
@Command(name = "extract-bench", mixinStandardHelpOptions = true,
    description = "Benchmark extraction on generated input: indicator pass throughput (MB/s) and the time to "
        + "extract a generated N-page PDF report end to end.")
public final class ExtractBenchCommand implements Callable<Integer> {
  @Option(names = "--mb", defaultValue = "32", description = "size of the generated text in MB (default ${DEFAULT-VALUE})")
  int mb;

  @Option(names = "--pages", defaultValue = "100", description = "pages of the generated PDF (default ${DEFAULT-VALUE})")
  int pages;

  @Option(names = "--iterations", defaultValue = "5", description = "measured iterations (default ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the generator (default ${DEFAULT-VALUE})")
  long seed;

  @Mixin
  KnowledgeOption kb;

  private static final String[] PROSE = {
      "The actor sent spearphishing emails with a malicious Word attachment to employees of the ministry.",
      "After the macro ran, a PowerShell loader downloaded the second stage and created a scheduled task.",
      "Chrome version 1.2.3.4 and build 10.0.19041.1 were present on the host, as was svchost.exe.",
      "攻击者使用鱼叉式钓鱼邮件投递恶意附件，随后通过计划任务实现持久化。",
      "The implant collected system information, took screenshots and exfiltrated archives over HTTPS.",
      "Credentials were dumped from LSASS memory and used for lateral movement over RDP.",
      "See section 4.2 of the appendix; the table lists 12 hosts and 3 accounts.",
  };
  private static final String[] IOCS = {
      "hxxps://update-check[.]net/api/v2/gate.php", "45.77.12[.]9", "185.10.68.0/24", "cdn-sync[.]org",
      "d41d8cd98f00b204e9800998ecf8427e", "C:\\Users\\Public\\Libraries\\msupdate.dll", "CVE-2023-23397",
      "T1566.001", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "admin[@]mail-secure[.]com",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "AS4134", "10.2.3.4",
      "下载地址为hxxp：／／evil-cdn．com／a.exe",
  };

  @Override
  public Integer call() {
    PrintWriter out = Console.out();
    PrintWriter err = Console.err();
    try {
      Extractor builtIn = Extractor.builtIn();
      String text = generate(new Random(seed), mb * 1_000_000L);
      long bytes = text.getBytes(StandardCharsets.UTF_8).length;
      builtIn.indicators(text); // warm-up
      builtIn.indicators(text);
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long best = Long.MAX_VALUE;
      long total = 0;
      long bestCpu = Long.MAX_VALUE;
      long bestProcess = Long.MAX_VALUE;
      int found = 0;
      for (int i = 0; i < iterations; i++) {
        long p0 = processCpu();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        found = builtIn.indicators(text).size();
        long dt = System.nanoTime() - t0;
        bestCpu = Math.min(bestCpu, cpu.getCurrentThreadCpuTime() - c0);
        bestProcess = Math.min(bestProcess, processCpu() - p0);
        best = Math.min(best, dt);
        total += dt;
      }
      out.printf(Locale.ROOT, "indicator pass: %.1f MB (UTF-8) -> %d distinct indicators; wall mean %.1f MB/s, best %.1f"
          + " MB/s; by CPU time: thread %.1f MB/s, whole process incl. GC %.1f MB/s (%d iterations; CPU time is"
          + " immune to other load on the machine)%n",
          bytes / 1e6, found, bytes / 1e6 / (total / 1e9 / iterations), bytes / 1e6 / (best / 1e9),
          bytes / 1e6 / (bestCpu / 1e9), bytes / 1e6 / (bestProcess / 1e9), iterations);

      byte[] pdf = pdf(new Random(seed), pages);
      Optional<TechniqueModel> model = kb.path().isPresent() ? Optional.of(kb.model()) : Optional.empty();
      Extractor full = model.map(Extractor::create).orElse(builtIn);
      for (int i = 0; i < 2; i++) {
        full.extract(Documents.fromBytes(pdf, "bench.pdf", Optional.of(SourceDocument.Format.PDF)));
      }
      long c0 = processCpu();
      long t0 = System.nanoTime();
      SourceDocument doc = Documents.fromBytes(pdf, "bench.pdf", Optional.of(SourceDocument.Format.PDF));
      long t1 = System.nanoTime();
      Extraction e = full.extract(doc);
      long t2 = System.nanoTime();
      long c2 = processCpu();
      out.printf(Locale.ROOT, "%d-page PDF (%d KB, %d characters): read %.2f s + extract %.2f s = %.2f s; %d indicators,"
          + " %d techniques (technique model: %s); process CPU time %.2f s%n", pages, pdf.length / 1024, doc.text().length(),
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, e.indicators().size(), e.techniques().size(),
          model.isPresent() ? "ATT&CK-trained" : "built-in lexicon", (c2 - c0) / 1e9);
      return 0;
    } catch (ExtractException | IOException e) {
      err.println("parley extract-bench: " + e.getMessage());
      return 1;
    }
  }

  /** CPU time of the whole JVM (all threads, GC included), in nanoseconds. */
  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String generate(Random r, long approxBytes) {
    StringBuilder sb = new StringBuilder((int) Math.min(approxBytes, Integer.MAX_VALUE - 16));
    while (sb.length() < approxBytes) {
      sb.append(PROSE[r.nextInt(PROSE.length)]).append(' ');
      if (r.nextInt(3) == 0) {
        sb.append("Indicator: ").append(IOCS[r.nextInt(IOCS.length)]).append(' ')
            .append(r.nextInt(223) + 1).append('.').append(r.nextInt(256)).append('.')
            .append(r.nextInt(256)).append('.').append(r.nextInt(256)).append(". ");
      }
      if (r.nextInt(8) == 0) {
        sb.append("\n\n");
      }
    }
    return sb.toString();
  }

  static byte[] pdf(Random r, int pages) throws IOException {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream bos = new ByteArrayOutputStream()) {
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 9);
          cs.setLeading(12);
          cs.newLineAtOffset(40, 750);
          for (int line = 0; line < 55; line++) {
            String s = PROSE[r.nextInt(PROSE.length)];
            if (s.chars().anyMatch(c -> c > 0x7e)) {
              s = "Indicators: " + IOCS[r.nextInt(IOCS.length - 1)]; // Helvetica has no CJK glyphs
            }
            cs.showText(s.length() > 110 ? s.substring(0, 110) : s);
            cs.newLine();
          }
          cs.endText();
        }
      }
      doc.save(bos);
      return bos.toByteArray();
    }
  }
}
