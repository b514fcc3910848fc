package io.mape.bench;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.javalin.Javalin;
import io.mape.Message;
import io.mape.remote.BatchOptions;
import io.mape.remote.SinkOptions;
import io.mape.remote.influx.InfluxObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Points/s through {@code InfluxObserver} against the client's own blocking write API writing the same points in
 * batches of the same size. Both write to a bare handler of {@code /api/v2/write} that answers 204 and counts
 * lines, so the figure is the cost of the library and the client, not of a database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InfluxSinkBench {

    static final int POINTS = 5_000;
    static final int BATCH = 1_000;

    private Javalin sink;
    private final Semaphore lines = new Semaphore(0);
    private InfluxObserver<Message<Double>> observer;
    private InfluxDBClient client;
    private WriteApiBlocking blocking;
    private List<Message<Double>> messages;

    @Setup
    public void setUp() {
        sink = Javalin.create().post("/api/v2/write", ctx -> {
            String body = ctx.body();
            int n = 0;
            for (int i = 0; i < body.length(); i++) {
                if (body.charAt(i) == '\n') {
                    n++;
                }
            }
            lines.release(body.isEmpty() ? 0 : n + (body.endsWith("\n") ? 0 : 1));
            ctx.status(204);
        }).start("127.0.0.1", 0);
        String url = "http://127.0.0.1:" + sink.port();
        observer = InfluxObserver.<Message<Double>>builder().url(url).token("t").org("o").bucket("b")
                .measurement("speed")
                .sinkOptions(SinkOptions.builder().capacity(4 * POINTS).build())
                .batchOptions(new BatchOptions(BATCH, Duration.ofMillis(50)))
                .build();
        client = InfluxDBClientFactory.create(url, "t".toCharArray(), "o", "b");
        blocking = client.getWriteApiBlocking();
        messages = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            messages.add(new Message<>(90.0 + i % 10, "car_panda.mon", "speed_enforcement.avg", 1,
                    java.time.Instant.ofEpochMilli(1_700_000_000_000L + i), "4bf92f3577b34da6a3ce929d0e0e4736"));
        }
    }

    @TearDown
    public void tearDown() {
        observer.close();
        client.close();
        sink.stop();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void influxObserver() throws InterruptedException {
        for (Message<Double> m : messages) {
            observer.onNext(m);
        }
        Arrivals.await(lines, POINTS);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void clientWriteApi() throws InterruptedException {
        List<Point> batch = new ArrayList<>(BATCH);
        for (Message<Double> m : messages) {
            batch.add(Point.measurement("speed").addTag("src", m.src()).addTag("dst", m.dst())
                    .addField("value", m.value()).time(m.timestamp().toEpochMilli() * 1_000_000L, WritePrecision.NS));
            if (batch.size() == BATCH) {
                blocking.writePoints(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        Arrivals.await(lines, POINTS);
    }
}
