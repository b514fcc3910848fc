package io.mape.remote.influx;

import static io.mape.remote.influx.InfluxObserverIT.awaitRows;
import static io.mape.remote.influx.InfluxObserverIT.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.remote.BatchOptions;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.SinkOptions;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServerTest;
import io.mape.remote.influx.harness.LoopbackProxy;
import java.time.Duration;
import java.time.Instant;

/**
 * A server that refuses a batch or goes away never costs the loop: a refused batch fails (counted, logged), and
 * while the server is away points wait in the outbox, up to its capacity, and are written once it is back.
 */
class InfluxFailuresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** One point a write, so that each point's fate shows on its own. */
    private static final BatchOptions ONE_BY_ONE = new BatchOptions(1, Duration.ofSeconds(1));

    @InfluxServerTest
    void aRefusedBatchFailsAndIsCountedAndTheNextOneIsWritten(InfluxServer server) {
        String measurement = unique("refused");
        try (App app = App.create(server.config())) {
            Element<Object, Object> detect = app.loop(unique("loop")).monitor("detect",
                    (Object item, Output<Object> out) -> out.next(item));
            InfluxObserver<Object> influx = InfluxObserver.builder().app(app).measurement(measurement)
                    .batchOptions(ONE_BY_ONE).build();
            detect.link(influx);
            detect.start();

            detect.onNext(1.0);
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 1);
            detect.onNext("not a number: the value column is a float now");
            await().atMost(PATIENCE).until(() -> influx.stats().failed() == 1);
            detect.onNext(2.0);
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 2);

            assertThat(awaitRows(server, measurement, 2)).extracting(r -> r.fields().get("value"))
                    .containsExactly(1.0, 2.0);
            assertThat(influx.stats().droppedTotal()).isZero();
            assertThat(detect.stats().errors()).isZero();
            assertThat(detect.stats().itemsOut()).isEqualTo(3);
        }
    }

    @InfluxServerTest
    void whileTheServerIsAwayPointsWait_andAreWrittenInOrderOnceItIsBack(InfluxServer server) {
        String measurement = unique("down");
        try (App app = App.create(server.config());
             LoopbackProxy proxy = new LoopbackProxy(server.url())) {
            Element<Object, Object> detect = app.loop(unique("loop")).monitor("detect",
                    (Object item, Output<Object> out) -> out.next(item));
            InfluxObserver<Object> influx = InfluxObserver.builder().app(app).url(proxy.url())
                    .measurement(measurement).batchOptions(ONE_BY_ONE).build();
            detect.link(influx);
            detect.start();

            detect.onNext(1.0);
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 1);

            proxy.down();
            detect.onNext(2.0);
            detect.onNext(3.0);
            await().atMost(PATIENCE).until(() -> proxy.refused() >= 2);
            assertThat(influx.stats().pending()).isEqualTo(2);

            proxy.up();
            detect.onNext(4.0);
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 4);

            assertThat(awaitRows(server, measurement, 4)).extracting(r -> r.fields().get("value"))
                    .containsExactly(1.0, 2.0, 3.0, 4.0);
            DeliveryStats stats = influx.stats();
            assertThat(stats.accepted()).isEqualTo(4);
            assertThat(stats.droppedTotal() + stats.failed()).isZero();
            assertThat(stats.pending()).isZero();
            assertThat(detect.stats().errors()).isZero();
        }
    }

    @InfluxServerTest
    void pointsBeyondTheCapacityAreDroppedWhileTheServerIsDownAndTheRestIsWrittenAfter(InfluxServer server) {
        String measurement = unique("buffer");
        try (LoopbackProxy proxy = new LoopbackProxy(server.url());
             InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config(proxy.url()))
                     .measurement(measurement).batchOptions(ONE_BY_ONE)
                     .sinkOptions(SinkOptions.builder().capacity(5).build()).build()) {
            proxy.down();
            for (int i = 0; i < 20; i++) {
                influx.onNext((double) i);
            }
            DeliveryStats during = influx.stats();
            assertThat(during.accepted()).isEqualTo(20);
            assertThat(during.dropped(DropReason.OVERFLOW)).isEqualTo(15);
            assertThat(during.pending()).isEqualTo(5);

            proxy.up();
            await().atMost(PATIENCE).until(() -> influx.stats().pending() == 0);
            assertThat(influx.stats().sent()).isEqualTo(5);
            assertThat(awaitRows(server, measurement, 5)).extracting(r -> r.fields().get("value"))
                    .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        }
    }

    @InfluxServerTest
    void closingWhileTheServerIsDownGivesUpAtTheCloseGrace(InfluxServer server) {
        try (LoopbackProxy proxy = new LoopbackProxy(server.url())) {
            InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config(proxy.url()))
                    .measurement(unique("gone"))
                    .batchOptions(BatchOptions.defaults().withFlushInterval(Duration.ofHours(1)))
                    .sinkOptions(SinkOptions.builder().closeGrace(Duration.ofMillis(500)).build()).build();
            proxy.down();
            influx.onNext(1.0);
            influx.onNext(2.0);
            influx.onNext(3.0);

            Instant start = Instant.now();
            influx.close();
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(proxy.refused()).as("closing writes the partial batch at once").isPositive();
            // a write in flight when the grace ran out is counted when it answers
            await().atMost(PATIENCE).until(() -> influx.stats().pending() == 0);
            DeliveryStats stats = influx.stats();
            assertThat(stats.sent()).isZero();
            assertThat(stats.dropped(DropReason.CLOSED)).isEqualTo(3);

            influx.onNext(4.0);
            assertThat(influx.stats().dropped(DropReason.CLOSED)).isEqualTo(4);
        }
    }
}
