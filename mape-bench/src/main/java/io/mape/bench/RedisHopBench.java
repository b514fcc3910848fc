package io.mape.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mape.App;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Sink;
import io.mape.remote.Transport;
import io.mape.remote.redis.RedisTransport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A Redis hop — a {@code RedisTransport} sink → its source → element, a typed item encoded and decoded by the codec —
 * against raw Lettuce publishing the same JSON bytes to a pattern subscription that hands them to a callback.
 * Throughput over batches of {@value #BATCH}, each waited for until every item arrived and every publish was
 * answered; latency of one item at a time (closed loop).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisHopBench {

    static final int BATCH = 200;

    /** What crosses the hop. */
    public record Reading(String car, double kmh) {
    }

    private final Reading reading = new Reading("panda", 90.5);
    private final byte[] json = "{\"car\":\"panda\",\"kmh\":90.5}".getBytes(StandardCharsets.UTF_8);

    private App app;
    private Sink pub;
    private final Semaphore arrived = new Semaphore(0);

    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> rawPub;
    private StatefulRedisPubSubConnection<byte[], byte[]> rawSub;
    private final Semaphore rawArrived = new Semaphore(0);
    private final byte[] rawChannel = "bench_raw.sink".getBytes(StandardCharsets.UTF_8);

    @Setup
    public void setUp(Blackhole bh) throws InterruptedException {
        String url = BenchRedis.url();
        app = App.create(MapeConfig.defaults());
        Transport redis = RedisTransport.builder(app).url(url).build();
        var sink = app.loop("bench_hop").execute("sink", (Reading r, Output<Void> out) -> {
            bh.consume(r);
            arrived.release();
        });
        redis.source("bench_hop.*", sink).ready().blockingAwait();
        pub = redis.sink("bench_hop.sink");

        client = RedisClient.create(url);
        rawPub = client.connect(ByteArrayCodec.INSTANCE);
        rawSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
        rawSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
                bh.consume(message);
                rawArrived.release();
            }
        });
        rawSub.sync().psubscribe("bench_raw.*".getBytes(StandardCharsets.UTF_8));
    }

    @TearDown
    public void tearDown() {
        rawSub.close();
        rawPub.close();
        client.shutdown();
        app.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void mapeRedisHop() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            pub.onNext(reading);
        }
        Arrivals.await(arrived, BATCH);
        while (pub.stats().pending() > 0) {
            LockSupport.parkNanos(10_000);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void rawLettuce() throws Exception {
        RedisFuture<Long> last = null;
        for (int i = 0; i < BATCH; i++) {
            last = rawPub.async().publish(rawChannel, json);
        }
        Arrivals.await(rawArrived, BATCH);
        last.get();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void mapeRedisHopLatency() throws InterruptedException {
        pub.onNext(reading);
        Arrivals.await(arrived, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void rawLettuceLatency() throws Exception {
        RedisFuture<Long> reply = rawPub.async().publish(rawChannel, json);
        Arrivals.await(rawArrived, 1);
        reply.get();
    }
}
