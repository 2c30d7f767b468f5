package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogLeafTest {
  static final LogLeaf ADD = new LogLeaf(LogLeaf.Op.ADD, "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
      "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "2016-04-06T20:03:48.000Z",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "acme-cert",
      "2026-11-27T08:00:00.123456Z");

  @Test
  void encode_addLeaf_matchesGoldenFile() throws IOException {
    assertThat(new String(ADD.encode(), StandardCharsets.UTF_8)).isEqualTo(golden("valid_leaf_add.txt"));
  }

  @Test
  void encode_deleteLeaf_usesDateDeletedKey() {
    LogLeaf delete = new LogLeaf(LogLeaf.Op.DELETE, ADD.collection(), ADD.objectId(), ADD.version(),
        ADD.sha256(), ADD.party(), "2026-11-27T09:00:00Z");
    assertThat(new String(delete.encode(), StandardCharsets.UTF_8))
        .contains("\ndelete\n").endsWith("\ndate_deleted 2026-11-27T09:00:00Z\n");
  }

  @Test
  void parse_goldenFile_returnsTheLeaf() throws Exception {
    assertThat(LogLeaves.parse(golden("valid_leaf_add.txt").getBytes(StandardCharsets.UTF_8))).isEqualTo(ADD);
  }

  @Test
  void parse_unicodeParty_roundTrips() throws Exception {
    LogLeaf leaf = new LogLeaf(LogLeaf.Op.ADD, "协作", ADD.objectId(), ADD.version(), ADD.sha256(),
        "國家電腦應變中心 😀", ADD.date());
    assertThat(LogLeaves.parse(leaf.encode())).isEqualTo(leaf);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "parley-log-leaf/v1\n",
      "parley-log-leaf/v2\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06T20:03:48.000Z\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          + "party p\ndate_added 2026-11-27T08:00:00Z\n",
      "parley-log-leaf/v1\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06T20:03:48.000Z\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          + "party p\ndate_deleted 2026-11-27T08:00:00Z\n",
      "parley-log-leaf/v1\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06T20:03:48.000Z\nsha256 E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\n"
          + "party p\ndate_added 2026-11-27T08:00:00Z\n",
      "parley-log-leaf/v1\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06T20:03:48.000Z\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          + "party p \ndate_added 2026-11-27T08:00:00Z\n",
      "parley-log-leaf/v1\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06 20:03:48Z\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          + "party p\ndate_added 2026-11-27T08:00:00Z\n",
      "parley-log-leaf/v1\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06T20:03:48.000Z\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          + "party p\ndate_added 2026-11-27T08:00:00Z",
      "parley-log-leaf/v1\nadd\ncollection c\nobject indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\n"
          + "version 2016-04-06T20:03:48.000Z\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          + "party p\ndate_added 2026-11-27T08:00:00Z\n\n"})
  void parse_malformedLeaf_throws(String text) {
    assertThatThrownBy(() -> LogLeaves.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LogException.class).hasMessageStartingWith("leaf: ").hasMessageContaining("expected");
  }

  @Test
  void parse_invalidUtf8_throws() {
    byte[] bytes = ADD.encode();
    bytes[bytes.length - 3] = (byte) 0xff;
    assertThatThrownBy(() -> LogLeaves.parse(bytes)).isInstanceOf(LogException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void parse_anySingleByteFlip_throwsOrYieldsADifferentLeaf() {
    byte[] good = ADD.encode();
    Random random = new Random(42);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] bad = good.clone();
      int at = random.nextInt(bad.length);
      bad[at] ^= (byte) (1 << random.nextInt(8));
      try {
        assertThat(LogLeaves.parse(bad)).isNotEqualTo(ADD);
      } catch (LogException expected) {
        assertThat(expected).hasMessageStartingWith("leaf:");
      }
    }
  }

  @Test
  void newLeaf_controlCharacterInParty_throws() {
    assertThatThrownBy(() -> new LogLeaf(LogLeaf.Op.ADD, "c", ADD.objectId(), ADD.version(), ADD.sha256(),
        "evil\nobject x", ADD.date())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("party");
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = LogLeafTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
