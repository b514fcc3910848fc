package io.mape.remote.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.OverflowPolicy;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.SinkOptions;
import io.reactivex.rxjava3.core.Observable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The builder's checks, and what the observer does with items that never reach a server. */
class InfluxObserverTest {

    /** Nothing listens there; these tests never write a point. */
    private static final String NOWHERE = "http://127.0.0.1:9";
    /** A client of nowhere, injected: an observer checks only the servers it connects to itself. */
    private static final InfluxDBClient NOWHERE_CLIENT = InfluxDBClientFactory.create(NOWHERE);

    @AfterAll
    static void closeClient() {
        NOWHERE_CLIENT.close();
    }

    private static InfluxObserver.Builder<Object> nowhere() {
        return InfluxObserver.builder().client(NOWHERE_CLIENT).org("o").bucket("b")
                .sinkOptions(SinkOptions.builder().closeGrace(Duration.ZERO).build());
    }

    @Test
    void missingSettingsSayWhereToSetThem() {
        assertThatThrownBy(() -> InfluxObserver.builder().config(MapeConfig.defaults()).url(NOWHERE).org("o").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no InfluxDB bucket: set influxdb.bucket in mape.yml, the environment variable "
                        + "MAPE_INFLUXDB_BUCKET, or InfluxObserver.builder().bucket(...)");
        assertThatThrownBy(() -> InfluxObserver.builder().config(MapeConfig.defaults()).org("o").bucket("b").build())
                .hasMessageContaining("no InfluxDB url");
    }

    @Test
    void settingsThatDoNotFitTogetherAreRefused() {
        assertThatThrownBy(() -> nowhere().raw().measurement("m").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("raw mode writes the Points as they are: measurement, tags and fields do not apply");
        try (InfluxDBClient client = InfluxDBClientFactory.create(NOWHERE)) {
            assertThatThrownBy(() -> InfluxObserver.builder().client(client).url(NOWHERE).org("o").bucket("b").build())
                    .hasMessage("url and token belong to the injected client; set one or the other");
        }
    }

    @Test
    void badArgumentsAreRefusedAtOnce() {
        InfluxObserver.Builder<Object> b = InfluxObserver.builder();
        assertThatThrownBy(() -> b.url("localhost:8086"))
                .hasMessage("url must be an http:// or https:// URL with a host, got 'localhost:8086'");
        assertThatThrownBy(() -> b.url("http://bad host")).hasMessage("url is not a URL: 'http://bad host'");
        assertThatThrownBy(() -> b.measurement("")).hasMessage("measurement must not be blank");
        assertThatThrownBy(() -> b.tag("k", " ")).hasMessage("value of tag 'k' must not be blank");
        assertThatThrownBy(() -> b.token(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token must not be blank");
        assertThatThrownBy(() -> b.url("http://127.0.0.1:99999"))
                .hasMessage("url has a port beyond 65535: 'http://127.0.0.1:99999'");
        MapeConfig badUrl = MapeConfig.builder().influxdb("localhost:8086", null, "o", "b").build();
        assertThatThrownBy(() -> InfluxObserver.builder().config(badUrl).build())
                .hasMessageStartingWith("influxdb.url in the configuration must be an http:// or https:// URL");
    }

    @Test
    void aServerThatCannotBeReachedAtStartIsRemoteUnavailable() {
        assertThatThrownBy(() -> InfluxObserver.builder().url(NOWHERE).org("o").bucket("b").build())
                .isInstanceOf(RemoteUnavailableException.class)
                .hasMessageStartingWith("InfluxDB at " + NOWHERE + " cannot be reached: ");
    }

    @Test
    void itemsThatCannotBecomePointsAreCountedAndTheStreamGoesOn() {
        try (InfluxObserver<Object> influx = nowhere().build()) {
            Observable.just(new Object(), 1.0, new Object()).subscribe(influx);
            DeliveryStats s = influx.stats();
            assertThat(s.accepted()).isEqualTo(3);
            assertThat(s.dropped(DropReason.UNENCODABLE)).isEqualTo(2);
            assertThat(s.pending()).isEqualTo(1);
        }
    }

    /** Its drops reach the App's listeners as they are counted, on the pushing thread. */
    @Test
    void itsDropsAreEventsOfTheApp() {
        try (App app = App.create(MapeConfig.defaults())) {
            List<Event> events = new CopyOnWriteArrayList<>();
            Observability.of(app).listen(events::add);
            InfluxObserver<Object> influx = nowhere().app(app).sinkOptions(SinkOptions.builder().capacity(2)
                    .overflow(OverflowPolicy.DROP_NEWEST).closeGrace(Duration.ZERO).build()).build();

            Observable.just(1.0, 2.0, 3.0, new Object()).subscribe(influx);

            assertThat(influx.stats().dropped(DropReason.OVERFLOW)).isEqualTo(1);
            assertThat(events).extracting(e -> ((Event.Drop) e).reason()).containsExactly(
                    DropReason.OVERFLOW.wireName(), DropReason.UNENCODABLE.wireName());
            assertThat(events).allSatisfy(e -> assertThat(e.path()).isEqualTo("influx (injected client) bucket b"));
        }
    }

    @Test
    void aFailingFieldsMapperCostsOnlyItsItem() {
        try (InfluxObserver<Object> influx = nowhere().fields(x -> {
            throw new IllegalArgumentException("boom");
        }).build()) {
            influx.onNext(1);
            influx.onError(new RuntimeException("a source failed"));
            assertThat(influx.stats().dropped(DropReason.UNENCODABLE)).isEqualTo(1);
            assertThat(influx.isDisposed()).isFalse();
        }
    }

    @Test
    void itemsAfterCloseAreLostAsClosed() {
        InfluxObserver<Object> influx = nowhere().build();
        influx.dispose();
        assertThat(influx.isDisposed()).isTrue();
        influx.onNext(1.0);
        assertThat(influx.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
        influx.close();
    }
}
