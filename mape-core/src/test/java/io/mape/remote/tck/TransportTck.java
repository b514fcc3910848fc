package io.mape.remote.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Message;
import io.mape.config.MapeConfig;
import io.mape.knowledge.TypeRef;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.Link;
import io.mape.remote.Links;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport TCK: what every {@link Transport} does against its real server. A transport passes it by
 * subclassing, giving a new transport for an App from {@link #transport(App)} (every App of a test on the same
 * server or hub). A transport with a server passes {@link ServerTransportTck}, which adds killing the server
 * ({@code kill -9}) and restarting it on the same address:
 *
 * <pre>{@code
 * class RedisTransportTckIT extends ServerTransportTck {
 *     protected Transport transport(App app) { return RedisTransport.builder(app).url(server.url()).build(); }
 *     protected void killServer() { server.kill(); }
 *     protected void restartServer() { server.start(); }
 * }
 * }</pre>
 *
 * Channels are prefixed per test, so a server may be shared by the tests of a class.
 */
public abstract class TransportTck {

    /** An item with a shape: a record decoded from JSON. */
    public record Speed(String car, int kmh) {
    }

    private final List<App> apps = new ArrayList<>();
    private final String prefix = "tck" + Long.toHexString(System.nanoTime()) + ".";

    /** A new transport for {@code app}, reaching every other transport this class makes. */
    protected abstract Transport transport(App app);

    /** How long the TCK waits for what a transport does (delivery, readiness, reconnection). Default 30 s. */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @AfterEach
    void closeApps() {
        apps.forEach(App::close);
    }

    final Transport newTransport() {
        App app = App.create(MapeConfig.defaults());
        apps.add(app);
        return transport(app);
    }

    final String channel(String name) {
        return prefix + name;
    }

    final <T> List<T> collect(Source<T> source) {
        List<T> got = new CopyOnWriteArrayList<>();
        source.subscribe(got::add);
        source.ready().blockingAwait(timeout().toMillis(), TimeUnit.MILLISECONDS);
        return got;
    }

    final void awaitSize(List<?> got, int n) {
        await().atMost(timeout()).untilAsserted(() ->
                assertThat(got.size()).as("items received").isGreaterThanOrEqualTo(n));
    }

    static void assertAccounted(DeliveryStats s) {
        assertThat(s.sent() + s.failed() + s.droppedTotal() + s.pending()).as("every accepted item accounted: " + s)
                .isEqualTo(s.accepted());
    }

    @Test
    void deliversInOrderPerSender() throws Exception {
        Transport receiver = newTransport();
        List<Speed> got = collect(receiver.source(channel("order.*"), Speed.class));
        Sink a = newTransport().sink(channel("order.a"));
        Sink b = newTransport().sink(channel("order.b"));
        Thread ta = new Thread(() -> send(a, "a", 0, 500));
        Thread tb = new Thread(() -> send(b, "b", 0, 500));
        ta.start();
        tb.start();
        ta.join();
        tb.join();

        awaitSize(got, 1000);
        assertThat(got.stream().filter(s -> s.car().equals("a")).map(Speed::kmh)).containsExactlyElementsOf(range(0, 500));
        assertThat(got.stream().filter(s -> s.car().equals("b")).map(Speed::kmh)).containsExactlyElementsOf(range(0, 500));
        // a broker may deliver an item before the sender hears that it took it
        await().atMost(timeout()).untilAsserted(() -> assertThat(a.stats().sent()).isEqualTo(500));
        assertAccounted(a.stats());
    }

    private static void send(Sink sink, String car, int from, int to) {
        for (int i = from; i < to; i++) {
            sink.onNext(new Speed(car, i));
        }
    }

    static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }

    @Test
    void matchesChannelsWithRedisGlobRules() {
        Transport receiver = newTransport();
        Transport sender = newTransport();
        List<String> starred = collect(receiver.source(channel("p.car_*.detect"), String.class));
        List<String> set = collect(receiver.source(channel("p.car_[ab].detect"), String.class));
        List<String> negated = collect(receiver.source(channel("p.car_[^ab].detect"), String.class));
        List<String> one = collect(receiver.source(channel("p.car_?.detect"), String.class));
        List<String> sent = List.of("p.car_a.detect", "p.car_b.detect", "p.car_c.detect", "p.car_ab.detect",
                "p.bus_a.detect", "p.car_a.detectX", "pXcar_a.detect", "p.car_z.detect");
        for (String c : sent) {
            Sink sink = sender.sink(channel(c));
            sink.onNext(c);
            await().atMost(timeout()).until(() -> sink.stats().sent() == 1);
        }
        await().atMost(timeout()).until(() -> set.contains("p.car_b.detect") && one.contains("p.car_z.detect")
                && negated.contains("p.car_z.detect") && starred.contains("p.car_z.detect"));

        assertThat(starred).containsExactly("p.car_a.detect", "p.car_b.detect", "p.car_c.detect", "p.car_ab.detect",
                "p.car_z.detect");
        assertThat(set).containsExactly("p.car_a.detect", "p.car_b.detect");
        assertThat(negated).containsExactly("p.car_c.detect", "p.car_z.detect");
        assertThat(one).containsExactly("p.car_a.detect", "p.car_b.detect", "p.car_c.detect", "p.car_z.detect");
    }

    @Test
    void decodesIntoTheDeclaredTypes_genericOnesToo() {
        Transport receiver = newTransport();
        List<Speed> plain = collect(receiver.source(channel("types.*"), Speed.class));
        List<Message<Speed>> messages = collect(receiver.source(channel("types.*"), new TypeRef<Message<Speed>>() { }));
        Sink sink = newTransport().sink(channel("types.a"));

        sink.onNext(new Speed("a", 90));
        sink.onNext(Message.of(new Speed("a", 100)).from("car_a.speed"));

        awaitSize(plain, 2);
        awaitSize(messages, 2);
        assertThat(plain).containsExactly(new Speed("a", 90), new Speed("a", 100));
        assertThat(messages).extracting(Message::value).containsExactly(new Speed("a", 90), new Speed("a", 100));
        assertThat(messages.get(0).value()).isInstanceOf(Speed.class);
        assertThat(messages.get(1).src()).isEqualTo("car_a.speed");
    }

    @Test
    void countsAndSkipsWhatDoesNotDecode() {
        Transport receiver = newTransport();
        Source<Speed> source = receiver.source(channel("bad"), Speed.class);
        List<Speed> got = collect(source);
        Sink sink = newTransport().sink(channel("bad"));

        sink.onNext("not a speed");
        sink.onNext(42);
        sink.onNext(List.of(1, 2));
        sink.onNext(new Speed("a", 1));

        awaitSize(got, 1);
        assertThat(got).containsExactly(new Speed("a", 1));
        assertThat(source.stats()).isEqualTo(DeliveryStats.ofSource(4, 3, 0));
    }

    @Test
    void readyCompletesOnceTheServerHearsThePattern_andNothingSentAfterIsLost() {
        Transport receiver = newTransport();
        Source<Integer> source = receiver.source(channel("ready"), Integer.class);
        var ready = source.ready().test();
        ready.assertNotComplete().assertNoErrors();

        List<Integer> got = collect(source);
        ready.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS).assertComplete();
        Sink sink = newTransport().sink(channel("ready"));
        range(0, 100).forEach(sink::onNext);

        awaitSize(got, 100);
        assertThat(got).containsExactlyElementsOf(range(0, 100));
    }

    @Test
    void closingASinkUnlinksItAndDrainsWhatIsPending() {
        Transport receiver = newTransport();
        List<Integer> got = collect(receiver.source(channel("drain"), Integer.class));
        Sink sink = newTransport().sink(channel("drain"));
        io.reactivex.rxjava3.subjects.PublishSubject<Integer> upstream = io.reactivex.rxjava3.subjects.PublishSubject.create();
        upstream.subscribe(sink);
        range(0, 2000).forEach(upstream::onNext);

        sink.close();

        assertThat(upstream.hasObservers()).as("unlinked").isFalse();
        DeliveryStats s = sink.stats();
        assertThat(s.pending()).as("drained: " + s).isZero();
        assertThat(s.sent()).as("sent: " + s).isEqualTo(2000);
        awaitSize(got, 2000);
        assertThat(got).containsExactlyElementsOf(range(0, 2000));
        assertThat(sink.isClosed()).isTrue();
        sink.onNext(1);
        assertThat(sink.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void dropsAnItemOverTheSizeCap_countedAsTooLarge_andGoesOn() {
        Transport receiver = newTransport();
        List<String> got = collect(receiver.source(channel("big"), String.class));
        Sink sink = newTransport().sink(channel("big"), SinkOptions.builder().maxItemBytes(1000).build());

        sink.onNext("x".repeat(2000));
        sink.onNext("small");

        awaitSize(got, 1);
        assertThat(got).containsExactly("small");
        assertThat(sink.stats().dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        assertAccounted(sink.stats());
    }

    /** An item neither Jackson nor {@code toString} can render. */
    public static final class Hostile {
        public int getValue() {
            throw new IllegalStateException("no value");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }
    }

    @Test
    void dropsAnItemThatDoesNotEncode_countedAsUnencodable_evenWhenItsToStringThrows() {
        Transport receiver = newTransport();
        List<Integer> got = collect(receiver.source(channel("hostile"), Integer.class));
        Sink sink = newTransport().sink(channel("hostile"));

        assertThatCode(() -> sink.onNext(new Hostile())).doesNotThrowAnyException();
        sink.onNext(5);

        awaitSize(got, 1);
        assertThat(got).containsExactly(5);
        assertThat(sink.stats().dropped(DropReason.UNENCODABLE)).isEqualTo(1);
        assertAccounted(sink.stats());
    }

    @Test
    void listsItsSinksAndSourcesInTheAppsLinks_untilTheyClose() {
        App app = App.create(MapeConfig.defaults());
        apps.add(app);
        Transport t = transport(app);
        Sink sink = t.sink(channel("listed"));
        Source<Integer> source = t.source(channel("listed*"), Integer.class);

        assertThat(Links.of(app).list()).extracting(Link::direction, Link::channel, Link::transport)
                .contains(org.assertj.core.groups.Tuple.tuple(Link.Direction.SINK, channel("listed"), t.name()),
                        org.assertj.core.groups.Tuple.tuple(Link.Direction.SOURCE, channel("listed*"), t.name()));
        sink.close();
        assertThat(Links.of(app).list()).doesNotContain(sink).contains(source);
        t.close();
        assertThat(Links.of(app).list()).doesNotContain(source);
    }

    @Test
    void closingTheTransportCompletesItsSources_andNothingFollowsCompletion() {
        Transport receiver = newTransport();
        Source<Integer> source = receiver.source(channel("end"), Integer.class);
        AtomicBoolean completed = new AtomicBoolean();
        AtomicBoolean afterCompletion = new AtomicBoolean();
        List<Integer> got = new CopyOnWriteArrayList<>();
        source.subscribe(new Observer<Integer>() {
            @Override
            public void onSubscribe(Disposable d) {
            }

            @Override
            public void onNext(Integer i) {
                if (completed.get()) {
                    afterCompletion.set(true);
                }
                got.add(i);
            }

            @Override
            public void onError(Throwable e) {
            }

            @Override
            public void onComplete() {
                completed.set(true);
            }
        });
        source.ready().blockingAwait(timeout().toMillis(), TimeUnit.MILLISECONDS);
        Sink sink = newTransport().sink(channel("end"));
        range(0, 5000).forEach(sink::onNext);
        awaitSize(got, 1);

        receiver.close();

        assertThat(completed).isTrue();
        range(0, 100).forEach(sink::onNext);
        sink.close();
        assertThat(afterCompletion).as("onNext after onComplete").isFalse();
        assertThatThrownBy(() -> receiver.source(channel("end"), Integer.class))
                .as("a closed transport makes no sources").isInstanceOf(IllegalStateException.class);
    }
}
