package io.mape.remote.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.DropReason;
import io.mape.test.redis.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class DispatcherIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** A close while messages still wait for the delivery thread: none of them may follow {@code closed()}. */
    @RepeatedTest(20)
    void closeDeliversNoMessageAfterTellingTheListenersItClosed() throws Exception {
        RedisClient client = RedisClient.create(REDIS.server().url());
        try (App app = App.create(MapeConfig.defaults());
             StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(CODEC);
             StatefulRedisConnection<String, byte[]> pub = client.connect(CODEC)) {
            List<Event> events = new CopyOnWriteArrayList<>();
            Observability.of(app).listen(events::add);
            Dispatcher dispatcher = new Dispatcher(sub, 100_000, "race", Observability.of(app));
            AtomicInteger afterClosed = new AtomicInteger();
            AtomicInteger delivered = new AtomicInteger();
            CountDownLatch first = new CountDownLatch(1);
            for (int i = 0; i < 2; i++) {
                AtomicBoolean closed = new AtomicBoolean();
                dispatcher.register(new Dispatcher.Listener() {
                    @Override
                    public void message(String pattern, String channel, byte[] body) {
                        if (closed.get()) {
                            afterClosed.incrementAndGet();
                        }
                        delivered.incrementAndGet();
                        first.countDown();
                        LockSupport.parkNanos(200_000);
                    }

                    @Override
                    public void closed() {
                        closed.set(true);
                    }
                }, List.of("race.*")).get(30, TimeUnit.SECONDS);
            }
            byte[] body = "1".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3000; i++) {
                pub.async().publish("race.x", body);
            }
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
            await().until(() -> delivered.get() > 10);

            dispatcher.close();

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> afterClosed.get() == 0);
            assertThat(delivered.get() + dispatcher.dropped()).as("delivered or counted").isLessThanOrEqualTo(6000);
            if (dispatcher.dropped() > 0) { // what reached the queue may all have been delivered by the close
                assertThat(events).as("what was waiting at close is published").isNotEmpty();
            }
            assertThat(events).as("what was waiting at close is published").allSatisfy(e ->
                    assertThat(e).isInstanceOfSatisfying(Event.Drop.class, d -> {
                        assertThat(d.path()).isEqualTo("race.x");
                        assertThat(d.reason()).isEqualTo(DropReason.CLOSED.wireName());
                    }));
        } finally {
            client.shutdown();
        }
    }
}
