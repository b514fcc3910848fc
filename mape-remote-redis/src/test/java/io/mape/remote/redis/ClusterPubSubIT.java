package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.redis.testing.RedisCluster;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a Redis Cluster adds to pub/sub and Knowledge: sharded channels, events of every primary, key names. */
class ClusterPubSubIT {

    @RegisterExtension
    static final RedisCluster CLUSTER = RedisCluster.threePrimaries();

    private static App app;

    @BeforeAll
    static void connect() {
        app = App.create(MapeConfig.builder().redisUrl(CLUSTER.url()).build());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    /** One name per primary: {@code prefix + n} for the first n whose key (as {@code key} makes it) it serves. */
    private static Map<Integer, String> onePerPrimary(String prefix, Function<String, String> key) {
        Map<Integer, String> byPort = new LinkedHashMap<>();
        for (int n = 0; byPort.size() < CLUSTER.ports().size(); n++) {
            String name = prefix + n;
            byPort.putIfAbsent(CLUSTER.portOf(key.apply(name)), name);
        }
        return byPort;
    }

    @Test
    void aShardedTransportDeliversTheChannelsOfEveryShard_inOrder_eachSubscribedOnItsOwnShardOnly() {
        Transport sharded = RedisTransport.builder(app).sharded(true).build();
        assertThat(sharded.name()).startsWith("redis sharded pub/sub at redis-cluster://");
        Map<Integer, String> channels = onePerPrimary("sharded.car_", c -> c);
        Map<String, List<Integer>> got = new LinkedHashMap<>();
        for (String c : channels.values()) {
            List<Integer> g = new CopyOnWriteArrayList<>();
            Source<Integer> source = sharded.source(c, Integer.class);
            source.subscribe(g::add);
            source.ready().blockingAwait(30, TimeUnit.SECONDS);
            got.put(c, g);
        }
        List<Sink> sinks = new ArrayList<>();
        for (String c : channels.values()) {
            Sink sink = sharded.sink(c);
            sinks.add(sink);
            for (int i = 0; i < 200; i++) {
                sink.onNext(i);
            }
        }
        await().until(() -> got.values().stream().allMatch(g -> g.size() == 200));

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i);
        }
        got.values().forEach(g -> assertThat(g).containsExactlyElementsOf(expected));
        sinks.forEach(s -> assertThat(s.stats().acknowledged()).as("SPUBLISH counts the shard's subscriber")
                .isEqualTo(200));
        channels.forEach((port, c) -> {
            for (int p : CLUSTER.ports()) {
                assertThat(CLUSTER.cli(p, "PUBSUB", "SHARDNUMSUB", c)).as(c + " subscribed on " + p)
                        .endsWith(p == port ? "1\n" : "0\n");
            }
        });
    }

    @Test
    void aShardedTransportRefusesAPattern_sayingWhy() {
        Transport sharded = RedisTransport.builder(app).sharded(true).build();
        assertThatThrownBy(() -> sharded.source("car_*.detect", String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sharded pub/sub has none");
    }

    @Test
    void knowledgeChangesComeFromEveryPrimary_forKeysOfEverySlot() {
        Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.app());
        Map<Integer, String> names = onePerPrimary("spread_", n -> "k.app." + n);
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        Disposable d = k.changes("spread_*").subscribe(seen::add);
        try {
            names.values().forEach(n -> k.put(n, 1));
            await().until(() -> seen.size() >= names.size());
            assertThat(seen).extracting(KnowledgeEvent::name).containsExactlyInAnyOrderElementsOf(names.values());
        } finally {
            d.dispose();
        }
    }

    @Test
    void keysAreNamedAsOnOneServer_eachCollectionOneKey_soNoHashTagIsNeeded() {
        Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("car_a"));
        k.put("speed", 80);
        k.map("limits", Integer.class).put("a1", 130);
        k.list("trail", Integer.class).append(1);
        k.queue("jobs", String.class).offer("wash");
        for (String key : List.of("k.loop.car_a.speed", "k.loop.car_a.limits", "k.loop.car_a.trail",
                "k.loop.car_a.jobs")) {
            assertThat(CLUSTER.cli(CLUSTER.portOf(key), "EXISTS", key).trim()).as(key).isEqualTo("1");
        }
        assertThat(k.keys("*")).containsExactlyInAnyOrder("speed", "limits", "trail", "jobs");
    }

    @Test
    void aWrongPasswordFailsAtConnect_thePasswordNowhere_notInTheCausesEither() {
        String url = CLUSTER.url().replace("redis-cluster://", "redis-cluster://nobody:s3cret-pw@");
        try (App device = App.create(MapeConfig.builder().redisUrl(url).build())) {
            Throwable thrown = catchThrowable(() -> RedisRemote.of(device));
            assertThat(thrown).isInstanceOf(RemoteUnavailableException.class)
                    .hasMessageContaining("cannot connect to Redis at redis-cluster://nobody:***@");
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("s3cret-pw");
        }
    }
}
