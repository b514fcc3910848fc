package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.redis.testing.RedisSentinels;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams links through a sentinel-managed primary across a {@code SENTINEL FAILOVER}. Redis replicates
 * asynchronously and the sink does not {@code WAIT} for the replica, so what the design guarantees, and this test
 * asserts, is: every item the replica had before the failover began, and every item sent once it completed,
 * arrives; an item can be lost only inside the failover window (appended to the old primary and answered, but not
 * replicated before the promotion), and may come twice only from before the window's end.
 */
class SentinelStreamsIT {

    @RegisterExtension
    static final RedisSentinels SENTINELS = RedisSentinels.primaryReplicaAndThree();

    private static final String CHANNEL = "sentinel.streams";

    private static App app() {
        return App.create(MapeConfig.builder().redisUrl(SENTINELS.url()).build());
    }

    /** The item (field {@code b}) of the last entry of the channel's stream on {@code port}, -1 when there is none. */
    private static int lastOn(int port) {
        String[] lines = SENTINELS.cli(port, "XREVRANGE", "stream:" + CHANNEL, "+", "-", "COUNT", "1").trim()
                .split("\n");
        for (int i = 1; i + 1 < lines.length; i += 2) {
            if (lines[i].trim().equals("b")) {
                return Integer.parseInt(lines[i + 1].trim());
            }
        }
        return -1;
    }

    @Test
    void acrossAFailover_whatTheReplicaHadAndWhatIsSentAfterArrives_lossOnlyInTheFailoverWindow() throws Exception {
        try (App receiver = app(); App sender = app()) {
            Source<Integer> source = RedisStreamsTransport.builder(receiver)
                    .streamsOptions(RedisStreamsOptions.builder().group("failover")
                            .reclaimIdle(Duration.ofSeconds(2)).build())
                    .build().source(CHANNEL, Integer.class);
            List<Integer> got = new CopyOnWriteArrayList<>();
            source.subscribe(got::add);
            source.ready().blockingAwait(30, TimeUnit.SECONDS);
            Sink sink = RedisStreamsTransport.builder(sender).build().sink(CHANNEL);

            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            Thread t = new Thread(() -> {
                while (sending.get()) {
                    sink.onNext(next.getAndIncrement());
                    LockSupport.parkNanos(1_000_000);
                }
            }, "failover-sender");
            t.start();
            await().until(() -> got.size() >= 300);

            int primary = SENTINELS.primaryPort();
            int replica = SENTINELS.dataPorts().stream().filter(p -> p != primary).findFirst().orElseThrow();
            int some = next.get();
            await("the replica has item " + some).until(() -> lastOn(replica) >= some);
            int replicated = lastOn(replica) + 1;
            int promoted = SENTINELS.failover();
            assertThat(promoted).isEqualTo(replica);
            int atFailover = next.get();
            await("items sent after the failover arrive").until(() -> !got.isEmpty()
                    && got.get(got.size() - 1) > atFailover + 300);
            sending.set(false);
            t.join();
            int sentItems = next.get();
            await("the outbox is empty and every item sent after the failover arrived").until(() ->
                    sink.stats().pending() == 0 && new HashSet<>(got).containsAll(
                            IntStream.range(atFailover, sentItems).boxed().toList()));

            DeliveryStats s = sink.stats();
            Set<Integer> distinct = new HashSet<>(got);
            List<Integer> lost = IntStream.range(0, sentItems).filter(i -> !distinct.contains(i)).boxed().toList();
            List<Integer> twice = got.stream().filter(i -> got.indexOf(i) != got.lastIndexOf(i)).distinct().toList();
            System.out.printf("streams failover: %d items, the replica had [0, %d), failover window [%d, %d); "
                    + "%d received, %d distinct, lost %s, twice %s; sink %s%n", sentItems, replicated, replicated,
                    atFailover, got.size(), distinct.size(), lost, twice, s);

            assertThat(s.accepted()).isEqualTo(sentItems);
            assertThat(s.sent()).as("every item stored by a primary; none failed or dropped: " + s)
                    .isEqualTo(sentItems);
            assertThat(lost).as("lost only inside the failover window [" + replicated + ", " + atFailover + ")")
                    .allMatch(i -> i >= replicated && i < atFailover);
            assertThat(twice).as("twice only from before the failover completed").allMatch(i -> i < atFailover);
            assertThat(got.stream().filter(i -> i >= atFailover).toList())
                    .as("what was sent after the failover: every item once, in order")
                    .containsExactlyElementsOf(IntStream.range(atFailover, sentItems).boxed().toList());
            assertThat(SENTINELS.primaryPort()).isEqualTo(promoted);
        }
    }
}
