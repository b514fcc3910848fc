package io.mape.remote.mqtt;

import io.mape.config.ConfigKey;
import io.mape.config.spi.ConfigSection;
import java.util.List;

/**
 * The {@code mqtt} section of the config, declared by mape-remote-mqtt and read by {@link MqttTransport#builder}:
 *
 * <pre>
 * mqtt:
 *   url: tcp://127.0.0.1:1883     # MAPE_MQTT_URL; tcp:// only for now (no TLS yet)
 *   qos: 1                        # MAPE_MQTT_QOS; 0, 1 or 2
 *   client-id-prefix: mape-       # MAPE_MQTT_CLIENT_ID_PREFIX; a random suffix makes each transport's id unique
 *   username: car_a               # MAPE_MQTT_USERNAME; optional
 *   password: secret              # MAPE_MQTT_PASSWORD; optional, never logged
 * </pre>
 *
 * Stateless.
 */
public final class MqttConfig implements ConfigSection {

    /** {@code mqtt.url} ({@code MAPE_MQTT_URL}); default {@code tcp://127.0.0.1:1883}. */
    public static final ConfigKey<String> URL = ConfigKey.builder("mqtt.url", String.class)
            .env("MAPE_MQTT_URL").notBlank().defaultValue("tcp://127.0.0.1:1883").build();

    /** {@code mqtt.qos} ({@code MAPE_MQTT_QOS}): of what sinks publish and sources subscribe; default 1. */
    public static final ConfigKey<Integer> QOS = ConfigKey.builder("mqtt.qos", Integer.class)
            .env("MAPE_MQTT_QOS").range(0, 2).defaultValue(1).build();

    /** {@code mqtt.client-id-prefix} ({@code MAPE_MQTT_CLIENT_ID_PREFIX}); default {@code mape-}. */
    public static final ConfigKey<String> CLIENT_ID_PREFIX = ConfigKey.builder("mqtt.client-id-prefix", String.class)
            .env("MAPE_MQTT_CLIENT_ID_PREFIX").notBlank().defaultValue("mape-").build();

    /** {@code mqtt.username} ({@code MAPE_MQTT_USERNAME}); default none (anonymous). */
    public static final ConfigKey<String> USERNAME = ConfigKey.builder("mqtt.username", String.class)
            .env("MAPE_MQTT_USERNAME").notBlank().build();

    /** {@code mqtt.password} ({@code MAPE_MQTT_PASSWORD}); default none. Never logged. */
    public static final ConfigKey<String> PASSWORD = ConfigKey.builder("mqtt.password", String.class)
            .env("MAPE_MQTT_PASSWORD").notBlank().build();

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(URL, QOS, CLIENT_ID_PREFIX, USERNAME, PASSWORD);
    }
}
