package io.mape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapeConfigTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("mape.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsAreSafe() {
        MapeConfig c = MapeConfig.defaults();

        assertThat(c.debug()).isFalse();
        assertThat(c.restHost()).isEqualTo("127.0.0.1");
        assertThat(c.restPort()).isEqualTo(6060);
        assertThat(c.redisUrl()).isEmpty();
        assertThat(c.restToken()).isEmpty();
        assertThat(c.influxdb().url()).isNull();
    }

    @Test
    void readsEveryKnownKeyAndUserKeysFromTheFile() throws Exception {
        MapeConfig c = MapeConfig.load(file("""
                debug: true
                redis:
                  url: redis://user:pw@127.0.0.1:6380/2
                rest:
                  host: 0.0.0.0
                  port: 7070
                  token: s3cret
                influxdb:
                  url: http://127.0.0.1:8086
                  token: t
                  org: o
                  bucket: b
                car:
                  name: panda
                  speed: 90
                """), Map.of());

        assertThat(c.debug()).isTrue();
        assertThat(c.redisUrl()).contains("redis://user:pw@127.0.0.1:6380/2");
        assertThat(c.restHost()).isEqualTo("0.0.0.0");
        assertThat(c.restPort()).isEqualTo(7070);
        assertThat(c.restToken()).contains("s3cret");
        assertThat(c.influxdb()).isEqualTo(new MapeConfig.Influx("http://127.0.0.1:8086", "t", "o", "b"));
        assertThat(c.get("car.speed", Integer.class)).contains(90);
        assertThat(c.get("car.name", String.class)).contains("panda");
        assertThat(c.get("car.wheels", Integer.class)).isEmpty();
        assertThat(c.userKeys()).containsKey("car");
    }

    @Test
    void environmentOverridesTheFileAndCodeOverridesBoth() throws Exception {
        MapeConfig c = MapeConfig.load(file("rest: {port: 7070}\nredis: {url: redis://file}\n"),
                Map.of("MAPE_REST_PORT", "8080", "MAPE_DEBUG", "true", "MAPE_INFLUXDB_BUCKET", "env",
                        "MAPE_REST_TOKEN", "from-env"));
        MapeConfig coded = c.toBuilder().restPort(0).set("car.name", "veyron").build();

        assertThat(c.restPort()).isEqualTo(8080);
        assertThat(c.debug()).isTrue();
        assertThat(c.redisUrl()).contains("redis://file");
        assertThat(c.influxdb().bucket()).isEqualTo("env");
        assertThat(c.restToken()).contains("from-env");
        assertThat(coded.restPort()).isZero();
        assertThat(coded.debug()).isTrue();
        assertThat(coded.get("car.name", String.class)).contains("veyron");
    }

    @Test
    void malformedFileNamesTheFile() throws Exception {
        Path f = file("rest: [unclosed\n");

        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f.toString() + ": not valid YAML");
    }

    @Test
    void wrongTypedKeysNameTheFileAndTheKey() throws Exception {
        Path f1 = file("rest:\n  port: eighty\n");
        assertThatThrownBy(() -> MapeConfig.load(f1, Map.of()))
                .hasMessage(f1 + ": key 'rest.port' must be an integer port, got \"eighty\"");
        Path f2 = file("debug: maybe\n");
        assertThatThrownBy(() -> MapeConfig.load(f2, Map.of())).hasMessageContaining("key 'debug' must be true or false");
        Path f3 = file("redis: redis://x\n");
        assertThatThrownBy(() -> MapeConfig.load(f3, Map.of())).hasMessageContaining("key 'redis' must be a mapping");
        Path f4 = file("influxdb:\n  token: 12\n");
        assertThatThrownBy(() -> MapeConfig.load(f4, Map.of())).hasMessageContaining("key 'influxdb.token' must be a string");
        assertThatThrownBy(() -> MapeConfig.load(null, Map.of("MAPE_REST_PORT", "x")))
                .hasMessageContaining("MAPE_REST_PORT (key 'rest.port') must be an integer");
        Path f5 = file("car: {speed: fast}\n");
        MapeConfig c = MapeConfig.load(f5, Map.of());
        assertThatThrownBy(() -> c.get("car.speed", Integer.class)).hasMessageContaining("key 'car.speed' must be Integer");
    }

    @Test
    void anEmptyFileIsDefaults() throws Exception {
        assertThat(MapeConfig.load(file(""), Map.of()).restPort()).isEqualTo(6060);
    }
}
