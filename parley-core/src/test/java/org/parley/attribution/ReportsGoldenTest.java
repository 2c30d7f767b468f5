package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every report format and language of one fixed incident (golden/incident.json: an own malware family
 * at confidence 80, two techniques, a tool named as a file, a family the knowledge base lacks named as Malpedia does,
 * a technique id newer than the knowledge base, somebody's claim) against the mini knowledge base. A change of
 * wording, layout or model shows as a diff here. After a deliberate change, regenerate with
 * {@code -Dparley.golden.update=true} and read the diff before committing it.
 */
class ReportsGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/org/parley/attribution/golden");

  static Stream<Arguments> reports() {
    Function<Assessment, String> stix = a -> {
      AtomicLong n = new AtomicLong();
      return Reports.stix(a, Instant.parse("2026-03-02T10:00:00Z"),
          () -> new UUID(0x4000L, n.incrementAndGet() | 0x8000000000000000L));
    };
    return Stream.of(
        Arguments.of("report.en.txt", (Function<Assessment, String>) a -> Reports.text(a, Lang.EN)),
        Arguments.of("report.zh-Hans.txt", (Function<Assessment, String>) a -> Reports.text(a, Lang.ZH_HANS)),
        Arguments.of("report.zh-Hant.txt", (Function<Assessment, String>) a -> Reports.text(a, Lang.ZH_HANT)),
        Arguments.of("report.en.html", (Function<Assessment, String>) a -> Reports.html(a, Lang.EN)),
        Arguments.of("report.json", (Function<Assessment, String>) Reports::json),
        Arguments.of("report.stix.json", stix));
  }

  private static Assessment assessment() throws Exception {
    KnowledgeBase kb = Fixtures.mini();
    try (InputStream in = ReportsGoldenTest.class.getResourceAsStream("golden/incident.json")) {
      return AttributionEngine.create(kb).attribute(Incidents.read(in, kb));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void report_isTheGoldenFile(String file, Function<Assessment, String> render) throws Exception {
    String actual = render.apply(assessment());
    Path golden = DIR.resolve(file);
    if (Boolean.getBoolean("parley.golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }

    assertThat(Files.exists(golden)).as("golden file %s (create it with -Dparley.golden.update=true)", golden)
        .isTrue();
    assertThat(actual).isEqualTo(read(golden));
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
