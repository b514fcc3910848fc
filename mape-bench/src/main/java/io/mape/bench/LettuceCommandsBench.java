package io.mape.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mape.codec.JsonCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The baseline of {@link KnowledgeBench}: SADD / SCARD / HSET / HGET of the same JSON through raw Lettuce. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LettuceCommandsBench {

    private static final String SET = "bench_raw_cars";
    private static final String MAP = "bench_raw_speeds";

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private final String[] members = new String[1024];
    private final String[] jsonMembers = new String[1024];
    private final String jsonValue = JsonCodec.standard().encodeToString(90);
    private int i;

    @Setup
    public void setUp() {
        for (int k = 0; k < members.length; k++) {
            members[k] = "car_" + k;
            jsonMembers[k] = JsonCodec.standard().encodeToString(members[k]);
        }
        client = RedisClient.create(BenchRedis.url());
        connection = client.connect();
        commands = connection.sync();
        commands.del(SET, MAP);
    }

    @TearDown
    public void tearDown() {
        commands.del(SET, MAP);
        connection.close();
        client.shutdown();
    }

    private int next() {
        return i++ & (members.length - 1);
    }

    @Benchmark
    public long sadd() {
        return commands.sadd(SET, jsonMembers[next()]);
    }

    @Benchmark
    public long scard() {
        return commands.scard(SET);
    }

    @Benchmark
    public boolean hset() {
        return commands.hset(MAP, members[next()], jsonValue);
    }

    @Benchmark
    public String hget() {
        return commands.hget(MAP, members[next()]);
    }
}
