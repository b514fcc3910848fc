package io.mape.remote.redis;

import io.mape.remote.RemoteUnavailableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisServer;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Redis going away and coming back; run on each Redis the machine has by the subclasses. */
abstract class FaultsTests {

    abstract RedisServer server();

    private App app() {
        return App.create(MapeConfig.builder().redisUrl(server().url()).build());
    }

    @Test
    void aFlowingStreamRecoversFromARestart_andItsLossIsBoundedAndReported() {
        try (App app = app()) {
            Transport redis = RedisTransport.builder(app).build();
            Source<Integer> sub = redis.source("stream.*", Integer.class);
            List<Integer> got = new CopyOnWriteArrayList<>();
            sub.subscribe(got::add);
            sub.ready().blockingAwait(30, TimeUnit.SECONDS);
            Sink pub = redis.sink("stream.seq");
            AtomicInteger offered = new AtomicInteger();
            Observable.interval(2, TimeUnit.MILLISECONDS).map(i -> offered.getAndIncrement()).subscribe(pub);

            await().until(() -> got.size() >= 100);
            server().restart();
            int afterRestart = offered.get();

            await().until(() -> !got.isEmpty() && got.get(got.size() - 1) > afterRestart + 100);
            sub.ready().blockingAwait(30, TimeUnit.SECONDS);
            pub.close();
            DeliveryStats stats = pub.stats();
            long reported = stats.sent() - stats.acknowledged() + stats.droppedTotal() + stats.failed();
            await("what is still on its way arrives").atMost(Duration.ofSeconds(10))
                    .until(() -> offered.get() - new LinkedHashSet<>(got).size() <= reported);


            Set<Integer> distinct = new LinkedHashSet<>(got);
            int lost = offered.get() - distinct.size();
            System.out.printf("restart of %s: %d offered, %d received (%d distinct), %d lost; reported: %s%n",
                    server(), offered.get(), got.size(), distinct.size(), lost, stats);
            assertThat(new ArrayList<>(distinct)).isSorted();
            assertThat(lost).isLessThanOrEqualTo((int) reported);
            assertThat(reported).isLessThan(offered.get() / 2);
        }
    }

    @Test
    void whileRedisIsDown_publishesWaitInABoundedOutbox_theNewestAreDropped_nothingBlocks() {
        try (App app = app()) {
            Transport redis = RedisTransport.builder(app).build();
            Source<Integer> sub = redis.source("buffered", Integer.class);
            List<Integer> got = new CopyOnWriteArrayList<>();
            sub.subscribe(got::add);
            sub.ready().blockingAwait(30, TimeUnit.SECONDS);
            Sink pub = redis.sink("buffered", SinkOptions.builder().capacity(50).build());

            server().stop();
            await().until(() -> !RedisRemote.of(app).isConnected());
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                pub.onNext(i);
            }
            Duration pushing = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(pushing).isLessThan(Duration.ofSeconds(2));
            assertThat(pub.stats()).isEqualTo(DeliveryStats.ofSink(200, 0, 0, Map.of(DropReason.OVERFLOW, 150L), 0, 50));

            server().start();
            await().until(() -> pub.stats().pending() == 0);
            DeliveryStats stats = pub.stats();
            assertThat(stats.sent()).isEqualTo(50);
            await().until(() -> got.size() + stats.sent() - stats.acknowledged() == 50);
            assertThat(got).isSorted().allMatch(i -> i < 50);
        }
    }

    @Test
    void redisAbsentAtStartUp_failsFastSayingWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + closedPort + "/0";
        try (App app = App.create(MapeConfig.builder().redisUrl(url).build())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> RedisRemote.of(app))
                    .isInstanceOf(RemoteUnavailableException.class)
                    .hasMessageContaining("cannot connect to Redis at " + url)
                    .hasMessageContaining("MAPE_REDIS_URL");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
