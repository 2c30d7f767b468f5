package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributionSettingsTest {
  @TempDir Path dir;

  @Test
  void aDataDirWithoutSettings_hasTheModelsOwn() throws Exception {
    assertThat(AttributionSettings.read(dir)).isEqualTo(AttributionSettings.DEFAULT);
  }

  @Test
  void written_thenRead_givesTheSameSettingsAndAnEngineAssumingThem() throws Exception {
    new AttributionSettings(0.5).write(dir);

    AttributionSettings back = AttributionSettings.read(dir);

    assertThat(back).isEqualTo(new AttributionSettings(0.5));
    assertThat(back.engine(Fixtures.mini()).unknownShare()).isEqualTo(0.5);
    assertThat(AttributionSettings.DEFAULT.engine(Fixtures.mini()).unknownShare())
        .isEqualTo(ActorWeights.UNKNOWN_BASE_RATE);
  }

  @Test
  void aShareOutsideZeroToOneOrAnUnknownSetting_isRefusedNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(AttributionSettings.FILE), "{\"unknown_share\": 1.5}");
    assertThatThrownBy(() -> AttributionSettings.read(dir)).isInstanceOf(AttributionException.class)
        .hasMessageContaining(AttributionSettings.FILE).hasMessageContaining("between 0 and 1");

    Files.writeString(dir.resolve(AttributionSettings.FILE), "{\"unknown_shares\": 0.5}");
    assertThatThrownBy(() -> AttributionSettings.read(dir)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("unknown setting \"unknown_shares\"");

    Files.writeString(dir.resolve(AttributionSettings.FILE), "[0.5]");
    assertThatThrownBy(() -> AttributionSettings.read(dir)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("expected a JSON object");
  }
}
