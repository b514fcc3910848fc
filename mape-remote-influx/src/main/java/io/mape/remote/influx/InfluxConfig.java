package io.mape.remote.influx;

import io.mape.config.ConfigKey;
import io.mape.config.spi.ConfigSection;
import java.util.List;

/**
 * The {@code influxdb} section of the config, declared by mape-remote-influx and read by {@link InfluxObserver}:
 *
 * <pre>
 * influxdb:
 *   url: http://127.0.0.1:8086   # MAPE_INFLUXDB_URL
 *   token: my-token              # MAPE_INFLUXDB_TOKEN
 *   org: my-org                  # MAPE_INFLUXDB_ORG
 *   bucket: mape                 # MAPE_INFLUXDB_BUCKET
 * </pre>
 *
 * None has a default. Stateless.
 */
public final class InfluxConfig implements ConfigSection {

    /** {@code influxdb.url} ({@code MAPE_INFLUXDB_URL}). */
    public static final ConfigKey<String> URL = key("url", "MAPE_INFLUXDB_URL");

    /** {@code influxdb.token} ({@code MAPE_INFLUXDB_TOKEN}). */
    public static final ConfigKey<String> TOKEN = key("token", "MAPE_INFLUXDB_TOKEN");

    /** {@code influxdb.org} ({@code MAPE_INFLUXDB_ORG}). */
    public static final ConfigKey<String> ORG = key("org", "MAPE_INFLUXDB_ORG");

    /** {@code influxdb.bucket} ({@code MAPE_INFLUXDB_BUCKET}). */
    public static final ConfigKey<String> BUCKET = key("bucket", "MAPE_INFLUXDB_BUCKET");

    private static ConfigKey<String> key(String member, String env) {
        return ConfigKey.builder("influxdb." + member, String.class).env(env).notBlank().build();
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(URL, TOKEN, ORG, BUCKET);
    }
}
