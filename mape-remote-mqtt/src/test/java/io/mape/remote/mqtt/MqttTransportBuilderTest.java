package io.mape.remote.mqtt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.App;
import io.mape.config.MapeConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the builder refuses before connecting. */
class MqttTransportBuilderTest {

    private final App app = App.create(MapeConfig.defaults());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void refusesAUrlThatIsNotPlainTcp_orCarriesTheUser() {
        assertThatThrownBy(() -> MqttTransport.builder(app).url("ssl://broker:8883"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no TLS yet");
        assertThatThrownBy(() -> MqttTransport.builder(app).url("broker:1883"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp://host:port");
        assertThatThrownBy(() -> MqttTransport.builder(app).url("tcp://car:s3cret@broker:1883"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username(...)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesAQosOtherThan0To2_andBoundsBelowOne() {
        assertThatThrownBy(() -> MqttTransport.builder(app).qos(3)).hasMessageContaining("0, 1 or 2");
        assertThatThrownBy(() -> MqttTransport.builder(app).maxInFlight(0)).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> MqttTransport.builder(app).deliveryBuffer(0)).hasMessageContaining("deliveryBuffer");
        assertThatThrownBy(() -> MqttTransport.builder(app).keepAlive(Duration.ofMillis(10)))
                .hasMessageContaining("keepAlive");
    }
}
