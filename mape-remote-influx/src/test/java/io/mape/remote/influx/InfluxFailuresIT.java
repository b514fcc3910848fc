package io.mape.remote.influx;

import static io.mape.remote.influx.InfluxObserverIT.awaitRows;
import static io.mape.remote.influx.InfluxObserverIT.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServerTest;
import io.mape.remote.influx.harness.LoopbackProxy;
import java.time.Duration;
import java.time.Instant;

/** A server that refuses a batch or goes away costs points, counted and logged, and never the loop. */
class InfluxFailuresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static InfluxWriteOptions oneByOne(Duration retryFor) {
        return InfluxWriteOptions.builder().batchSize(1).retryFor(retryFor).build();
    }

    @InfluxServerTest
    void aRefusedBatchIsLostAndCountedAndTheNextOneIsWritten(InfluxServer server) {
        String measurement = unique("refused");
        try (App app = App.create(server.config())) {
            Element<Object, Object> detect = app.loop(unique("loop")).monitor("detect",
                    (Object item, Output<Object> out) -> out.next(item));
            InfluxObserver<Object> influx = InfluxObserver.builder().app(app).measurement(measurement)
                    .writeOptions(oneByOne(Duration.ofSeconds(30))).build();
            detect.link(influx);
            detect.start();

            detect.onNext(1.0);
            await().atMost(PATIENCE).until(() -> influx.stats().written() == 1);
            detect.onNext("not a number: the value column is a float now");
            await().atMost(PATIENCE).until(() -> influx.stats().lost(LossReason.REJECTED) == 1);
            detect.onNext(2.0);
            await().atMost(PATIENCE).until(() -> influx.stats().written() == 2);

            assertThat(awaitRows(server, measurement, 2)).extracting(r -> r.fields().get("value"))
                    .containsExactly(1.0, 2.0);
            assertThat(influx.stats().lost()).isEqualTo(1);
            assertThat(detect.stats().errors()).isZero();
            assertThat(detect.stats().itemsOut()).isEqualTo(3);
        }
    }

    @InfluxServerTest
    void aServerDownCostsThePointsAfterRetryingAndTheObserverRecoversWhenItIsBack(InfluxServer server) {
        String measurement = unique("down");
        try (App app = App.create(server.config());
             LoopbackProxy proxy = new LoopbackProxy(server.url())) {
            Element<Object, Object> detect = app.loop(unique("loop")).monitor("detect",
                    (Object item, Output<Object> out) -> out.next(item));
            InfluxObserver<Object> influx = InfluxObserver.builder().app(app).url(proxy.url())
                    .measurement(measurement).writeOptions(oneByOne(Duration.ofMillis(300))).build();
            detect.link(influx);
            detect.start();

            detect.onNext(1.0);
            await().atMost(PATIENCE).until(() -> influx.stats().written() == 1);

            proxy.down();
            detect.onNext(2.0);
            detect.onNext(3.0);
            await().atMost(PATIENCE).until(() -> influx.stats().lost(LossReason.UNAVAILABLE) == 2);
            assertThat(proxy.refused()).isPositive();

            proxy.up();
            detect.onNext(4.0);
            await().atMost(PATIENCE).until(() -> influx.stats().written() == 2);

            assertThat(awaitRows(server, measurement, 2)).extracting(r -> r.fields().get("value"))
                    .containsExactly(1.0, 4.0);
            InfluxStats stats = influx.stats();
            assertThat(stats.received()).isEqualTo(4);
            assertThat(stats.lost()).isEqualTo(2);
            assertThat(stats.pending()).isZero();
            assertThat(detect.stats().errors()).isZero();
        }
    }

    @InfluxServerTest
    void aBatchOutlivesAnOutageShorterThanItsRetryTime(InfluxServer server) {
        String measurement = unique("outage");
        try (LoopbackProxy proxy = new LoopbackProxy(server.url());
             InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config(proxy.url()))
                     .measurement(measurement).writeOptions(oneByOne(Duration.ofSeconds(60))).build()) {
            proxy.down();
            influx.onNext(5.0);
            await().atMost(PATIENCE).until(() -> proxy.refused() >= 2);
            assertThat(influx.stats().pending()).isEqualTo(1);

            proxy.up();
            await().atMost(PATIENCE).until(() -> influx.stats().written() == 1);
            assertThat(influx.stats().lost()).isZero();
            assertThat(awaitRows(server, measurement, 1)).extracting(r -> r.fields().get("value")).containsExactly(5.0);
        }
    }

    @InfluxServerTest
    void pointsBeyondTheBufferLimitAreLostWhileTheServerIsDownAndTheRestIsWrittenAfter(InfluxServer server) {
        String measurement = unique("buffer");
        InfluxWriteOptions options = InfluxWriteOptions.builder().batchSize(1).bufferLimit(5)
                .retryFor(Duration.ofSeconds(60)).build();
        try (LoopbackProxy proxy = new LoopbackProxy(server.url());
             InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config(proxy.url()))
                     .measurement(measurement).writeOptions(options).build()) {
            proxy.down();
            for (int i = 0; i < 20; i++) {
                influx.onNext((double) i);
            }
            InfluxStats during = influx.stats();
            assertThat(during.received()).isEqualTo(20);
            assertThat(during.lost(LossReason.BUFFER_FULL)).isBetween(14L, 15L);
            assertThat(during.pending() + during.lost()).isEqualTo(20);

            proxy.up();
            await().atMost(PATIENCE).until(() -> influx.stats().pending() == 0);
            InfluxStats after = influx.stats();
            assertThat(after.written()).isEqualTo(20 - after.lost(LossReason.BUFFER_FULL));
            assertThat(awaitRows(server, measurement, (int) after.written())).hasSize((int) after.written());
        }
    }

    @InfluxServerTest
    void closingWhileTheServerIsDownGivesUpAtTheCloseTimeout(InfluxServer server) {
        InfluxWriteOptions options = InfluxWriteOptions.builder().flushInterval(Duration.ofHours(1))
                .retryFor(Duration.ofMinutes(5)).closeTimeout(Duration.ofMillis(500)).build();
        try (LoopbackProxy proxy = new LoopbackProxy(server.url())) {
            InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config(proxy.url()))
                    .measurement(unique("gone")).writeOptions(options).build();
            proxy.down();
            influx.onNext(1.0);
            influx.onNext(2.0);
            influx.onNext(3.0);

            Instant start = Instant.now();
            influx.close();
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
            InfluxStats stats = influx.stats();
            assertThat(stats.written()).isZero();
            assertThat(stats.lost(LossReason.UNAVAILABLE)).isEqualTo(3);
            assertThat(stats.pending()).isZero();

            influx.onNext(4.0);
            assertThat(influx.stats().lost(LossReason.CLOSED)).isEqualTo(1);
        }
    }
}
