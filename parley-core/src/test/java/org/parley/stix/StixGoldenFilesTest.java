package org.parley.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every {@code valid_*.json} parses with its exact bytes kept; every
 * {@code error_<rule>[.<variant>].json} breaks exactly {@code <rule>} and no other.
 */
class StixGoldenFilesTest {
  static Stream<Path> validFiles() throws IOException, URISyntaxException {
    return files("valid_");
  }

  static Stream<Path> errorFiles() throws IOException, URISyntaxException {
    return files("error_");
  }

  private static Stream<Path> files(String prefix) throws IOException, URISyntaxException {
    Path dir = Path.of(StixGoldenFilesTest.class.getResource("valid_indicator.json").toURI()).getParent();
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().collect(Collectors.toList());
      assertThat(found).isNotEmpty();
      return found.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void parseObject_validGoldenFile_isAcceptedWithExactBytes(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);

    StixObject object = Stix.parseObject(bytes);

    assertThat(object.json().toArray()).isEqualTo(bytes);
    assertThat(object.id()).startsWith(object.type() + "--");
  }

  @ParameterizedTest
  @MethodSource("errorFiles")
  void parseObject_errorGoldenFile_reportsExactlyItsRule(Path file) throws Exception {
    String name = file.getFileName().toString();
    String rule = name.substring("error_".length(), name.indexOf('.')); // error_<rule>[.<variant>].json
    byte[] bytes = Files.readAllBytes(file);

    assertThatThrownBy(() -> Stix.parseObject(bytes))
        .isInstanceOfSatisfying(StixException.class, e ->
            assertThat(e.violations()).extracting(Violation::rule).containsOnly(rule));
  }
}
