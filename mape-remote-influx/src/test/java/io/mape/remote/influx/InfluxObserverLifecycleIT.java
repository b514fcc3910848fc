package io.mape.remote.influx;

import static io.mape.remote.influx.InfluxObserverIT.awaitRows;
import static io.mape.remote.influx.InfluxObserverIT.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServerTest;

/** Start and close of an observer that connects by itself, against a real server. */
class InfluxObserverLifecycleIT {

    @InfluxServerTest
    void codeWinsOverTheConfiguration(InfluxServer server) {
        MapeConfig config = server.config().toBuilder()
                .influxdb(server.url(), server.token(), server.org(), "from-config").build();
        try (InfluxObserver<Object> influx = InfluxObserver.builder().config(config).bucket("from-code").build()) {
            assertThat(influx).hasToString("InfluxObserver{influx at " + server.url() + " bucket from-code}");
        }
    }

    @InfluxServerTest
    void anObserverBuiltWithAnAppClosesWithItAndReadsItsConfiguration(InfluxServer server) {
        App app = App.create(server.config());
        InfluxObserver<Object> influx = InfluxObserver.builder().app(app).build();
        assertThat(influx).hasToString("InfluxObserver{influx at " + server.url() + " bucket " + server.bucket() + "}");
        app.close();
        assertThat(influx.isDisposed()).isTrue();
        assertThatThrownBy(() -> InfluxObserver.builder().app(app).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("this App is closed");
    }

    @InfluxServerTest
    void closeUnlinksItFromItsSourcesAndWritesWhatWasPending(InfluxServer server) {
        String measurement = unique("unlinked");
        try (App app = App.create(server.config())) {
            Element<Double, Double> speed = app.loop(unique("car")).monitor("speed",
                    (Double kmh, Output<Double> out) -> out.next(kmh));
            InfluxObserver<Object> influx = InfluxObserver.builder().app(app).measurement(measurement).build();
            speed.link(influx);
            speed.start();
            speed.onNext(80.0);

            influx.close();
            speed.onNext(90.0);

            assertThat(influx.stats().accepted()).as("accepted after close").isEqualTo(1);
            assertThat(influx.stats().droppedTotal()).as("dropped").isZero();
            assertThat(influx.stats().sent()).isEqualTo(1);
            assertThat(awaitRows(server, measurement, 1)).extracting(r -> r.fields().get("value"))
                    .containsExactly(80.0);
            assertThat(speed.stats().errors()).isZero();
        }
    }
}
