package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.SlotHash;
import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.redis.testing.RedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At-least-once Streams links on a real 3-primary Redis Cluster, with channels whose streams live on different
 * primaries: every entry appended, read, processed and acknowledged on the primary of its stream's slot.
 */
class ClusterStreamsIT {

    @RegisterExtension
    static final RedisCluster CLUSTER = RedisCluster.threePrimaries();

    private final List<App> apps = new ArrayList<>();

    @AfterEach
    void close() {
        apps.forEach(App::close);
    }

    private App app() {
        App app = App.create(MapeConfig.builder().redisUrl(CLUSTER.url()).build());
        apps.add(app);
        return app;
    }

    private static Transport streams(App app, RedisStreamsOptions.Builder options) {
        return RedisStreamsTransport.builder(app).streamsOptions(options.build()).build();
    }

    /**
     * One channel per primary, by port: {@code prefix + n} for the first n whose stream that primary serves, which
     * the cluster itself confirms ({@code CLUSTER KEYSLOT}).
     */
    private static Map<Integer, String> onePerPrimary(String prefix) {
        Map<Integer, String> byPort = new LinkedHashMap<>();
        for (int n = 0; byPort.size() < CLUSTER.ports().size(); n++) {
            String channel = prefix + n;
            byPort.putIfAbsent(CLUSTER.portOf("stream:" + channel), channel);
        }
        byPort.forEach((port, channel) -> assertThat(CLUSTER.cli(port, "CLUSTER", "KEYSLOT", "stream:" + channel)
                .trim()).isEqualTo(String.valueOf(SlotHash.getSlot("stream:" + channel))));
        assertThat(byPort.keySet()).containsExactlyInAnyOrderElementsOf(CLUSTER.ports());
        return byPort;
    }

    /** The first line of {@code redis-cli -p port args...} on that node alone (no redirect). */
    private static String on(int port, String... args) {
        return CLUSTER.cli(port, args).trim().split("\n")[0].trim();
    }

    @Test
    void aPatternReadsTheStreamsOfEveryPrimary_eachItemOnceInOrderPerChannel_allAcknowledgedOnTheirPrimary() {
        Map<Integer, String> channels = onePerPrimary("spread.car_");
        List<String> names = List.copyOf(channels.values());
        App receiver = app();
        List<Integer> got = new CopyOnWriteArrayList<>();
        Element<Integer, Void> collect = receiver.loop("l").execute("collect",
                (Integer i, Output<Void> out) -> got.add(i));
        Source<Integer> source = streams(receiver, RedisStreamsOptions.builder().group("spread")
                .patternRefresh(Duration.ofMillis(200))).source("spread.car_*", collect);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Transport sender = streams(app(), RedisStreamsOptions.builder());
        List<Sink> sinks = names.stream().map(sender::sink).toList();

        int n = 500;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < sinks.size(); c++) {
                sinks.get(c).onNext(c * 100_000 + i);
            }
        }

        await().until(() -> got.size() == n * names.size());
        for (int c = 0; c < names.size(); c++) {
            int channel = c;
            assertThat(got.stream().filter(v -> v / 100_000 == channel).map(v -> v % 100_000).toList())
                    .as("every item of " + names.get(c) + " once, in order")
                    .containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
        }
        assertThat(new HashSet<>(got)).hasSize(got.size());
        sinks.forEach(s -> assertThat(s.stats().sent()).isEqualTo(n));
        channels.forEach((port, channel) -> {
            String key = "stream:" + channel;
            for (int p : CLUSTER.ports()) {
                assertThat(on(p, "EXISTS", key)).as(key + " on " + p).isEqualTo(p == port ? "1"
                        : "MOVED " + SlotHash.getSlot(key) + " 127.0.0.1:" + port);
            }
            assertThat(on(port, "XLEN", key)).isEqualTo(String.valueOf(n));
            await(key + " all acknowledged").until(() -> on(port, "XPENDING", key, "spread:spread.car_*")
                    .equals("0"));
        });
        assertThat(source.stats().deadLettered()).isZero();
    }

    @Test
    void channelsHashTaggedAlikeShareASlot_andAPatternOverThemReadsThemInOrder() {
        List<String> names = List.of("{fleet}.car_a", "{fleet}.car_b", "{fleet}.car_c");
        int port = CLUSTER.portOf("stream:" + names.get(0));
        String slot = CLUSTER.cli(port, "CLUSTER", "KEYSLOT", "stream:" + names.get(0)).trim();
        names.forEach(c -> assertThat(CLUSTER.cli(port, "CLUSTER", "KEYSLOT", "stream:" + c).trim()).isEqualTo(slot));
        App receiver = app();
        List<Integer> got = new CopyOnWriteArrayList<>();
        Source<Integer> source = streams(receiver, RedisStreamsOptions.builder().patternRefresh(Duration.ofMillis(200)))
                .source("{fleet}.car_*", Integer.class);
        source.subscribe(got::add);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Transport sender = streams(app(), RedisStreamsOptions.builder());
        List<Sink> sinks = names.stream().map(sender::sink).toList();

        for (int i = 0; i < 200; i++) {
            for (int c = 0; c < sinks.size(); c++) {
                sinks.get(c).onNext(c * 100_000 + i);
            }
        }

        await().until(() -> got.size() == 200 * names.size());
        for (int c = 0; c < names.size(); c++) {
            int channel = c;
            assertThat(got.stream().filter(v -> v / 100_000 == channel).map(v -> v % 100_000).toList())
                    .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        }
        names.forEach(c -> assertThat(on(port, "XLEN", "stream:" + c)).isEqualTo("200"));
    }

    @Test
    void entriesLeftUnprocessedAreTakenOverAndDeadLettered_onThePrimaryOfEachStream() {
        Map<Integer, String> channels = onePerPrimary("dl.car_");
        App receiver = app();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Element<Integer, Void> picky = receiver.loop("l").execute("picky", (Integer i, Output<Void> out) -> {
            seen.add(i);
            if (i % 100_000 == 13) {
                throw new IllegalArgumentException("not 13");
            }
        });
        Source<Integer> source = streams(receiver, RedisStreamsOptions.builder().group("dl").maxDeliveries(2)
                .reclaimIdle(Duration.ofMillis(300)).patternRefresh(Duration.ofMillis(200)))
                .source("dl.car_*", picky);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Transport sender = streams(app(), RedisStreamsOptions.builder());
        List<String> names = List.copyOf(channels.values());
        for (int c = 0; c < names.size(); c++) {
            Sink sink = sender.sink(names.get(c));
            for (int i = 12; i <= 14; i++) {
                sink.onNext(c * 100_000 + i);
            }
        }

        await().until(() -> source.stats().deadLettered() == names.size());
        for (int c = 0; c < names.size(); c++) {
            int channel = c;
            assertThat(seen.stream().filter(v -> v / 100_000 == channel).map(v -> v % 100_000).toList())
                    .as("delivered twice, then dead-lettered").containsExactly(12, 13, 14, 13);
        }
        channels.forEach((port, channel) -> {
            String dead = "dead:" + channel;
            int deadPort = CLUSTER.portOf(dead);
            assertThat(on(deadPort, "XLEN", dead)).as(dead + " on its own slot's primary").isEqualTo("1");
            assertThat(on(port, "XPENDING", "stream:" + channel, "dl:dl.car_*")).isEqualTo("0");
        });
    }
}
