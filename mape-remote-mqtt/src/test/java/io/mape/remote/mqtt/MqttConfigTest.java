package io.mape.remote.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.ConfigException;
import io.mape.config.MapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mqtt} section: found by ServiceLoader, checked like core's. */
class MqttConfigTest {

    @Test
    void defaults() {
        MapeConfig c = MapeConfig.defaults();
        assertThat(c.get(MqttConfig.URL)).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.get(MqttConfig.QOS)).isEqualTo(1);
        assertThat(c.get(MqttConfig.CLIENT_ID_PREFIX)).isEqualTo("mape-");
        assertThat(c.find(MqttConfig.USERNAME)).isEmpty();
        assertThat(c.find(MqttConfig.PASSWORD)).isEmpty();
    }

    @Test
    void readsTheFileAndTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mape.yml"), "mqtt:\n  url: tcp://broker:1883\n  qos: 2\n");
        MapeConfig c = MapeConfig.load(file, Map.of("MAPE_MQTT_CLIENT_ID_PREFIX", "car_a-"));
        assertThat(c.get(MqttConfig.URL)).isEqualTo("tcp://broker:1883");
        assertThat(c.get(MqttConfig.QOS)).isEqualTo(2);
        assertThat(c.get(MqttConfig.CLIENT_ID_PREFIX)).isEqualTo("car_a-");
    }

    @Test
    void refusesAQosOutOfRange_andAnUnknownKey(@TempDir Path dir) throws Exception {
        Path qos = Files.writeString(dir.resolve("qos.yml"), "mqtt:\n  qos: 3\n");
        assertThatThrownBy(() -> MapeConfig.load(qos, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.qos");
        Path typo = Files.writeString(dir.resolve("typo.yml"), "mqtt:\n  ulr: tcp://x:1883\n");
        assertThatThrownBy(() -> MapeConfig.load(typo, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'mqtt.url'");
    }
}
