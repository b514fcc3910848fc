package io.mape.remote.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Message;
import io.mape.remote.BatchOptions;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServer.Row;
import io.mape.remote.influx.harness.InfluxServerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/** What an InfluxObserver writes is what the server stores: read back through the server's own query API. */
class InfluxObserverIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A unique name, so that runs against a long-lived server do not see each other's rows. */
    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The rows of a measurement that pass {@code filter}, once there are {@code count} of them. */
    static List<Row> awaitRows(InfluxServer server, String measurement, Predicate<Row> filter, int count) {
        return await("rows of " + measurement).atMost(PATIENCE).until(
                () -> server.rows(measurement).stream().filter(filter).toList(), rows -> rows.size() >= count);
    }

    static List<Row> awaitRows(InfluxServer server, String measurement, int count) {
        return awaitRows(server, measurement, r -> true, count);
    }

    @InfluxServerTest
    void messagesFromALoopBecomePointsTaggedWithSrcAndDstAtTheirTimestamps(InfluxServer server) {
        String loop = unique("car");
        Instant t0 = Instant.parse("2024-05-01T10:00:00.000001Z");
        try (App app = App.create(server.config())) {
            Element<Double, Message<Double>> detect = app.loop(loop).monitor("detect",
                    (Double speed, Output<Message<Double>> out) -> out.next(
                            new Message<>(speed, null, loop + ".plan", 0, t0.plusSeconds(speed.longValue()), "4bf92f3577b34da6a3ce929d0e0e4736")));
            InfluxObserver<Object> influx = InfluxObserver.builder().app(app).build();
            detect.link(influx);
            detect.start();
            detect.onNext(80.5);
            detect.onNext(90.25);
            influx.flush();

            List<Row> rows = awaitRows(server, "Message", r -> (loop + ".detect").equals(r.tags().get("src")), 2);
            Map<String, String> tags = Map.of("src", loop + ".detect", "dst", loop + ".plan");
            assertThat(rows).containsExactly(
                    new Row(tags, Map.of("value", 80.5), t0.plusSeconds(80)),
                    new Row(tags, Map.of("value", 90.25), t0.plusSeconds(90)));
            assertThat(influx.stats().sent()).isEqualTo(2);
            assertThat(detect.stats().errors()).isZero();
        }
    }

    @InfluxServerTest
    void numbersBooleansStringsAndMapsWithAValueKeyBecomeTheValueFieldAtArrivalTime(InfluxServer server) {
        String run = unique("run");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config()).tag("run", run).build()) {
            influx.onNext(7L);
            influx.onNext(2.5);
            influx.onNext(true);
            influx.onNext("hot");
            influx.onNext(new HashMap<>(Map.of("value", 12.75, "other", "left out")));
        }
        Instant after = Instant.now();
        Predicate<Row> ofRun = r -> run.equals(r.tags().get("run"));
        Map<String, Object> expected = Map.of("Long", 7L, "Double", 2.5, "Boolean", true, "String", "hot",
                "HashMap", 12.75);
        expected.forEach((measurement, value) -> {
            List<Row> rows = awaitRows(server, measurement, ofRun, 1);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).tags()).isEqualTo(Map.of("run", run));
            assertThat(rows.get(0).fields()).as(measurement).isEqualTo(Map.of("value", value));
            assertThat(rows.get(0).time()).isBetween(before, after);
        });
    }

    record Car(String name, double speed, long passengers, boolean siren) {
    }

    @InfluxServerTest
    void aFieldsMapperTagsAndMeasurementShapeThePoint(InfluxServer server) {
        String measurement = unique("cars");
        try (InfluxObserver<Car> influx = InfluxObserver.<Car>builder().config(server.config())
                .measurement(measurement)
                .tags(Map.of("city", "pisa", "fleet", "red"))
                .fields(c -> Map.of("name", c.name(), "speed", c.speed(), "passengers", c.passengers(),
                        "siren", c.siren()))
                .build()) {
            influx.onNext(new Car("panda", 42.5, 3, true));
        }
        Row row = awaitRows(server, measurement, 1).get(0);
        assertThat(row.tags()).isEqualTo(Map.of("city", "pisa", "fleet", "red"));
        assertThat(row.fields()).isEqualTo(Map.of("name", "panda", "speed", 42.5, "passengers", 3L, "siren", true));
    }

    @InfluxServerTest
    void rawPointsAreWrittenAsTheyAreWhateverTheirPrecision(InfluxServer server) {
        String measurement = unique("raw");
        try (InfluxObserver<Point> influx = InfluxObserver.<Point>builder().config(server.config()).raw().build()) {
            influx.onNext(Point.measurement(measurement).addTag("zone", "a").addField("temp", 21.5)
                    .time(1_700_000_000_123L, WritePrecision.MS));
            influx.onNext(Point.measurement(measurement).addTag("zone", "b").addField("temp", 19.0)
                    .time(1_700_000_001L, WritePrecision.S));
        }
        assertThat(awaitRows(server, measurement, 2)).containsExactly(
                new Row(Map.of("zone", "a"), Map.of("temp", 21.5), Instant.ofEpochMilli(1_700_000_000_123L)),
                new Row(Map.of("zone", "b"), Map.of("temp", 19.0), Instant.ofEpochSecond(1_700_000_001L)));
    }

    @InfluxServerTest
    void fullBatchesGoAtOnceAndTheRestWaitsForAFlush(InfluxServer server) {
        String measurement = unique("batch");
        try (InfluxObserver<Integer> influx = InfluxObserver.<Integer>builder().config(server.config())
                .measurement(measurement).batchOptions(new BatchOptions(100, Duration.ofHours(1))).build()) {
            for (int i = 0; i < 250; i++) {
                influx.onNext(i);
            }
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 200);
            assertThat(influx.stats().pending()).isEqualTo(50);

            influx.flush();
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 250);
            assertThat(influx.stats().pending()).isZero();
            assertThat(influx.stats().droppedTotal() + influx.stats().failed()).isZero();
            assertThat(awaitRows(server, measurement, 250)).extracting(r -> r.fields().get("value"))
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 250).boxed().toList());
        }
    }

    @InfluxServerTest
    void aPartialBatchGoesAtTheFlushInterval(InfluxServer server) {
        String measurement = unique("interval");
        try (InfluxObserver<Object> influx = InfluxObserver.builder().config(server.config()).measurement(measurement)
                .batchOptions(BatchOptions.defaults().withFlushInterval(Duration.ofMillis(200))).build()) {
            influx.onNext(1.0);
            await().atMost(PATIENCE).until(() -> influx.stats().sent() == 1);
            assertThat(awaitRows(server, measurement, 1)).extracting(r -> r.fields().get("value")).containsExactly(1.0);
        }
    }

    @InfluxServerTest
    void closingTheAppWritesWhatIsPending(InfluxServer server) {
        String measurement = unique("closing");
        InfluxObserver<Object> influx;
        try (App app = App.create(server.config())) {
            influx = InfluxObserver.builder().app(app).measurement(measurement)
                    .batchOptions(BatchOptions.defaults().withFlushInterval(Duration.ofHours(1))).build();
            for (int i = 0; i < 10; i++) {
                influx.onNext(i * 1.5);
            }
            assertThat(influx.stats().sent()).isZero();
        }
        assertThat(influx.isDisposed()).isTrue();
        assertThat(influx.stats().sent()).isEqualTo(10);
        assertThat(awaitRows(server, measurement, 10)).hasSize(10);
    }

    @InfluxServerTest
    void anInjectedClientWritesAndIsLeftOpen(InfluxServer server) {
        String measurement = unique("injected");
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder().url(server.url());
        if (server.token() != null) {
            options.authenticateToken(server.token().toCharArray());
        }
        try (InfluxDBClient client = InfluxDBClientFactory.create(options.build())) {
            InfluxObserver<Object> influx = InfluxObserver.builder().client(client).org(server.org())
                    .bucket(server.bucket()).measurement(measurement).build();
            influx.onNext(3.0);
            influx.close();
            assertThat(influx.stats().sent()).isEqualTo(1);
            client.getWriteApiBlocking().writeRecord(server.bucket(), server.org(), WritePrecision.NS,
                    measurement + " value=4.0");
        }
        assertThat(awaitRows(server, measurement, 2)).extracting(r -> r.fields().get("value")).containsExactly(3.0, 4.0);
    }
}
