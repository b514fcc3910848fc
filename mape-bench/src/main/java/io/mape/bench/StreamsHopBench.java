package io.mape.bench;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ByteArrayCodec;
import io.mape.App;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Sink;
import io.mape.remote.Transport;
import io.mape.remote.redis.RedisStreamsOptions;
import io.mape.remote.redis.RedisStreamsTransport;
import io.mape.remote.redis.RedisTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * The Redis Streams hop — a {@code RedisStreamsTransport} sink → its source (a consumer group) → element, acknowledged
 * once processed — beside raw Lettuce doing the same with the same JSON bytes ({@code XADD … MAXLEN ~}, a reader
 * thread in {@code XREADGROUP BLOCK}, {@code XACK} each entry) and beside the pub/sub hop ({@code RedisTransport}),
 * so that the price of durability shows in one run. Raw Lettuce is measured pipelined (every XADD of a batch in
 * flight at once) and with one XADD in flight at a time, which is what a Streams sink does. Throughput over batches
 * of {@value #BATCH}, each waited for until every item arrived and every send was answered; latency of one item at a
 * time (closed loop), also until its send was answered, as raw Lettuce waits for its reply: a Streams sink keeps one
 * append in flight, so an item pushed before the last one's answer waits for it.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamsHopBench {

    static final int BATCH = 200;
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String RAW_STREAM = "bench_raw_streams";
    private static final String RAW_GROUP = "bench";

    private final RedisHopBench.Reading reading = new RedisHopBench.Reading("panda", 90.5);
    private final byte[] json = "{\"car\":\"panda\",\"kmh\":90.5}".getBytes(StandardCharsets.UTF_8);

    private App app;
    private Sink streamsSink;
    private Sink pubSubSink;
    private final Semaphore streamsArrived = new Semaphore(0);
    private final Semaphore pubSubArrived = new Semaphore(0);

    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> rawAdd;
    private StatefulRedisConnection<String, byte[]> rawRead;
    private StatefulRedisConnection<String, byte[]> rawAck;
    private final Semaphore rawArrived = new Semaphore(0);
    private volatile boolean running = true;
    private Thread rawReader;

    @Setup
    public void setUp(Blackhole bh) {
        String url = BenchRedis.url();
        app = App.create(MapeConfig.defaults());
        Transport streams = RedisStreamsTransport.builder(app).url(url)
                .streamsOptions(RedisStreamsOptions.builder().group("bench").maxLen(100_000).build()).build();
        var take = app.loop("bench_streams").execute("take", (RedisHopBench.Reading r, Output<Void> out) -> {
            bh.consume(r);
            streamsArrived.release();
        });
        streams.source("bench_streams.hop", take).ready().blockingAwait();
        streamsSink = streams.sink("bench_streams.hop");

        Transport pubSub = RedisTransport.builder(app).url(url).build();
        var heard = app.loop("bench_pubsub").execute("heard", (RedisHopBench.Reading r, Output<Void> out) -> {
            bh.consume(r);
            pubSubArrived.release();
        });
        pubSub.source("bench_pubsub.*", heard).ready().blockingAwait();
        pubSubSink = pubSub.sink("bench_pubsub.hop");

        client = RedisClient.create(url);
        rawAdd = client.connect(CODEC);
        rawRead = client.connect(CODEC);
        rawAck = client.connect(CODEC);
        try {
            rawAdd.sync().xgroupCreate(XReadArgs.StreamOffset.latest(RAW_STREAM), RAW_GROUP,
                    new XGroupCreateArgs().mkstream(true));
        } catch (RedisBusyException e) {
            // made by an earlier fork
        }
        rawReader = new Thread(() -> {
            Consumer<String> me = Consumer.from(RAW_GROUP, "raw");
            while (running) {
                List<StreamMessage<String, byte[]>> got = rawRead.sync().xreadgroup(me,
                        XReadArgs.Builder.block(100).count(BATCH), XReadArgs.StreamOffset.lastConsumed(RAW_STREAM));
                for (StreamMessage<String, byte[]> m : got) {
                    bh.consume(m.getBody().get("b"));
                    rawAck.async().xack(RAW_STREAM, RAW_GROUP, m.getId());
                    rawArrived.release();
                }
            }
        }, "bench-raw-streams-reader");
        rawReader.setDaemon(true);
        rawReader.start();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        running = false;
        rawReader.join(2000);
        rawAck.close();
        rawRead.close();
        rawAdd.close();
        client.shutdown();
        app.close();
    }

    private RedisFuture<String> rawXadd() {
        return rawAdd.async().xadd(RAW_STREAM, XAddArgs.Builder.maxlen(100_000).approximateTrimming(),
                Map.of("b", json));
    }

    private static void drained(Sink sink) {
        while (sink.stats().pending() > 0) {
            LockSupport.parkNanos(10_000);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void mapeStreamsHop() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            streamsSink.onNext(reading);
        }
        Arrivals.await(streamsArrived, BATCH);
        drained(streamsSink);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void rawLettuceStreamsPipelined() throws Exception {
        RedisFuture<String> last = null;
        for (int i = 0; i < BATCH; i++) {
            last = rawXadd();
        }
        Arrivals.await(rawArrived, BATCH);
        last.get();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void rawLettuceStreamsOneInFlight() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            rawXadd().get();
        }
        Arrivals.await(rawArrived, BATCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void mapePubSubHop() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            pubSubSink.onNext(reading);
        }
        Arrivals.await(pubSubArrived, BATCH);
        drained(pubSubSink);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void mapeStreamsHopLatency() throws InterruptedException {
        streamsSink.onNext(reading);
        Arrivals.await(streamsArrived, 1);
        drained(streamsSink);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void rawLettuceStreamsLatency() throws Exception {
        RedisFuture<String> reply = rawXadd();
        Arrivals.await(rawArrived, 1);
        reply.get();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void mapePubSubHopLatency() throws InterruptedException {
        pubSubSink.onNext(reading);
        Arrivals.await(pubSubArrived, 1);
        drained(pubSubSink);
    }
}
