package io.mape.remote.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.ConfigException;
import io.mape.config.MapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code influxdb} section, declared by this module. */
class InfluxConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSectionFromTheFileAndTheEnvironment() throws Exception {
        Path f = Files.writeString(dir.resolve("mape.yml"), "influxdb:\n  url: http://h:8086\n  org: o\n");
        MapeConfig c = MapeConfig.load(f, Map.of("MAPE_INFLUXDB_BUCKET", "b", "MAPE_INFLUXDB_TOKEN", "t"));
        assertThat(c.get(InfluxConfig.URL)).isEqualTo("http://h:8086");
        assertThat(c.get(InfluxConfig.ORG)).isEqualTo("o");
        assertThat(c.get(InfluxConfig.BUCKET)).isEqualTo("b");
        assertThat(c.get(InfluxConfig.TOKEN)).isEqualTo("t");
    }

    @Test
    void aTypoOrABlankValueIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("mape.yml"), "influxdb:\n  bucket: b\n  tokken: t\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + " line 3: unknown key 'influxdb.tokken' in section 'influxdb'; did you "
                        + "mean 'influxdb.token'?");
        assertThatThrownBy(() -> MapeConfig.load(null, Map.of("MAPE_INFLUXDB_ORG", " ")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("environment variable MAPE_INFLUXDB_ORG");
    }
}
