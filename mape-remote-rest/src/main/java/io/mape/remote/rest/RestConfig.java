package io.mape.remote.rest;

import io.mape.config.ConfigKey;
import io.mape.config.spi.ConfigSection;
import java.util.List;

/**
 * The {@code rest} section of the config, declared by mape-remote-rest and read by {@link RestServer}:
 *
 * <pre>
 * rest:
 *   host: 127.0.0.1     # MAPE_REST_HOST; loopback unless told otherwise
 *   port: 6060          # MAPE_REST_PORT; 0..65535, 0 picks a free port
 *   token: change-me    # MAPE_REST_TOKEN; default none
 * </pre>
 *
 * Stateless.
 */
public final class RestConfig implements ConfigSection {

    /** {@code rest.host} ({@code MAPE_REST_HOST}): the interface to bind, default {@code 127.0.0.1}. */
    public static final ConfigKey<String> HOST = ConfigKey.builder("rest.host", String.class)
            .env("MAPE_REST_HOST").notBlank().defaultValue("127.0.0.1").build();

    /** {@code rest.port} ({@code MAPE_REST_PORT}): 0..65535, default 6060; 0 picks a free port. */
    public static final ConfigKey<Integer> PORT = ConfigKey.builder("rest.port", Integer.class)
            .env("MAPE_REST_PORT").range(0, 65535).defaultValue(6060).build();

    /** {@code rest.token} ({@code MAPE_REST_TOKEN}): the bearer token every request must carry; default none. */
    public static final ConfigKey<String> TOKEN = ConfigKey.builder("rest.token", String.class)
            .env("MAPE_REST_TOKEN").notBlank().build();

    @Override
    public String name() {
        return "rest";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(HOST, PORT, TOKEN);
    }
}
