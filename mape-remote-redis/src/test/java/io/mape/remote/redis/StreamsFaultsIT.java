package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessage;
import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisExtension;
import io.reactivex.rxjava3.core.Observable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The at-least-once guarantees of {@link RedisStreamsTransport} against real processes: a Redis with
 * {@code appendfsync always} killed with SIGKILL and restarted mid-stream, a consumer JVM killed mid-batch whose
 * pending entries another instance of its group takes over, and a slow consumer of a bounded stream.
 */
class StreamsFaultsIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.durable();

    private final List<App> apps = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void close() {
        processes.forEach(Process::destroyForcibly);
        apps.forEach(App::close);
    }

    private App app() {
        App app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        apps.add(app);
        return app;
    }

    private static Transport streams(App app, RedisStreamsOptions.Builder options) {
        return RedisStreamsTransport.builder(app).streamsOptions(options.build()).build();
    }

    private static List<Integer> collect(App app, Transport t, String channel, List<Integer> got, long parkNanos) {
        Element<Integer, Void> take = app.loop("receiver").execute("take", (Integer i, Output<Void> out) -> {
            got.add(i);
            if (parkNanos > 0) {
                LockSupport.parkNanos(parkNanos);
            }
        });
        t.source(channel, take).ready().blockingAwait(30, TimeUnit.SECONDS);
        return got;
    }

    @Test
    void redisKilledAndRestartedMidStream_withAppendfsyncAlways_losesNothing_andDuplicatesNothing() {
        int n = 4000;
        List<Integer> got = collect(app(), streams(app(), RedisStreamsOptions.builder().group("ambulance")
                .reclaimIdle(Duration.ofSeconds(2))), "durable.seq", new CopyOnWriteArrayList<>(), 0);
        Sink sink = streams(app(), RedisStreamsOptions.builder()).sink("durable.seq");
        AtomicInteger offered = new AtomicInteger();
        Observable.interval(1, TimeUnit.MILLISECONDS).take(n).map(i -> offered.getAndIncrement()).subscribe(sink);

        await().until(() -> got.size() >= 1000);
        REDIS.server().kill();
        REDIS.server().start();

        await().atMost(Duration.ofSeconds(90)).until(() -> new HashSet<>(got).size() == n);
        DeliveryStats s = sink.stats();
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            if (seen.contains(got.get(i))) {
                System.out.printf("duplicate %d at %d (first at %d)%n", got.get(i), i, seen.indexOf(got.get(i)));
            }
            seen.add(got.get(i));
        }
        System.out.printf("kill -9 of %s mid-stream: %d offered, %d received, %d distinct; sink %s%n", REDIS.server(),
                offered.get(), got.size(), new HashSet<>(got).size(), s);
        assertThat(new HashSet<>(got)).as("0 lost").hasSize(n);
        assertThat(got).as("no duplicates (the order may change: entries read by a reply the kill cut off are "
                + "taken over after reclaimIdle)").hasSize(n);
        assertThat(s.sent()).isEqualTo(n);
        assertThat(s.failed() + s.droppedTotal() + s.pending()).isZero();
    }

    @Test
    void aConsumerJvmKilledMidBatch_anotherInstanceTakesItsPendingEntries_duplicatesOnlyOfWhatItHadNotAcked()
            throws Exception {
        int n = 2000;
        String channel = "lb.seq";
        Child doomed = child("lb", channel, "doomed");
        await().until(() -> doomed.out.contains("READY"));
        Sink sink = streams(app(), RedisStreamsOptions.builder()).sink(channel);
        IntStream.range(0, n).forEach(sink::onNext);

        await().until(() -> doomed.got().size() >= 300);
        doomed.process.destroyForcibly();
        assertThat(doomed.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<Integer> notAcked = pendingOf("stream:" + channel, "lb:" + channel, "doomed");
        List<Integer> survivor = collect(app(), streams(app(), RedisStreamsOptions.builder().group("lb")
                .consumer("survivor").batch(50).reclaimIdle(Duration.ofSeconds(3))), channel,
                new CopyOnWriteArrayList<>(), 0);

        await().atMost(Duration.ofSeconds(60)).until(() -> union(doomed.got(), survivor).size() == n);
        List<Integer> byDoomed = doomed.got();
        Set<Integer> twice = new HashSet<>(byDoomed);
        twice.retainAll(survivor);
        System.out.printf("consumer killed: it processed %d, had %d not acked; the survivor processed %d; %d twice%n",
                byDoomed.size(), notAcked.size(), survivor.size(), twice.size());
        assertThat(union(byDoomed, survivor)).as("no loss").hasSize(n);
        assertThat(new HashSet<>(survivor)).as("the survivor processed each once").hasSize(survivor.size());
        assertThat(notAcked).as("it died mid-batch").isNotEmpty();
        assertThat(twice).as("duplicates only of what the dead consumer had not acked").isSubsetOf(notAcked);
    }

    @Test
    void aSlowConsumerOfABoundedStream_countsWhatTrimmingRemovedBeforeItWasRead() {
        int n = 3000;
        App receiver = app();
        Transport t = streams(receiver, RedisStreamsOptions.builder().group("slow").batch(10)
                .patternRefresh(Duration.ofMillis(100)));
        List<Integer> got = new CopyOnWriteArrayList<>();
        Element<Integer, Void> take = receiver.loop("receiver").execute("take", (Integer i, Output<Void> out) -> {
            got.add(i);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        });
        Source<Integer> source = t.source("slow.seq", take);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Sink sink = streams(app(), RedisStreamsOptions.builder().maxLen("slow.*", 100)).sink("slow.seq");
        IntStream.range(0, n).forEach(sink::onNext);

        await().atMost(Duration.ofSeconds(60)).until(() -> got.size() + source.stats().missed() == n);
        DeliveryStats s = source.stats();
        System.out.printf("slow consumer of a stream of ~100: %d sent, %d received, %d counted as trimmed: %s%n",
                sink.stats().sent(), got.size(), s.missed(), s);
        assertThat(sink.stats().sent()).isEqualTo(n);
        assertThat(s.missed()).as("trimmed before it was read").isPositive();
        assertThat(got).as("what it read, once each, in order").isSorted().doesNotHaveDuplicates();
        assertThat(got.size() + s.missed()).as("every entry read or counted").isEqualTo(n);
    }

    private static Set<Integer> union(List<Integer> a, List<Integer> b) {
        Set<Integer> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** The items of the entries {@code consumer} had delivered but not acknowledged. */
    private static Set<Integer> pendingOf(String stream, String group, String consumer) {
        RedisClient client = RedisClient.create(REDIS.server().url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            Set<Integer> items = new HashSet<>();
            for (PendingMessage p : c.sync().xpending(stream, Consumer.from(group, consumer), Range.unbounded(),
                    Limit.from(100_000))) {
                for (StreamMessage<String, String> m : c.sync().xrange(stream, Range.create(p.getId(), p.getId()))) {
                    items.add(Integer.parseInt(m.getBody().get("b")));
                }
            }
            return items;
        } finally {
            client.shutdown();
        }
    }

    private record Child(Process process, List<String> out) {
        List<Integer> got() {
            return out.stream().filter(l -> l.startsWith("GOT ")).map(l -> Integer.parseInt(l.substring(4)))
                    .collect(Collectors.toList());
        }
    }

    private Child child(String group, String channel, String consumer) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StreamsConsumer.class.getName(), REDIS.server().url(), group,
                channel, consumer);
        Path err = Files.createTempFile("mape-streams-consumer-", ".log");
        err.toFile().deleteOnExit();
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        processes.add(p);
        List<String> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "consumer-" + consumer);
        reader.setDaemon(true);
        reader.start();
        return new Child(p, out);
    }
}
