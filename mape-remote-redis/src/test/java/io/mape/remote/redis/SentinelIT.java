package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.Scope;
import io.mape.remote.DeliveryStats;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.redis.testing.RedisSentinels;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pub/sub and Knowledge through a sentinel-managed primary (a primary, a replica, three sentinels), and across a
 * failover: the links and the Knowledge resume on the new primary, and every item the failover cost is counted.
 */
class SentinelIT {

    @RegisterExtension
    static final RedisSentinels SENTINELS = RedisSentinels.primaryReplicaAndThree();

    private static App app(String url) {
        return App.create(MapeConfig.builder().redisUrl(url).build());
    }

    @Test
    void linksAndKnowledgeGoThroughThePrimaryTheSentinelsName_plusFormToo() {
        String plus = SENTINELS.url().replace("redis-sentinel://", "redis+sentinel://");
        try (App receiver = app(SENTINELS.url()); App sender = app(plus)) {
            Source<Integer> source = RedisTransport.builder(receiver).build().source("sentinel.plain", Integer.class);
            List<Integer> got = new CopyOnWriteArrayList<>();
            source.subscribe(got::add);
            source.ready().blockingAwait(30, TimeUnit.SECONDS);
            Sink sink = RedisTransport.builder(sender).build().sink("sentinel.plain");
            for (int i = 0; i < 100; i++) {
                sink.onNext(i);
            }
            await().until(() -> got.size() == 100);
            assertThat(sink.stats().acknowledged()).isEqualTo(100);

            Knowledge k = RedisRemote.of(sender).knowledge().knowledge(Scope.app());
            k.put("through_sentinels", 7);
            assertThat(SENTINELS.cli(SENTINELS.primaryPort(), "GET", "k.app.through_sentinels").trim())
                    .isEqualTo("7");
            assertThat(RedisRemote.of(receiver).url()).isEqualTo(SENTINELS.url());
        }
    }

    @Test
    void afterAFailover_linksAndKnowledgeResume_andSentEqualsReceivedPlusCountedLoss() throws Exception {
        try (App receiver = app(SENTINELS.url()); App sender = app(SENTINELS.url())) {
            Source<Integer> source = RedisTransport.builder(receiver).build().source("sentinel.failover", Integer.class);
            List<Integer> got = new CopyOnWriteArrayList<>();
            source.subscribe(got::add);
            source.ready().blockingAwait(30, TimeUnit.SECONDS);
            Sink sink = RedisTransport.builder(sender).build().sink("sentinel.failover");

            Knowledge k = RedisRemote.of(sender).knowledge().knowledge(Scope.app());
            Knowledge watcher = RedisRemote.of(receiver).knowledge().knowledge(Scope.app());
            k.put("before", 1);
            int primary = SENTINELS.primaryPort();
            int replica = SENTINELS.dataPorts().stream().filter(p -> p != primary).findFirst().orElseThrow();
            await("the replica has the value").until(() -> SENTINELS.cli(replica, "GET", "k.app.before").trim()
                    .equals("1"));

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

            int promoted = SENTINELS.failover();
            assertThat(promoted).isEqualTo(replica);
            int atFailover = next.get();
            await("items sent after the failover arrive").until(() -> !got.isEmpty()
                    && got.get(got.size() - 1) > atFailover + 300);
            sending.set(false);
            t.join();
            int sentItems = next.get();
            await("the outbox is empty and the last item arrived").until(() -> sink.stats().pending() == 0
                    && got.get(got.size() - 1) == sentItems - 1);

            DeliveryStats s = sink.stats();
            long received = got.size();
            long lost = sentItems - received;
            long countedLoss = s.failed() + s.droppedTotal() + s.sent() - s.acknowledged();
            System.out.printf("failover: %d items, %d received, %d lost; sink %s; counted as possibly lost %d%n",
                    sentItems, received, lost, s, countedLoss);
            assertThat(new LinkedHashSet<>(got)).as("no duplicates").hasSize(got.size());
            assertThat(got).as("in order").isSorted();
            assertThat(s.accepted()).isEqualTo(sentItems);
            assertThat(s.sent() + s.failed() + s.droppedTotal() + s.pending()).as("every item accounted: " + s)
                    .isEqualTo(s.accepted());
            assertThat(lost).as("every loss counted (failed, dropped, or sent with no subscriber there): " + s)
                    .isLessThanOrEqualTo(countedLoss);
            assertThat(received + lost).isEqualTo(sentItems);

            assertThat(k.get("before", Integer.class)).as("what the replica had survives").isEqualTo(1);
            List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
            Disposable d = watcher.changes("after_*").subscribe(seen::add);
            try {
                AtomicInteger puts = new AtomicInteger();
                await("change events resume on the new primary").until(() -> {
                    k.put("after_" + puts.getAndIncrement(), 1);
                    return !seen.isEmpty();
                });
                assertThat(k.increment("after_count", 2)).isEqualTo(2);
                assertThat(SENTINELS.cli(promoted, "GET", "k.app.after_count").trim()).isEqualTo("2");
            } finally {
                d.dispose();
            }
        }
    }

    @Test
    void aWrongPasswordFailsAtConnect_thePasswordNowhere_notInTheCausesEither() {
        String url = SENTINELS.url().replace("redis-sentinel://", "redis-sentinel://nobody:s3cret-pw@");
        try (App device = App.create(MapeConfig.builder().redisUrl(url).build())) {
            Throwable thrown = catchThrowable(() -> RedisRemote.of(device));
            assertThat(thrown).isInstanceOf(RemoteUnavailableException.class)
                    .hasMessageContaining("cannot connect to Redis at redis-sentinel://nobody:***@");
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("s3cret-pw");
        }
    }
}
