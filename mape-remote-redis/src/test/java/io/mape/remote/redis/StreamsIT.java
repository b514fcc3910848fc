package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mape.App;
import io.mape.Element;
import io.mape.Kind;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link RedisStreamsTransport} adds to the transport TCK, against a real redis-server. */
class StreamsIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.owned();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private final List<App> apps = new ArrayList<>();

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.server().url());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @AfterEach
    void close() {
        apps.forEach(App::close);
    }

    private static RedisCommands<String, String> redis() {
        return connection.sync();
    }

    private Transport streams(RedisStreamsOptions.Builder options) {
        App app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        apps.add(app);
        return RedisStreamsTransport.builder(app).streamsOptions(options.build()).build();
    }

    private static List<Integer> collect(Transport t, String pattern) {
        List<Integer> got = new CopyOnWriteArrayList<>();
        Source<Integer> s = t.source(pattern, Integer.class);
        s.subscribe(got::add);
        s.ready().blockingAwait(30, TimeUnit.SECONDS);
        return got;
    }

    @Test
    void anEntryIsAcknowledgedOnlyOnceTheElementProcessedIt() {
        Transport t = streams(RedisStreamsOptions.builder().group("acks"));
        CompletableFuture<Void> stage = new CompletableFuture<>();
        App app = apps.get(0);
        Element<Integer, Void> slow = app.loop("l").async(Kind.EXECUTE, "slow", (Integer i, Output<Void> out) -> stage);
        t.source("acks.c", slow).ready().blockingAwait(30, TimeUnit.SECONDS);
        Sink sink = streams(RedisStreamsOptions.builder()).sink("acks.c");

        sink.onNext(1);

        await().until(() -> slow.stats().itemsIn() == 1);
        assertThat(redis().xpending("stream:acks.c", "acks:acks.c").getCount()).as("read, not processed: pending")
                .isEqualTo(1);
        stage.complete(null);
        await().until(() -> redis().xpending("stream:acks.c", "acks:acks.c").getCount() == 0);
    }

    @Test
    void anEntryDeliveredTooOftenGoesToTheDeadLetters_countedWithItsReason() {
        Transport t = streams(RedisStreamsOptions.builder().group("dl").maxDeliveries(2)
                .reclaimIdle(Duration.ofMillis(300)));
        App app = apps.get(0);
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(app).listen(events::add);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Element<Integer, Void> picky = app.loop("l").execute("picky", (Integer i, Output<Void> out) -> {
            seen.add(i);
            if (i == 13) {
                throw new IllegalArgumentException("not 13");
            }
        });
        Source<Integer> source = t.source("dl.c", picky);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Sink sink = streams(RedisStreamsOptions.builder()).sink("dl.c");

        sink.onNext(12);
        sink.onNext(13);
        sink.onNext(14);

        await().until(() -> source.stats().deadLettered() == 1);
        List<StreamMessage<String, String>> dead = redis().xrange("dead:dl.c", Range.unbounded());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getBody()).containsEntry("b", "13").containsEntry("deliveries", "3")
                .containsEntry("stream", "stream:dl.c").containsEntry("group", "dl:dl.c")
                .containsEntry("reason", "delivered 3 times without being processed (maxDeliveries 2)");
        assertThat(seen).as("delivered twice, then dead-lettered").containsExactly(12, 13, 14, 13);
        assertThat(redis().xpending("stream:dl.c", "dl:dl.c").getCount()).isZero();
        assertThat(events).filteredOn(Event.Drop.class::isInstance).singleElement()
                .isInstanceOfSatisfying(Event.Drop.class, d -> {
                    assertThat(d.path()).isEqualTo("dl.c");
                    assertThat(d.reason()).isEqualTo("dead-lettered");
                    assertThat(d.item()).contains("(maxDeliveries 2); moved to dead:dl.c");
                });
    }

    @Test
    void instancesSharingAGroupSplitTheEntries_loopsWithGroupsOfTheirOwnEachGetThemAll() {
        List<Integer> a1 = collect(streams(RedisStreamsOptions.builder().group("police").consumer("p1")), "lb.*");
        List<Integer> a2 = collect(streams(RedisStreamsOptions.builder().group("police").consumer("p2")), "lb.*");
        List<Integer> b = collect(streams(RedisStreamsOptions.builder().group("ambulance")), "lb.*");
        Sink sink = streams(RedisStreamsOptions.builder()).sink("lb.x");

        IntStream.range(0, 1000).forEach(sink::onNext);

        await().until(() -> a1.size() + a2.size() == 1000 && b.size() == 1000);
        Set<Integer> both = new HashSet<>(a1);
        both.retainAll(a2);
        assertThat(both).as("each entry to one instance of the group").isEmpty();
        // How the group splits the entries is Redis's choice: one reader's batch may take all of them (seen in CI),
        // so the test holds each instance to order and the group to each entry once, not to a share.
        assertThat(a1).isSorted();
        assertThat(a2).isSorted();
        assertThat(b).as("the other group gets every entry, in order").containsExactlyElementsOf(
                IntStream.range(0, 1000).boxed().toList());
    }

    @Test
    void aRestartedInstanceOfAGroupResumes_withWhatWasSentWhileItWasAway() {
        Transport first = streams(RedisStreamsOptions.builder().group("resume"));
        List<Integer> before = collect(first, "resume.c");
        Sink sink = streams(RedisStreamsOptions.builder()).sink("resume.c");
        IntStream.range(0, 10).forEach(sink::onNext);
        await().until(() -> before.size() == 10);
        first.close();

        IntStream.range(10, 20).forEach(sink::onNext);
        await().until(() -> sink.stats().sent() == 20);
        List<Integer> after = collect(streams(RedisStreamsOptions.builder().group("resume")), "resume.c");

        await().until(() -> after.size() == 10);
        assertThat(after).containsExactlyElementsOf(IntStream.range(10, 20).boxed().toList());
    }

    @Test
    void aPatternFindsStreamsMadeAfterItSubscribed_withinARefresh_andReadsThemFromTheirStart() {
        List<Integer> got = collect(streams(RedisStreamsOptions.builder().patternRefresh(Duration.ofMillis(100))),
                "later.*");
        Transport sender = streams(RedisStreamsOptions.builder());
        for (String c : List.of("later.a", "later.b", "other.c")) {
            Sink sink = sender.sink(c);
            IntStream.range(0, 5).forEach(sink::onNext);
        }

        await().until(() -> got.size() == 10);
        assertThat(got).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
    }

    @Test
    void eachStreamIsBoundedByMaxLen_perChannel() {
        Transport t = streams(RedisStreamsOptions.builder().maxLen(1000).maxLen("small.*", 10));
        Sink small = t.sink("small.a");
        Sink big = t.sink("big.a");
        IntStream.range(0, 2000).forEach(i -> {
            small.onNext(i);
            big.onNext(i);
        });
        await().until(() -> small.stats().sent() == 2000 && big.stats().sent() == 2000);

        assertThat(redis().xlen("stream:small.a")).as("MAXLEN ~ 10 keeps a node or so").isBetween(10L, 200L);
        assertThat(redis().xlen("stream:big.a")).isBetween(1000L, 1200L);
    }
}
