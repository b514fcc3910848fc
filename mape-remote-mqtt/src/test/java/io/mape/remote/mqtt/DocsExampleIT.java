package io.mape.remote.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.mqtt.testing.Mosquitto;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/remote-mqtt.md, run against a real broker (MapeConfig.load() replaced by the broker's config,
 * println by a list, and a wait for readiness before the push).
 */
class DocsExampleIT {

    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() {
        broker = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theUseSection() {
        List<String> printed = new CopyOnWriteArrayList<>();
        App app = App.create(MapeConfig.defaults().toBuilder().set(MqttConfig.URL, broker.url()).build());
        Transport mqtt = MqttTransport.builder(app).qos(1).build();
        Element<Boolean, Boolean> detect = app.loop("car_a").monitor("detect", (Boolean e, Output<Boolean> o) -> o.next(e));
        mqtt.sink(detect);
        Source<Boolean> every = mqtt.source("car_*.detect", Boolean.class);
        every.subscribe(e -> printed.add("emergency " + e));
        detect.start();
        assertThat(every.ready().blockingAwait(30, TimeUnit.SECONDS)).isTrue();
        detect.onNext(true);
        Sink speed = mqtt.sink("cars/a/speed", SinkOptions.builder().capacity(1_000).build());
        speed.onNext(90);

        await().until(() -> printed.contains("emergency true") && speed.stats().sent() == 1);
        app.close();
        assertThat(mqtt.isClosed()).isTrue();
    }
}
