package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;
import io.mape.remote.Sink;
import io.mape.remote.Transport;
import io.mape.safety.Dedupe;
import io.mape.safety.Veto;
import io.mape.test.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Dedupe} in front of a Streams source, two Apps of one group on one Redis Knowledge: entries whose ids a
 * consumer recorded and never acted on are withheld by the instance that takes them over.
 */
class StreamsDedupeIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.durable();

    private final List<App> apps = new ArrayList<>();
    private final CountDownLatch hung = new CountDownLatch(1);

    @AfterEach
    void close() {
        hung.countDown();
        apps.forEach(App::close);
    }

    private App app() {
        App app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        apps.add(app);
        return app;
    }

    private static Transport streams(App app, String consumer, Duration reclaimIdle) {
        return RedisStreamsTransport.builder(app).streamsOptions(RedisStreamsOptions.builder().group("dd")
                .consumer(consumer).batch(10).reclaimIdle(reclaimIdle).build()).build();
    }

    private static Knowledge redis(App app) {
        return RedisRemote.of(app).knowledge().knowledge(Scope.app());
    }

    private static Dedupe<Integer> dedupe(App app) {
        return Dedupe.<Integer>builder(String::valueOf).knowledge(redis(app), "seen.dd").window(Duration.ofMinutes(5))
                .build();
    }

    @Test
    void entriesRecordedByAConsumerThatNeverActed_areWithheldByTheOneThatTakesThemOver() {
        int n = 200;
        String channel = "dd.seq";
        App first = app();
        Dedupe<Integer> firstDedupe = dedupe(first);
        Element<Integer, Void> stuck = first.loop("receiver").execute("take", (Integer i, Output<Void> out) -> {
            try {
                hung.await();                      // recorded, then never acts: a consumer that died in between
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stuck.opsIn(firstDedupe);
        streams(first, "hung", Duration.ofHours(1)).source(channel, stuck).ready().blockingAwait(30, TimeUnit.SECONDS);
        Sink sink = streams(app(), "sender", Duration.ofHours(1)).sink(channel);
        IntStream.range(0, n).forEach(sink::onNext);
        await().until(() -> firstDedupe.stats().itemsOut() >= 1);

        App second = app();
        Dedupe<Integer> secondDedupe = dedupe(second);
        List<Veto<Integer>> withheld = new CopyOnWriteArrayList<>();
        secondDedupe.vetoes().subscribe(withheld::add);
        List<Integer> acted = new CopyOnWriteArrayList<>();
        Element<Integer, Void> take = second.loop("receiver").execute("take",
                (Integer i, Output<Void> out) -> acted.add(i));
        take.opsIn(secondDedupe);
        streams(second, "taker", Duration.ofSeconds(1)).source(channel, take).ready()
                .blockingAwait(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> secondDedupe.stats().itemsIn() == n);
        Set<Integer> recorded = redis(second).sortedSet("seen.dd", String.class).range(0, -1).stream()
                .map(Integer::valueOf).collect(Collectors.toSet());
        Set<Integer> recordedByFirst = new HashSet<>(recorded);
        recordedByFirst.removeAll(acted);
        System.out.printf("dedupe: the hung consumer recorded %d; the taker acted on %d and withheld %d%n",
                firstDedupe.stats().itemsOut(), acted.size(), withheld.size());
        assertThat(recorded).as("every id recorded once").hasSize(n);
        assertThat(recordedByFirst).as("what the hung consumer recorded").hasSize((int) firstDedupe.stats().itemsOut());
        assertThat(withheld).extracting(Veto::item).as("withheld: exactly what the hung consumer had recorded")
                .containsExactlyInAnyOrderElementsOf(recordedByFirst);
        assertThat(withheld).allMatch(v -> v.by().equals("duplicate") && v.reason().startsWith("duplicate of "));
        assertThat(secondDedupe.stats().withheldBy()).containsEntry("duplicate", (long) recordedByFirst.size());
        assertThat(new HashSet<>(acted)).as("each other entry acted on once").hasSize(acted.size())
                .hasSize(n - recordedByFirst.size()).doesNotContainAnyElementsOf(recordedByFirst);
        await().until(() -> pending("stream:" + channel, "dd:" + channel) == 0);
    }

    private static long pending(String stream, String group) {
        RedisClient client = RedisClient.create(REDIS.server().url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xpending(stream, group).getCount();
        } finally {
            client.shutdown();
        }
    }
}
