package io.mape.config;

import io.mape.config.spi.ConfigSection;
import java.util.List;

/** A section as a module declares one, registered for mape-core's tests in their META-INF/services. */
public final class SampleSection implements ConfigSection {

    static final ConfigKey<String> HOST = ConfigKey.builder("sample.host", String.class)
            .env("MAPE_SAMPLE_HOST").notBlank().defaultValue("127.0.0.1").build();
    static final ConfigKey<Integer> PORT = ConfigKey.builder("sample.port", Integer.class)
            .env("MAPE_SAMPLE_PORT").range(0, 65535).defaultValue(6060).build();
    static final ConfigKey<String> TOKEN = ConfigKey.builder("sample.token", String.class)
            .env("MAPE_SAMPLE_TOKEN").notBlank().build();
    static final ConfigKey<Boolean> SECURE = ConfigKey.builder("sample.secure", Boolean.class)
            .env("MAPE_SAMPLE_SECURE").defaultValue(false).build();

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(HOST, PORT, TOKEN, SECURE);
    }
}
