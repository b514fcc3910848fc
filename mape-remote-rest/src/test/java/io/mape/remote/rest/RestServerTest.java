package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.App;
import io.mape.config.MapeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checks of {@link RestServer.Builder}: each bad option is refused before anything listens. */
class RestServerTest {

    private final App app = App.create(MapeConfig.defaults());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void anAddressMustBeHostColonPort() {
        for (String bad : new String[] {"127.0.0.1", "127.0.0.1:", ":6060", "host:port", "http://h:1", "h:1/x",
                "u@h:1", "h:70000"}) {
            assertThatThrownBy(() -> RestServer.builder(app).address(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.equals("h:70000") ? "0..65535" : "host:port");
        }
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        RestServer.Builder b = RestServer.builder(app);
        assertThatThrownBy(() -> b.port(-1)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> b.host(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> b.token("")).hasMessageContaining("blank");
        assertThatThrownBy(() -> b.maxBodyBytes(0)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> b.token(null)).isInstanceOf(NullPointerException.class).hasMessage("token");
    }
}
