package io.mape.remote.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.mqtt.testing.Mosquitto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker killed and started again: every filter of a transport is subscribed again, its sources ready again. */
class MqttReconnectIT {

    private Mosquitto broker;
    private final List<App> apps = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = Mosquitto.start();
    }

    @AfterEach
    void tearDown() {
        apps.forEach(App::close);
        broker.close();
    }

    private Transport transport() {
        App app = App.create(MapeConfig.defaults().toBuilder().set(MqttConfig.URL, broker.url()).build());
        apps.add(app);
        return MqttTransport.builder(app).build();
    }

    @Test
    void everyFilterIsSubscribedAgainAfterTheBrokerIsKilledAndRestarted() {
        Transport receiver = transport();
        Source<String> levels = receiver.source("cars/*/speed", String.class);
        Source<String> any = receiver.source("*", String.class);
        Source<String> exact = receiver.source("cars/a/speed", String.class);
        List<String> byLevels = collect(levels);
        List<String> byAny = collect(any);
        List<String> byExact = collect(exact);

        broker.kill();
        await().until(() -> !levels.ready().blockingAwait(1, TimeUnit.MILLISECONDS)
                && !any.ready().blockingAwait(1, TimeUnit.MILLISECONDS)
                && !exact.ready().blockingAwait(1, TimeUnit.MILLISECONDS));
        broker.restart();
        for (Source<String> s : List.of(levels, any, exact)) {
            assertThat(s.ready().blockingAwait(30, TimeUnit.SECONDS)).as(s + " ready again").isTrue();
        }
        Sink sink = transport().sink("cars/a/speed");
        sink.onNext("after");

        await().until(() -> byLevels.size() == 1 && byAny.size() == 1 && byExact.size() == 1);
        assertThat(List.of(byLevels, byAny, byExact)).allSatisfy(got -> assertThat(got).containsExactly("after"));
    }

    private static <T> List<T> collect(Source<T> source) {
        List<T> got = new CopyOnWriteArrayList<>();
        source.subscribe(got::add);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        return got;
    }
}
