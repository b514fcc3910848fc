package io.mape.remote.influx;

import static io.mape.remote.influx.InfluxObserverIT.awaitRows;
import static io.mape.remote.influx.InfluxObserverIT.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Message;
import io.mape.remote.BatchOptions;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The code of docs/remote-influx.md, run against a real server (MapeConfig.load() replaced by the server's). */
class DocsExampleIT {

    record Reading(String car, double kmh, boolean siren) {
    }

    @InfluxServerTest
    void aLoopThatRecordsWhatItSees(InfluxServer server) {
        String loop = unique("car");
        try (App app = App.create(server.config())) {
            Element<Double, Message<Double>> speed = app.loop(loop).monitor("speed",
                    (Double kmh, Output<Message<Double>> out) -> out.next(Message.of(kmh)));
            speed.link(InfluxObserver.builder().app(app).build());
            speed.start();
            speed.onNext(87.5);
        }
        assertThat(awaitRows(server, "Message", r -> (loop + ".speed").equals(r.tags().get("src")), 1))
                .singleElement().satisfies(r -> {
                    assertThat(r.tags()).isEqualTo(Map.of("src", loop + ".speed"));
                    assertThat(r.fields()).isEqualTo(Map.of("value", 87.5));
                });
    }

    @InfluxServerTest
    void typedItemsAndRawPoints(InfluxServer server) {
        String reading = unique("reading");
        String rawReading = unique("raw_reading");
        try (App app = App.create(server.config())) {
            Element<Reading, Reading> readings = app.loop(unique("fleet")).monitor("readings",
                    (Reading r, Output<Reading> out) -> out.next(r));

            InfluxObserver<Reading> influx = InfluxObserver.<Reading>builder().app(app)
                    .measurement(reading)
                    .tag("fleet", "red")
                    .fields(r -> Map.of("car", r.car(), "kmh", r.kmh(), "siren", r.siren()))
                    .batchOptions(new BatchOptions(500, Duration.ofMillis(200)))
                    .build();
            readings.link(influx);

            InfluxObserver<Point> raw = InfluxObserver.<Point>builder().app(app).raw().build();
            readings.map(r -> Point.measurement(rawReading).addTag("car", r.car()).addField("kmh", r.kmh())
                    .time(Instant.now(), WritePrecision.MS)).subscribe(raw);

            readings.start();
            readings.onNext(new Reading("panda", 42.0, false));
        }
        assertThat(awaitRows(server, reading, 1)).singleElement().satisfies(r -> {
            assertThat(r.tags()).isEqualTo(Map.of("fleet", "red"));
            assertThat(r.fields()).isEqualTo(Map.of("car", "panda", "kmh", 42.0, "siren", false));
        });
        assertThat(awaitRows(server, rawReading, 1)).singleElement().satisfies(r -> {
            assertThat(r.tags()).isEqualTo(Map.of("car", "panda"));
            assertThat(r.fields()).isEqualTo(Map.of("kmh", 42.0));
        });
    }
}
