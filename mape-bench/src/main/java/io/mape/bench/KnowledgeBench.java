package io.mape.bench;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.knowledge.KMap;
import io.mape.knowledge.KSet;
import io.mape.knowledge.Knowledge;
import io.mape.remote.redis.RedisRemote;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Knowledge set add / size and map put / get, in memory and on Redis; blocking forms, one thread. The baseline
 * is {@link LettuceCommandsBench} in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KnowledgeBench {

    @Param({"memory", "redis"})
    public String backend;

    private App app;
    private KSet<String> set;
    private KMap<Integer> map;
    private final String[] members = new String[1024];
    private int i;

    @Setup
    public void setUp() {
        for (int k = 0; k < members.length; k++) {
            members[k] = "car_" + k;
        }
        if (backend.equals("redis")) {
            String url = BenchRedis.url();
            app = App.builder().config(MapeConfig.defaults()).knowledge(a -> RedisRemote.of(a, url).knowledge()).build();
        } else {
            app = App.create(MapeConfig.defaults());
        }
        Knowledge k = app.loop("bench_k").k();
        set = k.set("cars", String.class);
        map = k.map("speeds", Integer.class);
        set.clear();
        map.clear();
    }

    @TearDown
    public void tearDown() {
        set.clear();
        map.clear();
        app.close();
    }

    private int next() {
        return i++ & (members.length - 1);
    }

    @Benchmark
    public boolean setAdd() {
        return set.add(members[next()]);
    }

    @Benchmark
    public long setSize() {
        return set.size();
    }

    @Benchmark
    public boolean mapPut() {
        return map.put(members[next()], 90);
    }

    @Benchmark
    public Integer mapGet() {
        return map.get(members[next()]);
    }

}
