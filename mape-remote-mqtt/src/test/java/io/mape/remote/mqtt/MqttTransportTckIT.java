package io.mape.remote.mqtt;

import io.mape.App;
import io.mape.remote.Transport;
import io.mape.remote.mqtt.testing.Mosquitto;
import io.mape.remote.tck.ServerTransportTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** MQTT passes the transport TCK against a mosquitto of its own, killed with SIGKILL and restarted. */
class MqttTransportTckIT extends ServerTransportTck {

    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() {
        broker = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    protected Transport transport(App app) {
        return MqttTransport.builder(app).url(broker.url()).build();
    }

    @Override
    protected void killServer() {
        broker.kill();
    }

    @Override
    protected void restartServer() {
        broker.restart();
    }
}
