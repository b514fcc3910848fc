package io.mape.remote.redis;

import io.mape.remote.RemoteUnavailableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mape.App;
import io.mape.CallMethod;
import io.mape.Element;
import io.mape.Output;
import io.mape.Message;
import io.mape.Monitor;
import io.mape.annotation.CallableMethod;
import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisExtension;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PubSubIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    record Speed(String car, int kmh) {
    }

    private App app;
    private RedisRemote remote;
    private Transport redis;
    private RedisClient rawClient;
    private StatefulRedisConnection<String, String> rawConnection;

    @BeforeEach
    void setUp() {
        app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        remote = RedisRemote.of(app);
        redis = RedisTransport.builder(app).build();
        rawClient = RedisClient.create(REDIS.server().url());
        rawConnection = rawClient.connect();
    }

    @AfterEach
    void tearDown() {
        app.close();
        rawConnection.close();
        rawClient.shutdown();
    }

    private RedisCommands<String, String> raw() {
        return rawConnection.sync();
    }

    private static <T> List<T> collect(Source<T> sub) {
        List<T> got = new CopyOnWriteArrayList<>();
        sub.subscribe(got::add);
        sub.ready().blockingAwait(30, TimeUnit.SECONDS);
        return got;
    }

    @Test
    void itemsArriveInOrderAsTheDeclaredType() {
        Source<Speed> sub = redis.source("car_a.speed", Speed.class);
        List<Speed> got = collect(sub);
        Sink pub = redis.sink("car_a.speed");
        List<Speed> sent = IntStream.range(0, 2000).mapToObj(i -> new Speed("a", i)).toList();
        Observable.fromIterable(sent).subscribe(pub);

        await().until(() -> got.size() == sent.size());
        assertThat(got).containsExactlyElementsOf(sent);
        await().until(() -> pub.stats().acknowledged() == 2000);
        assertThat(pub.stats()).isEqualTo(DeliveryStats.ofSink(2000, 2000, 2000, Map.of(), 0, 0));
        assertThat(sub.stats().received()).isEqualTo(2000);
    }

    @Test
    void globPatternsSelectTheChannels() {
        List<Boolean> star = collect(redis.source("car_*.detect", Boolean.class));
        List<Boolean> set = collect(redis.source("car_[xy].detect", Boolean.class));
        for (String channel : List.of("car_a.detect", "car_x.detect", "car_z.detect", "bus_x.detect", "car_y.detect")) {
            raw().publish(channel, "true");
        }
        raw().publish("car_y.detect", "false");

        await().until(() -> star.size() == 5 && set.size() == 3);
        assertThat(set).containsExactly(true, true, false);
    }

    @Test
    void starMeansTheLoopsChannels_notRedisKeyspaceNotifications() {
        raw().configSet("notify-keyspace-events", "KEA");
        Source<Integer> sub = redis.source("*", Integer.class);
        List<Integer> got = collect(sub);
        raw().set("some.key", "1");
        raw().publish("car_a.speed", "2");

        await().until(() -> got.size() == 1);
        assertThat(got).containsExactly(2);
        assertThat(sub.stats()).isEqualTo(DeliveryStats.ofSource(1, 0, 0));
    }

    @Test
    void oneRedisSubscriptionPerPattern_sharedAndReleased() {
        Source<Integer> a = redis.source("shared.*", Integer.class);
        Source<Integer> b = redis.source("shared.*", Integer.class);
        List<Integer> gotA1 = new CopyOnWriteArrayList<>();
        List<Integer> gotA2 = new CopyOnWriteArrayList<>();
        List<Integer> gotB = new CopyOnWriteArrayList<>();
        Disposable a1 = a.subscribe(gotA1::add);
        Disposable a2 = a.subscribe(gotA2::add);
        Disposable b1 = b.subscribe(gotB::add);
        a.ready().blockingAwait(30, TimeUnit.SECONDS);
        b.ready().blockingAwait(30, TimeUnit.SECONDS);
        assertThat(raw().pubsubNumpat()).isEqualTo(1);

        raw().publish("shared.x", "7");
        await().until(() -> gotA1.size() == 1 && gotA2.size() == 1 && gotB.size() == 1);

        a1.dispose();
        b1.dispose();
        assertThat(raw().pubsubNumpat()).isEqualTo(1);
        a2.dispose();
        await().until(() -> raw().pubsubNumpat() == 0);
    }

    @Test
    void undecodableMessagesAreCountedAndDropped_theStreamGoesOn() {
        Source<Speed> sub = redis.source("car_a.speed", Speed.class);
        List<Speed> got = collect(sub);
        raw().publish("car_a.speed", "not json");
        raw().publish("car_a.speed", "{\"car\":\"a\",\"kmh\":\"fast\"}");
        raw().publish("car_a.speed", "{\"car\":\"a\",\"kmh\":90,\"colour\":\"red\"}");
        raw().publish("car_a.speed", "{\"car\":\"a\",\"kmh\":90}");

        await().until(() -> got.size() == 1);
        assertThat(got).containsExactly(new Speed("a", 90));
        assertThat(sub.stats()).isEqualTo(DeliveryStats.ofSource(4, 3, 0));
    }

    @Test
    void anUndecodableMessageIsAnEventOfTheApp() {
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(app).listen(events::add);
        Source<Speed> sub = redis.source("car_*.speed", Speed.class);
        List<Speed> got = collect(sub);
        raw().publish("car_a.speed", "not json");
        raw().publish("car_a.speed", "{\"car\":\"a\",\"kmh\":90}");

        await().until(() -> got.size() == 1);
        assertThat(events).singleElement().isInstanceOfSatisfying(Event.Drop.class, d -> {
            assertThat(d.path()).isEqualTo("car_a.speed");
            assertThat(d.reason()).isEqualTo("undecodable");
            assertThat(d.item()).contains("'not json'").contains(Speed.class.getTypeName());
        });
    }

    @Test
    void anObserverThatThrowsKeepsItsSubscription() {
        Source<Integer> sub = redis.source("boom", Integer.class);
        List<Integer> got = new CopyOnWriteArrayList<>();
        sub.subscribe(new Observer<Integer>() {
            @Override
            public void onSubscribe(Disposable d) {
            }

            @Override
            public void onNext(Integer i) {
                if (i == 1) {
                    throw new IllegalStateException("bad observer");
                }
                got.add(i);
            }

            @Override
            public void onError(Throwable e) {
            }

            @Override
            public void onComplete() {
            }
        });
        sub.ready().blockingAwait(30, TimeUnit.SECONDS);
        raw().publish("boom", "1");
        raw().publish("boom", "2");
        await().until(() -> got.contains(2));
    }

    @Test
    void elementsGetEnvelopes_plainObserversGetValues() {
        Recorder recorder = app.loop("station").add(new Recorder());
        recorder.start();
        Source<Message<Boolean>> forElement = redis.source("car_*.detect", recorder);
        Source<Boolean> forObserver = redis.source("car_*.detect", Boolean.class);
        List<Boolean> plain = collect(forObserver);
        forElement.ready().blockingAwait(30, TimeUnit.SECONDS);

        Sink pub = redis.sink("car_a.detect");
        pub.onNext(Message.of(true).from("car_a.detect"));
        pub.onNext(new CallMethod("reset", List.of()));
        pub.onNext(false);

        await().until(() -> recorder.seen.size() == 2 && recorder.resets == 1 && plain.size() == 2);
        assertThat(recorder.seen.get(0).src()).isEqualTo("car_a.detect");
        assertThat(recorder.seen.get(0).value()).isTrue();
        assertThat(recorder.seen.get(1).src()).isNull();
        assertThat(recorder.seen.get(1).value()).isFalse();
        assertThat(plain).containsExactly(true, false);
        assertThat(forObserver.stats().refused()).isEqualTo(1);
    }

    /** Takes Messages, so that plain documents arrive wrapped and envelopes keep their src. */
    static final class Recorder extends Monitor<Message<Boolean>, Boolean> {
        final List<Message<Boolean>> seen = new CopyOnWriteArrayList<>();
        volatile int resets;

        @Override
        protected void process(Message<Boolean> item, Output<Boolean> out) {
            seen.add(item);
        }

        @CallableMethod
        public void reset() {
            resets++;
        }
    }

    @Test
    void aSinkOfAnElementPublishesOnItsPath_asPlainJson() {
        Element<Integer, Integer> detect = app.loop("ambulance").monitor("detect", (Integer i, Output<Integer> o) -> o.next(i * 10));
        detect.start();
        Sink pub = redis.sink(detect);
        assertThat(pub.channel()).isEqualTo("ambulance.detect");
        Source<Object> json = redis.source("ambulance.*", Object.class);
        List<Object> values = collect(json);
        detect.onNext(4);

        await().until(() -> values.size() == 1);
        assertThat(values).containsExactly(40);
        await().until(() -> pub.stats().acknowledged() == 1);
    }

    @Test
    void publishingWithNobodySubscribedIsSentButNotAcknowledged() {
        Sink pub = redis.sink("nobody.listens");
        pub.onNext(1);
        pub.onNext(2);
        await().until(() -> pub.stats().sent() == 2);
        assertThat(pub.stats().acknowledged()).isZero();
    }

    @Test
    void anItemThatCannotBeEncodedIsCountedAsUnencodable() {
        Sink pub = redis.sink("x");
        pub.onNext(new Object() {
            public Object getSelf() {
                return this;
            }
        });
        pub.onNext(1);
        await().until(() -> pub.stats().sent() == 1);
        assertThat(pub.stats().dropped(DropReason.UNENCODABLE)).isEqualTo(1);
    }

    @Test
    void aSubscriberTooSlowForTheDeliveryBufferLosesCountedMessages_theOthersGoOn() throws Exception {
        try (App device = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build())) {
            RedisOptions options = RedisOptions.builder().url(REDIS.server().url()).deliveryBuffer(5).build();
            RedisRemote small = RedisRemote.of(device, options);
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> got = new CopyOnWriteArrayList<>();
            Source<Integer> sub = RedisTransport.builder(device).options(options).build()
                    .source("slow", Integer.class);
            sub.subscribe(i -> {
                release.await();
                got.add(i);
            });
            sub.ready().blockingAwait(30, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                raw().publish("slow", String.valueOf(i));
            }
            await().until(() -> small.deliveryDropped() > 0);
            release.countDown();
            await().until(() -> got.size() + small.deliveryDropped() == 50);
            assertThat(got).isSorted().startsWith(0);
        }
    }

    @Test
    void aMessageTheDeliveryBufferDropsIsAnEventOfTheApp() throws Exception {
        try (App device = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build())) {
            RedisOptions options = RedisOptions.builder().url(REDIS.server().url()).deliveryBuffer(2).build();
            RedisRemote small = RedisRemote.of(device, options);
            List<Event> events = new CopyOnWriteArrayList<>();
            Observability.of(device).listen(events::add);
            CountDownLatch release = new CountDownLatch(1);
            Source<Integer> sub = RedisTransport.builder(device).options(options).build().source("slow", Integer.class);
            sub.subscribe(i -> release.await());
            sub.ready().blockingAwait(30, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                raw().publish("slow", String.valueOf(i));
            }

            try { // one is being delivered, two wait, seven are dropped
                await().until(() -> small.deliveryDropped() == 7 && events.size() == 7);
            } finally {
                release.countDown(); // else closing the App waits for the subscriber
            }
            assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Drop.class, d -> {
                assertThat(d.path()).isEqualTo("slow");
                assertThat(d.reason()).isEqualTo(DropReason.OVERFLOW.wireName());
                assertThat(d.item()).contains("2 received messages wait for delivery already");
            }));
        }
    }

    /** Redis cuts a subscriber off whose output buffer passes 32 MB (client-output-buffer-limit pubsub). */
    @Test
    void a32MegabyteItemIsDroppedAsTooLarge_andTheSubscribersKeepTheirConnection() {
        Source<String> sub = redis.source("big", String.class);
        List<String> got = collect(sub);
        Sink pub = redis.sink("big");
        pub.onNext("x".repeat(32 << 20));
        for (int i = 0; i < 100; i++) {
            pub.onNext(String.valueOf(i));
        }

        await().until(() -> got.size() == 100);
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(String::valueOf).toList());
        assertThat(pub.stats().dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        assertThat(remote.isConnected()).isTrue();
        assertThat(raw().clientList()).contains("cmd=psubscribe");
    }

    @Test
    void itemsAreDeliveredOnTheDeliveryThread_notOnALettuceThread() {
        Source<Integer> sub = redis.source("threads", Integer.class);
        List<String> threads = new CopyOnWriteArrayList<>();
        sub.subscribe(i -> threads.add(Thread.currentThread().getName()));
        sub.ready().blockingAwait(30, TimeUnit.SECONDS);
        raw().publish("threads", "1");
        await().until(() -> threads.size() == 1);
        assertThat(threads.get(0)).matches("mape-redis-\\d+-delivery");
    }

    @Test
    void oneRemotePerApp_closedWithTheApp() {
        assertThat(RedisRemote.of(app)).isSameAs(remote);
        assertThat(RedisRemote.of(app, REDIS.server().url())).isSameAs(remote);
        assertThat(app.component(RedisRemote.class)).contains(remote);
        assertThatThrownBy(() -> RedisRemote.of(app, RedisOptions.builder().deliveryBuffer(3).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a RedisRemote");

        Source<Integer> sub = redis.source("closing", Integer.class);
        AtomicBoolean completed = new AtomicBoolean();
        sub.subscribe(i -> { }, e -> { }, () -> completed.set(true));
        app.close();

        assertThat(remote.isClosed()).isTrue();
        assertThat(redis.isClosed()).isTrue();
        assertThat(completed).isTrue();
        assertThatThrownBy(() -> redis.sink("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void connectsWithUserPasswordAndDatabaseFromTheConfig() {
        raw().aclSetuser("alice", AclSetuserArgs.Builder.on().addPassword("s3cret")
                .allCommands().allKeys().allChannels());
        try (App device = App.create(MapeConfig.builder().redisUrl(REDIS.server().url("alice", "s3cret", 2)).build())) {
            RedisRemote remote = RedisRemote.of(device);
            assertThat(remote.url()).contains("alice:***@").doesNotContain("s3cret");
            Transport t = RedisTransport.builder(device).build();
            List<Integer> got = collect(t.source("acl.*", Integer.class));
            t.sink("acl.test").onNext(5);
            await().until(() -> got.equals(List.of(5)));
        } finally {
            raw().aclDeluser("alice");
        }
    }

    @Test
    void aWrongPasswordFailsAtConnect_sayingWhere() {
        raw().aclSetuser("bob", AclSetuserArgs.Builder.on().addPassword("right").allCommands().allChannels());
        try (App device = App.create(MapeConfig.builder().redisUrl(REDIS.server().url("bob", "wrong", 0)).build())) {
            assertThatThrownBy(() -> RedisRemote.of(device))
                    .isInstanceOf(RemoteUnavailableException.class)
                    .hasMessageContaining("cannot connect to Redis at redis://bob:***@")
                    .hasMessageNotContaining("wrong");
        } finally {
            raw().aclDeluser("bob");
        }
    }

    @Test
    void badPatternsAndChannelsAreRefusedAtTheEdge() {
        assertThatThrownBy(() -> redis.source(" ", Integer.class)).hasMessageContaining("pattern must not be blank");
        assertThatThrownBy(() -> redis.sink("")).hasMessageContaining("channel must not be blank");
        assertThatThrownBy(() -> redis.sink("car_*.detect")).hasMessageContaining("not to a pattern");
        Element<Integer, Integer> loose = new Monitor<>() { };
        assertThatThrownBy(() -> redis.sink(loose)).hasMessageContaining("is in no loop");
    }
}
